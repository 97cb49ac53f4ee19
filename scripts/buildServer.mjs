// `npm run build:server` (and `npm start`, through ensureBuild.mjs): compiles the server to plain
// JavaScript in build-server/, so production runs on `node` with no TypeScript loader.
//
// esbuild (already installed: tsx runs on it) bundles our own code — server/ and the
// `#shared/*` modules of src/lib/shared, JSON included — and leaves every npm package external,
// loaded from node_modules as usual. Two entry points: main.js, the server, and workTasks.js,
// the file each worker thread starts with (no tsx to register there). Code splitting keeps
// dynamic imports lazy (the checker and its 3 MB lexicon load only when a worker first
// proofreads) and puts what both entries use in shared chunks, all in the one folder so
// `new URL('./workTasks.js', import.meta.url)` finds the worker from any of them.
// Source maps are written beside the code: `NODE_OPTIONS=--enable-source-maps npm start` maps
// stack traces to the TypeScript (left off by default: it adds about 0.1 s to start-up).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const serverOut = 'build-server';

/** Builds into `outdir` (build-server/ unless told; a test builds its own copy elsewhere). */
export async function buildServer(outdir = serverOut) {
	rmSync(outdir, { recursive: true, force: true });
	await build({
		entryPoints: { main: 'server/main.ts', workTasks: 'server/work/workTasks.ts' },
		outdir,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20.19',
		packages: 'external',
		chunkNames: 'chunk-[hash]',
		sourcemap: 'linked',
		tsconfig: 'tsconfig.server.json',
		logLevel: 'warning'
	});
}

// `node scripts/buildServer.mjs [outdir]`
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	await buildServer(process.argv[2]);
}
