import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopChild, trackChild } from '../collab/children.ts';
import { BENCH_ADMIN_TOKEN, repoRoot } from '../collab/servers.ts';

/** Galley as a user runs it, with its default limits, on loopback in a fresh data directory. */
export interface IsolationServer {
	pid: number;
	url: string;
	wsUrl: string;
	stop(): Promise<void>;
}

/**
 * Starts the server with every limit at its default except: the admin token (the bench's way
 * into every story), enough imports a minute for the attacks themselves, and an import limit
 * that lets the bench bring in the 9.8 MB story the export attack needs in one go (a story can
 * reach that size through edits).
 */
export async function startIsolationServer(): Promise<IsolationServer> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-isolation-'));
	const child = spawn(
		process.execPath,
		['--import', 'tsx', path.join(repoRoot, 'server/main.ts')],
		{
			cwd: repoRoot,
			env: {
				...process.env,
				HOST: '127.0.0.1',
				PORT: '0',
				DATA_DIR: dataDir,
				LOG_LEVEL: 'warn',
				ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
				IMPORTS_PER_MINUTE: '1000',
				MAX_IMPORT_BYTES: String(12 * 1024 * 1024)
			},
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	trackChild(child);
	const port = await new Promise<number>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening (\d+)/.exec(out);
			if (match) resolve(Number(match[1]));
		});
		child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
	});
	return {
		pid: child.pid!,
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}/collab`,
		async stop() {
			await stopChild(child);
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
