import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { galleyBackend } from './server/vitePlugin.ts';

export default defineConfig({
	plugins: [galleyBackend(), sveltekit()]
});
