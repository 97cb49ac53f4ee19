import path from 'node:path';
import { z } from 'zod';
import { defaultWorkThreads, type WorkLimits } from './work/WorkPool';

const MB = 1024 * 1024;

/**
 * A story typed offline encodes to about its text's size plus a little per paragraph and edit:
 * four times the largest import leaves room for formatting, corrections and the notes.
 */
const WRITER_MESSAGE_PER_IMPORT_BYTE = 4;

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const ConfigSchema = z.object({
	PORT: integer(3000, 0).pipe(z.number().max(65535)),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for SQLite)')
		.optional(),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'must be a redis:// URL (leave it unset for one process)')
		.optional(),
	FLEET_POLL_MS: integer(1_000, 50),
	MAX_IMPORT_BYTES: integer(5 * MB, 1),
	MAX_STORY_BYTES: integer(8 * MB, 1024),
	MAX_MESSAGE_BYTES: integer(8 * MB, 1024),
	MAX_WRITER_MESSAGE_BYTES: z.coerce.number().int().min(1024).optional(),
	ROOM_UNLOAD_MS: integer(30_000, 0),
	VERSION_PAUSE_MS: integer(5 * 60_000, 0),
	PING_INTERVAL_MS: integer(30_000, 100),
	IMPORTS_PER_MINUTE: integer(30, 1),
	WS_MESSAGES_PER_SECOND: integer(100, 1),
	WS_BYTES_PER_SECOND: integer(1024 * 1024, 1024),
	REVIEW_WRITES_PER_MINUTE: integer(60, 1),
	TOKEN_FAILURES_PER_MINUTE: integer(20, 1),
	WS_CONNECTIONS_PER_ADDRESS: integer(200, 1),
	TRUST_PROXY: z
		.enum(['true', 'false', '1', '0'])
		.default('false')
		.transform((value) => value === 'true' || value === '1'),
	REQUEST_TIMEOUT_MS: integer(30_000, 1_000),
	WORK_THREADS: z.coerce.number().int().min(1).optional(),
	WORK_QUEUE: integer(32, 0),
	WORK_DEADLINE_MS: integer(20_000, 100),
	WORK_MEMORY_MB: integer(512, 32),
	ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	ALLOWED_ORIGINS: z.string().optional(),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
});

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/**
	 * DATABASE_URL: a postgres:// URL stores everything in that Postgres database; unset, in
	 * `<dataDir>/galley.sqlite`.
	 */
	databaseUrl: string | null;
	/**
	 * REDIS_URL: processes sharing one Postgres (DATABASE_URL) serve the same rooms, each
	 * publishing what it stored to the others over Redis; unset, this process serves its rooms alone.
	 */
	redisUrl: string | null;
	/**
	 * FLEET_POLL_MS: how often a process compares its loaded rooms with the database, for what
	 * Redis lost (default 1 s; every 250 ms while Redis is down).
	 */
	fleetPollMs: number;
	maxImportBytes: number;
	/**
	 * MAX_STORY_BYTES: the UTF-8 text a story may grow to through edits (default 8 MB, about
	 * 1.4 million words); edits that add text beyond it are refused, deletions always pass.
	 */
	maxStoryBytes: number;
	maxMessageBytes: number;
	/**
	 * MAX_WRITER_MESSAGE_BYTES: the largest document message (sync step 2 or update) from a
	 * connection that may write its room, so offline work that grew past maxMessageBytes still
	 * syncs. Default: 4 × MAX_IMPORT_BYTES (room for a whole largest story typed offline), at
	 * least maxMessageBytes.
	 */
	maxWriterMessageBytes: number;
	roomUnloadMs: number;
	/**
	 * VERSION_PAUSE_MS: a story gets an automatic version this long after its last edit (default
	 * 5 minutes), and when its last person leaves; 0 turns automatic versions off.
	 */
	versionPauseMs: number;
	pingIntervalMs: number;
	logLevel: string;
	/** IMPORTS_PER_MINUTE per IP (429 beyond, with a burst of as many). */
	importsPerMinute: number;
	/** Per WebSocket connection (close 1013 beyond): messages and bytes per second. */
	wsMessagesPerSecond: number;
	wsBytesPerSecond: number;
	/** REVIEW_WRITES_PER_MINUTE: comments, replies and suggestions per link (API and notes rooms). */
	reviewWritesPerMinute: number;
	/** TOKEN_FAILURES_PER_MINUTE per address (429 for every token of theirs beyond). */
	tokenFailuresPerMinute: number;
	/** WS_CONNECTIONS_PER_ADDRESS: open WebSockets per address (429 at upgrade beyond). */
	wsConnectionsPerAddress: number;
	/** TRUST_PROXY: take the client's address from the proxy's X-Forwarded-For entry. */
	trustProxy: boolean;
	/** REQUEST_TIMEOUT_MS: a request (headers and body) must have arrived within this (408). */
	requestTimeoutMs: number;
	/** WORK_*: the worker pool for imports and exports (see server/work/WorkPool.ts). */
	work: WorkLimits;
	/** ADMIN_TOKEN: owner of every story, lists them all, and the only one who may import. */
	adminToken: string | null;
	/** ALLOWED_ORIGINS (comma separated): WebSocket origins accepted besides the server's own. */
	allowedOrigins: string[];
}

