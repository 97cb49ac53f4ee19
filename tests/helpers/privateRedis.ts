import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './freePort';

/** A redis-server of the test's own, on a free loopback port, keeping nothing on disk. */
export interface PrivateRedis {
	url: string;
	/** Kills the server (SIGKILL: as if it crashed); `start` brings it back on the same port. */
	stop(): Promise<void>;
	start(): Promise<void>;
	/** Stops it for good and deletes its folder. */
	dispose(): Promise<void>;
}

const running = new Set<ChildProcess>();

/**
 * Starts redis-server (Debian's `redis-server`; .ci/run installs it). Throws with what to install
 * when it is missing: a test that needs Redis fails, it is never skipped.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
	if (spawnSync('/bin/sh', ['-c', 'command -v redis-server']).status !== 0) {
		throw new Error(
			'redis-server is not installed. Install it (Debian: apt-get install redis-server; .ci/run does this).'
		);
	}
	const folder = mkdtempSync(path.join(tmpdir(), 'galley-redis-'));
	const port = await freePort();
	let child: ChildProcess | null = null;

	const start = () =>
		new Promise<void>((resolve, reject) => {
			const server = spawn(
				'redis-server',
				['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
				{ cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] }
			);
			child = server;
			running.add(server);
			let output = '';
			server.stdout!.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Ready to accept connections')) resolve();
			});
			server.once('exit', (code) => {
				running.delete(server);
				reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
			});
		});

	const stop = async () => {
		const server = child;
		child = null;
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGKILL');
		await exited;
	};

	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		stop,
		start,
		async dispose() {
			await stop();
			rmSync(folder, { recursive: true, force: true });
		}
	};
}

// A test run that ends without dispose() must not leave servers behind.
process.once('exit', () => {
	for (const server of running) server.kill('SIGKILL');
});
