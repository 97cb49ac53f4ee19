import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './freePort';

/** A Postgres server of the test's own: its data and socket live in a temp folder. */
export interface PrivatePostgres {
	/** `postgres://` URL of the `postgres` database (superuser `galley`, no password). */
	url: string;
	/** A new, empty database on this server; its URL. */
	createDatabase(): Promise<string>;
	/** Stops the server (immediate shutdown: as if it crashed), keeping its data for `resume`. */
	pause(): Promise<void>;
	/** Starts it again on the same port and data (crash recovery, as after a failover). */
	resume(): Promise<void>;
	/** Stops the server (fast shutdown) and deletes its folder. */
	stop(): Promise<void>;
}

const SUPERUSER = 'galley';
const running = new Set<() => void>();
let databases = 0;

/** Where to look for the Postgres binaries (the defaults; tests of this helper change them). */
export interface PostgresSearch {
	/** PATH to search for initdb. */
	searchPath?: string;
	/** Debian's folder of installed versions. */
	debianRoot?: string;
}

/**
 * Where initdb, pg_ctl and postgres are: on PATH (e.g. /usr/local/bin) or Debian's
 * /usr/lib/postgresql/<version>/bin (the newest), which is not on PATH.
 */
export function findPostgresBin({
	searchPath = process.env.PATH ?? '',
	debianRoot: debian = '/usr/lib/postgresql'
}: PostgresSearch = {}): string | null {
	const onPath = spawnSync('/bin/sh', ['-c', 'command -v initdb'], {
		encoding: 'utf8',
		env: { ...process.env, PATH: searchPath }
	});
	const found = onPath.status === 0 ? onPath.stdout.trim() : '';
	if (found) return path.dirname(found);
	if (!existsSync(debian)) return null;
	const versions = readdirSync(debian)
		.filter((version) => existsSync(path.join(debian, version, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? path.join(debian, versions[0], 'bin') : null;
}

/**
 * Starts a private Postgres (initdb + pg_ctl) on a free loopback port, with its unix socket in
 * the same temp folder. initdb refuses to run as root, so as root every step runs as the
 * `postgres` user, which then owns the folder. Throws with what to install when the binaries
 * are missing: a test that needs Postgres fails, it is never skipped.
 */
export async function startPrivatePostgres(search: PostgresSearch = {}): Promise<PrivatePostgres> {
	const bin = findPostgresBin(search);
	if (!bin) {
		throw new Error(
			'Postgres is not installed: no initdb on PATH or in /usr/lib/postgresql/*/bin. ' +
				'Install it (Debian: apt-get install postgresql; .ci/run does this).'
		);
	}
	const folder = mkdtempSync(path.join(tmpdir(), 'galley-pg-'));
	const dataDir = path.join(folder, 'data');
	const socketDir = path.join(folder, 'socket');
	mkdirSync(socketDir);
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(folder, uid, gid);
		chownSync(socketDir, uid, gid);
	}
	const run = (tool: string, args: string[]) => {
		const command = asRoot ? 'runuser' : path.join(bin, tool);
		const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
		const result = spawnSync(command, argv, { encoding: 'utf8', cwd: folder });
		if (result.status !== 0) {
			throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
		}
	};

	run('initdb', ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--no-sync']);
	const port = await freePort();
	// fsync off: the operating system stays up when this server stops, so its own durability
	// against power loss is moot.
	const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`;
	const start = () =>
		run('pg_ctl', [
			'start',
			'-w',
			'-t',
			'60',
			'-D',
			dataDir,
			'-l',
			path.join(folder, 'log'),
			'-o',
			options
		]);
	start();

	let stopped = false;
	const stopNow = () => {
		if (stopped) return;
		stopped = true;
		running.delete(stopNow);
		try {
			run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir]);
		} catch (error) {
			// Paused and never resumed: nothing is running to stop.
			if (!String(error).includes('Is server running?')) throw error;
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	};
	running.add(stopNow);
	const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
	return {
		url,
		async createDatabase() {
			const name = `galley_${process.pid}_${++databases}`;
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				await client.query(`CREATE DATABASE ${name}`);
			} finally {
				await client.end();
			}
			return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
		},
		async pause() {
			run('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', dataDir]);
		},
		async resume() {
			start();
		},
		async stop() {
			stopNow();
		}
	};
}

// A test run that ends without stop() (a crash, Ctrl-C) must not leave servers behind.
process.once('exit', () => {
	for (const stop of [...running]) {
		try {
			stop();
		} catch {
			// Best effort on the way out.
		}
	}
});
