import { defineConfig } from 'vitest/config';

// Plain Node projects: the shared model and the server need no Svelte plugin, and the
// end-to-end project drives a real Chromium against a real server process.
export default defineConfig({
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			},
			{
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.e2e.ts'],
					environment: 'node',
					testTimeout: 90_000,
					hookTimeout: 90_000,
					fileParallelism: false
				}
			}
		]
	}
});
