// npm run bench:startup — how fast the server starts and how much memory it holds once ready,
// run from its TypeScript sources through tsx (the old `npm start`) and as compiled JavaScript
// on plain node (`npm start` now). Each run is a fresh process on a fresh data directory: the time
// is from spawn until /healthz answers 200; the RSS (the process and its children, from /proc) is
// read when it answers and again after a settle (the pool's warm worker thread loading its code).
// Runs alternate between the ways of starting; medians are printed. `--runs N` (default 5).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleProcess } from '../collab/procStats.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const runs = process.argv.includes('--runs')
	? Number(process.argv[process.argv.indexOf('--runs') + 1])
	: 5;
const SETTLE_MS = 3_000;

const WAYS = [
	{
		name: 'tsx server/main.ts (before)',
		command: 'node_modules/.bin/tsx',
		args: ['server/main.ts']
	},
	{
		name: 'node --import tsx server/main.ts (tests)',
		command: process.execPath,
		args: ['--import', 'tsx', 'server/main.ts']
	},
	{
		name: 'node build-server/main.js (npm start)',
		command: process.execPath,
		args: ['build-server/main.js']
	}
];

interface Run {
	readyMs: number;
	readyRss: number;
	settledRss: number;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

async function healthy(url: string): Promise<boolean> {
	try {
		const response = await fetch(url);
		await response.arrayBuffer();
		return response.status === 200;
	} catch {
		return false;
	}
}

async function once(way: (typeof WAYS)[number]): Promise<Run> {
	const port = await freePort();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-startup-'));
	const started = performance.now();
	const child = spawn(way.command, way.args, {
		cwd: repoRoot,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	try {
		const url = `http://127.0.0.1:${port}/healthz`;
		while (!(await healthy(url))) {
			if (child.exitCode !== null) throw new Error(`${way.name} exited with ${child.exitCode}`);
			if (performance.now() - started > 60_000) throw new Error(`${way.name} not ready in 60 s`);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		const readyMs = performance.now() - started;
		const readyRss = sampleProcess(child.pid!).rssBytes;
		await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
		return { readyMs, readyRss, settledRss: sampleProcess(child.pid!).rssBytes };
	} finally {
		child.kill('SIGTERM');
		await exited;
		rmSync(dataDir, { recursive: true, force: true });
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// The compiled server must be current (as `npm start` makes it) before it is timed.
await new Promise<void>((resolve, reject) =>
	spawn(process.execPath, ['scripts/ensureBuild.mjs'], { cwd: repoRoot, stdio: 'inherit' }).once(
		'exit',
		(code) => (code === 0 ? resolve() : reject(new Error(`ensureBuild exited with ${code}`)))
	)
);

const results = new Map<string, Run[]>(WAYS.map((way) => [way.name, []]));
for (let i = 0; i < runs; i++) {
	for (const way of WAYS) {
		const run = await once(way);
		results.get(way.name)!.push(run);
		process.stderr.write(
			`${way.name}: ${run.readyMs.toFixed(0)} ms, ${(run.readyRss / 2 ** 20).toFixed(0)} → ${(run.settledRss / 2 ** 20).toFixed(0)} MB\n`
		);
	}
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
console.log(
	`\nMedians of ${runs} runs (spawn → /healthz 200; RSS at ready, and ${SETTLE_MS / 1000} s later)\n`
);
console.log('| start | ready | RSS at ready | RSS settled |');
console.log('| --- | --- | --- | --- |');
for (const [name, list] of results) {
	console.log(
		`| ${name} | ${median(list.map((r) => r.readyMs)).toFixed(0)} ms | ${mb(median(list.map((r) => r.readyRss)))} | ${mb(median(list.map((r) => r.settledRss)))} |`
	);
}
