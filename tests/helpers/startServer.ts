import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(repoRoot, 'tests/.out');

export interface StartServerOptions {
	/** Extra environment for the server process. */
	env?: Record<string, string>;
	/** Reuse a data directory (e.g. to restart on the same data); a temp dir by default. */
	dataDir?: string;
}

export interface RunningServer {
	url: string;
	wsUrl: string;
	port: number;
	dataDir: string;
	/** Where the server's stderr and stdout go (kept across restarts). */
	logFile: string;
	/** Stops the process with the signal (SIGTERM by default) and waits for it to exit. */
	kill(signal?: NodeJS.Signals): Promise<number | null>;
	/** Starts the server again on the same data directory and port. */
	restart(): Promise<void>;
	/** Kills the process if still running and removes the temp data directory. */
	dispose(): Promise<void>;
	exitCode(): number | null;
}

let serial = 0;

/**
 * Spawns the real Galley server (`tsx server/main.ts`) on an ephemeral port with its own data
 * directory and waits for its `listening <port>` line. Logs go to tests/.out/ for CI.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
	const ownsDataDir = !options.dataDir;
	const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'galley-test-'));
	mkdirSync(outDir, { recursive: true });
	const logName = `server-${process.pid}-${++serial}.log`;
	let child: ChildProcess;
	let port = 0;

	const launch = async (wantedPort: number) => {
		const log = createWriteStream(path.join(outDir, logName), { flags: 'a' });
		// `--import tsx` keeps the server in this one process, so a signal reaches the server itself.
		child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
			cwd: repoRoot,
			env: {
				...process.env,
				PORT: String(wantedPort),
				HOST: '127.0.0.1',
				DATA_DIR: dataDir,
				LOG_LEVEL: 'info',
				// Tests import far more than a person would; the limit itself has its own test.
				IMPORTS_PER_MINUTE: '100000',
				// Likewise wrong tokens (many tests try them) and review writes; each limit has its
				// own test with the limit set low.
				TOKEN_FAILURES_PER_MINUTE: '100000',
				REVIEW_WRITES_PER_MINUTE: '100000',
				...options.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stderr!.pipe(log);
		port = await new Promise<number>((resolve, reject) => {
			let buffered = '';
			const onData = (chunk: Buffer) => {
				buffered += chunk.toString();
				const match = /listening (\d+)/.exec(buffered);
				if (match) {
					child.stdout!.off('data', onData);
					child.stdout!.pipe(log);
					resolve(Number(match[1]));
				}
			};
			child.stdout!.on('data', onData);
			child.once('exit', (code) =>
				reject(new Error(`server exited with ${code} before listening; see tests/.out/${logName}`))
			);
		});
	};

	const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
		const exited = new Promise<number | null>((resolve) =>
			child.once('exit', (code) => resolve(code))
		);
		child.kill(signal);
		return exited;
	};

	await launch(0);
	const server: RunningServer = {
		get url() {
			return `http://127.0.0.1:${port}`;
		},
		get wsUrl() {
			return `ws://127.0.0.1:${port}/collab`;
		},
		get port() {
			return port;
		},
		dataDir,
		logFile: path.join(outDir, logName),
		kill,
		restart: () => launch(port),
		async dispose() {
			await kill('SIGKILL');
			if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
		},
		exitCode: () => child.exitCode
	};
	return server;
}
