// `npm start`: build the app and the server when they were never built or their sources changed
// since the last build, so a fresh clone (or a pull) needs only `npm install && npm start`.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildServer, serverOut } from './buildServer.mjs';

function newestChange(entry) {
	const stats = statSync(entry);
	if (!stats.isDirectory()) return stats.mtimeMs;
	return readdirSync(entry).reduce(
		(newest, name) => Math.max(newest, newestChange(path.join(entry, name))),
		stats.mtimeMs
	);
}

/** True when `built` is missing or older than any of `sources`. */
function stale(built, sources) {
	return (
		!existsSync(built) ||
		sources.some((source) => existsSync(source) && newestChange(source) > statSync(built).mtimeMs)
	);
}

const appSources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
if (stale('build/handler.js', appSources)) {
	process.stdout.write('Building the Galley app…\n');
	execSync('npx vite build', { stdio: 'inherit' });
}

const serverSources = [
	'server',
	'src/lib/shared',
	'package.json',
	'tsconfig.server.json',
	'scripts/buildServer.mjs'
];
if (stale(path.join(serverOut, 'main.js'), serverSources)) {
	process.stdout.write('Building the Galley server…\n');
	await buildServer();
}
