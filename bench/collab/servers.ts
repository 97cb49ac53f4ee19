import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { stopChild, trackChild } from './children.ts';

export type ServerKind = 'ours' | 'reference';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const outDir = path.join(repoRoot, 'bench/.out');

/** A server under test, running as its own child process on loopback. */
export interface BenchServer {
	kind: ServerKind;
	pid: number;
	httpUrl: string;
	/** Base for WebsocketProvider: rooms live at `${wsBase}/<room>`. */
	wsBase: string;
	/** Its data directory (removed by `stop`). */
	dataDir: string;
	/** Last lines the server wrote to stderr (for error reports). */
	stderrTail(): string;
	stop(): Promise<void>;
}

/** Data directories of servers still running, removed even when the benchmark is interrupted. */
const liveDataDirs = new Set<string>();
process.on('exit', () => {
	for (const dir of liveDataDirs) rmSync(dir, { recursive: true, force: true });
});

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

/**
 * Galley needs a share-link token on every story call and WebSocket: the benches use the admin
 * token, which opens every story (the reference server ignores the query).
 */
export const BENCH_ADMIN_TOKEN = 'galley-bench-admin-token-not-a-secret';

/** `url` with the bench token as `?token=` (or `&token=`). */
export function withBenchToken(url: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}token=${BENCH_ADMIN_TOKEN}`;
}

function command(
	kind: ServerKind,
	dataDir: string,
	port: number,
	extraEnv: Record<string, string>
) {
	const serverMain = path.join(repoRoot, 'server/main.ts');
	const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port) };
	if (kind === 'ours') {
		// `node --import tsx` rather than the tsx CLI: the CLI runs the server in a second node
		// process, and /proc figures must be read from the process doing the work. Durable
		// persistence (SQLite in DATA_DIR, on the same disk as the repository, not tmpfs) is on,
		// as users run it.
		return {
			args: ['--import', 'tsx', serverMain],
			env: {
				...env,
				DATA_DIR: dataDir,
				LOG_LEVEL: 'warn',
				ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
				// Load generators are not people: lift the per-IP and per-connection limits.
				IMPORTS_PER_MINUTE: '1000000',
				WS_MESSAGES_PER_SECOND: '1000000',
				WS_BYTES_PER_SECOND: String(1024 * 1024 * 1024),
				WS_CONNECTIONS_PER_ADDRESS: '1000000',
				// DATABASE_URL and REDIS_URL when the benchmark runs a fleet (bench/collab/fleet.ts).
				...extraEnv
			},
			ready: /listening (\d+)/
		};
	}
	// y-websocket 2.1.0's bin/server: in-memory documents (no YPERSISTENCE), as its README runs it.
	return {
		args: [path.join(repoRoot, 'node_modules/y-websocket-reference/bin/server.cjs')],
		env,
		ready: /running at/
	};
}

/**
 * Starts a fresh server of `kind` with an empty data directory and waits until it listens. Ours
 * serves the app from `<cwd>/build` (the repository's build unless `cwd` says otherwise), with
 * `env` added to its environment.
 */
export async function startServer(
	kind: ServerKind,
	timeoutMs = 60_000,
	cwd = repoRoot,
	env: Record<string, string> = {}
): Promise<BenchServer> {
	mkdirSync(outDir, { recursive: true });
	// BENCH_DATA_ROOT (e.g. /dev/shm) moves the data directory, to see what durable writes cost.
	const dataDir = mkdtempSync(path.join(process.env.BENCH_DATA_ROOT ?? outDir, `data-${kind}-`));
	liveDataDirs.add(dataDir);
	const port = await freePort();
	const started = command(kind, dataDir, port, env);
	// BENCH_CPU_PROF=1 also profiles the servers (written when they exit on SIGTERM).
	const profile = process.env.BENCH_CPU_PROF
		? ['--cpu-prof', `--cpu-prof-dir=${path.join(outDir, 'prof', `${kind}-${port}`)}`]
		: [];
	const child: ChildProcess = spawn(process.execPath, [...profile, ...started.args], {
		cwd,
		env: started.env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	trackChild(child);
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-4000);
	});
	await new Promise<void>((resolve, reject) => {
		let stdout = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${kind} server did not start within ${timeoutMs} ms:\n${stderr}`));
		}, timeoutMs);
		child.stdout!.on('data', (chunk: Buffer) => {
			if (stdout.length < 10_000) stdout += chunk.toString();
			if (started.ready.test(stdout)) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`${kind} server exited (${code ?? signal}) before listening:\n${stderr}`));
		});
	});
	// Keep draining stdout so a chatty server never blocks on a full pipe.
	child.stdout!.resume();
	return {
		kind,
		pid: child.pid!,
		httpUrl: `http://127.0.0.1:${port}`,
		wsBase: `ws://127.0.0.1:${port}/collab`,
		dataDir,
		stderrTail: () => stderr,
		async stop() {
			await stopChild(child);
			rmSync(dataDir, { recursive: true, force: true });
			liveDataDirs.delete(dataDir);
		}
	};
}
