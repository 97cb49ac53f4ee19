// `npm start`: build the app when it was never built or its sources changed since the last build,
// so a fresh clone (or a pull) needs only `npm install && npm start`.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const built = 'build/handler.js';

function newestChange(entry) {
	const stats = statSync(entry);
	if (!stats.isDirectory()) return stats.mtimeMs;
	return readdirSync(entry).reduce(
		(newest, name) => Math.max(newest, newestChange(path.join(entry, name))),
		stats.mtimeMs
	);
}

const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
const stale =
	!existsSync(built) ||
	sources.some((source) => existsSync(source) && newestChange(source) > statSync(built).mtimeMs);

if (stale) {
	process.stdout.write('Building the Galley app…\n');
	execSync('npx vite build', { stdio: 'inherit' });
}