/** Reads the environment once at boot; throws with every problem listed so the operator can fix them at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const present = Object.fromEntries(
		Object.keys(ConfigSchema.shape)
			.filter((key) => env[key] !== undefined && env[key] !== '')
			.map((key) => [key, env[key]])
	);
	const parsed = ConfigSchema.safeParse(present);
	if (!parsed.success) {
		const problems = parsed.error.issues.map(
			(issue) => `${issue.path.join('.')}: ${issue.message}`
		);
		throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
	}
	const value = parsed.data;
	const maxWriterMessageBytes =
		value.MAX_WRITER_MESSAGE_BYTES ??
		Math.max(value.MAX_MESSAGE_BYTES, WRITER_MESSAGE_PER_IMPORT_BYTE * value.MAX_IMPORT_BYTES);
	if (value.REDIS_URL && !value.DATABASE_URL) {
		throw new Error(
			'Invalid configuration:\n  REDIS_URL: needs DATABASE_URL (processes share rooms through one Postgres)'
		);
	}
	if (maxWriterMessageBytes < value.MAX_MESSAGE_BYTES) {
		throw new Error(
			'Invalid configuration:\n  MAX_WRITER_MESSAGE_BYTES: must be at least MAX_MESSAGE_BYTES'
		);
	}
	return {
		port: value.PORT,
		host: value.HOST,
		dataDir: path.resolve(value.DATA_DIR),
		databaseUrl: value.DATABASE_URL ?? null,
		redisUrl: value.REDIS_URL ?? null,
		fleetPollMs: value.FLEET_POLL_MS,
		maxImportBytes: value.MAX_IMPORT_BYTES,
		maxStoryBytes: value.MAX_STORY_BYTES,
		maxMessageBytes: value.MAX_MESSAGE_BYTES,
		maxWriterMessageBytes,
		roomUnloadMs: value.ROOM_UNLOAD_MS,
		versionPauseMs: value.VERSION_PAUSE_MS,
		pingIntervalMs: value.PING_INTERVAL_MS,
		logLevel: value.LOG_LEVEL,
		importsPerMinute: value.IMPORTS_PER_MINUTE,
		wsMessagesPerSecond: value.WS_MESSAGES_PER_SECOND,
		wsBytesPerSecond: value.WS_BYTES_PER_SECOND,
		reviewWritesPerMinute: value.REVIEW_WRITES_PER_MINUTE,
		tokenFailuresPerMinute: value.TOKEN_FAILURES_PER_MINUTE,
		wsConnectionsPerAddress: value.WS_CONNECTIONS_PER_ADDRESS,
		trustProxy: value.TRUST_PROXY,
		requestTimeoutMs: value.REQUEST_TIMEOUT_MS,
		work: {
			threads: value.WORK_THREADS ?? defaultWorkThreads(),
			queue: value.WORK_QUEUE,
			deadlineMs: value.WORK_DEADLINE_MS,
			memoryMb: value.WORK_MEMORY_MB
		},
		adminToken: value.ADMIN_TOKEN ?? null,
		allowedOrigins: (value.ALLOWED_ORIGINS ?? '')
			.split(',')
			.map((origin) => origin.trim().replace(/\/$/, ''))
			.filter(Boolean)
	};
}
