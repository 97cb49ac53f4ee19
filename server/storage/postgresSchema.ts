import type pg from 'pg';
import { watchConnection } from './postgresConnection';

/**
 * Schema migrations for Postgres, applied in order; `schema_migrations` records which have run.
 * The tables mirror galley.sqlite's (see sqliteSchema.ts), except that sequence numbers are per
 * room: `documents.last_seq` hands them out under the room's row lock, so within a room they
 * are gapless and in commit order (what a process catching up from the log relies on). Only append.
 */
const MIGRATIONS: string[] = [
	`
	CREATE TABLE stories (
		id TEXT PRIMARY KEY,
		title TEXT NOT NULL,
		words INTEGER NOT NULL DEFAULT 0,
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL,
		baseline_text TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE documents (
		room TEXT PRIMARY KEY,
		snapshot BYTEA,
		checksum BIGINT,
		snapshot_seq BIGINT NOT NULL DEFAULT 0,
		last_seq BIGINT NOT NULL DEFAULT 0
	);
	CREATE TABLE updates (
		room TEXT NOT NULL,
		seq BIGINT NOT NULL,
		data BYTEA NOT NULL,
		checksum BIGINT,
		PRIMARY KEY (room, seq)
	);
	CREATE TABLE client_writers (
		room TEXT NOT NULL,
		client_id BIGINT NOT NULL,
		writer TEXT NOT NULL,
		PRIMARY KEY (room, client_id)
	);
	CREATE TABLE deletions (
		seq BIGSERIAL PRIMARY KEY,
		room TEXT NOT NULL,
		writer TEXT NOT NULL,
		delete_set BYTEA NOT NULL
	);
	CREATE INDEX deletions_by_room ON deletions (room, seq);
	CREATE TABLE links (
		id TEXT PRIMARY KEY,
		story_id TEXT NOT NULL,
		role TEXT NOT NULL,
		name TEXT NOT NULL DEFAULT '',
		token_hash TEXT NOT NULL UNIQUE,
		created_at TEXT NOT NULL,
		expires_at TEXT,
		revoked_at TEXT
	);
	CREATE INDEX links_by_story ON links (story_id);
	CREATE TABLE versions (
		position BIGSERIAL,
		id TEXT PRIMARY KEY,
		story_id TEXT NOT NULL,
		created_at TEXT NOT NULL,
		name TEXT,
		kind TEXT NOT NULL,
		authors TEXT NOT NULL DEFAULT '[]',
		words INTEGER NOT NULL,
		words_delta INTEGER NOT NULL,
		state BYTEA NOT NULL,
		state_bytes INTEGER NOT NULL,
		checksum BIGINT NOT NULL
	);
	CREATE INDEX versions_by_story ON versions (story_id, created_at);
	CREATE TABLE quarantine (
		id BIGSERIAL PRIMARY KEY,
		room TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('snapshot', 'update')),
		seq BIGINT,
		data BYTEA NOT NULL,
		checksum BIGINT,
		reason TEXT NOT NULL,
		quarantined_at TEXT NOT NULL
	);
	CREATE INDEX quarantine_by_room ON quarantine (room);
	CREATE TABLE write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL);
	`
];

/** The schema version this code writes. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant: the advisory lock that lets one process at a time migrate. */
const MIGRATION_LOCK = 0x6a11e7;

/**
 * Brings the database to POSTGRES_SCHEMA_VERSION in one transaction (Postgres DDL is
 * transactional), under an advisory lock so that processes starting together migrate once.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	const connection = watchConnection(client);
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await client.query(
			`CREATE TABLE IF NOT EXISTS schema_migrations (
				version INTEGER PRIMARY KEY,
				applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
			)`
		);
		const { rows } = await client.query<{ version: number }>(
			'SELECT coalesce(max(version), 0)::integer AS version FROM schema_migrations'
		);
		const current = rows[0]!.version;
		if (current > POSTGRES_SCHEMA_VERSION) {
			throw new Error(
				`The database has schema version ${current}, newer than this Galley (${POSTGRES_SCHEMA_VERSION}): upgrade Galley.`
			);
		}
		for (let version = current; version < POSTGRES_SCHEMA_VERSION; version++) {
			await client.query(MIGRATIONS[version]!);
			await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
		}
		await client.query('COMMIT');
	} catch (error) {
		connection.failed(error);
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		connection.release();
	}
}
