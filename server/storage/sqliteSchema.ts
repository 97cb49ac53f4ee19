import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order. `PRAGMA user_version` records how many have run, so a
 * database written by an older Galley is brought up to date when it is opened. Only append.
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
		snapshot BLOB NOT NULL
	);
	CREATE TABLE updates (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		room TEXT NOT NULL,
		data BLOB NOT NULL
	);
	CREATE INDEX updates_by_room ON updates (room, seq);
	`,
	`
	CREATE TABLE links (
		id TEXT PRIMARY KEY,
		story_id TEXT NOT NULL,
		role TEXT NOT NULL,
		token_hash TEXT NOT NULL UNIQUE,
		created_at TEXT NOT NULL,
		expires_at TEXT,
		revoked_at TEXT
	);
	CREATE INDEX links_by_story ON links (story_id);
	`,
	// Who a link is for: the name others see of whoever opens it ('' on older links: by role).
	`ALTER TABLE links ADD COLUMN name TEXT NOT NULL DEFAULT '';`,
	// Which link first wrote with each Yjs client id of a room: kept with the updates, so a
	// client id stays its writer's after the room unloads or the server restarts.
	`
	CREATE TABLE client_writers (
		room TEXT NOT NULL,
		client_id INTEGER NOT NULL,
		writer TEXT NOT NULL,
		PRIMARY KEY (room, client_id)
	) WITHOUT ROWID;
	`,
	// A checksum (CRC-32) per stored snapshot and update, written with it and verified on every
	// load (NULL on rows written before: those are checked by decoding them only). Rows that fail
	// are copied to `quarantine`, never deleted, and their room refuses to open (see README).
	`
	ALTER TABLE documents ADD COLUMN checksum INTEGER;
	ALTER TABLE updates ADD COLUMN checksum INTEGER;
	CREATE TABLE quarantine (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		room TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('snapshot', 'update')),
		seq INTEGER,
		data BLOB NOT NULL,
		checksum INTEGER,
		reason TEXT NOT NULL,
		quarantined_at TEXT NOT NULL
	);
	CREATE INDEX quarantine_by_room ON quarantine (room);
	`,
	// One row rewritten to learn whether the disk takes writes again after it was full.
	`CREATE TABLE write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL);`,
	// Version history (issue 13). A version is the story's full Yjs state at one moment (V2, deflated),
	// so compaction of `documents`/`updates` never touches it. `deletions`: who deleted what, one
	// row per writer per group commit (the delete set of their accepted updates), appended in the
	// same transaction as the updates, so a diff can name the person behind each deletion.
	`
	CREATE TABLE versions (
		id TEXT PRIMARY KEY,
		story_id TEXT NOT NULL,
		created_at TEXT NOT NULL,
		name TEXT,
		kind TEXT NOT NULL,
		authors TEXT NOT NULL DEFAULT '[]',
		words INTEGER NOT NULL,
		words_delta INTEGER NOT NULL,
		state BLOB NOT NULL,
		state_bytes INTEGER NOT NULL,
		checksum INTEGER NOT NULL
	);
	CREATE INDEX versions_by_story ON versions (story_id, created_at);
	CREATE TABLE deletions (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		room TEXT NOT NULL,
		writer TEXT NOT NULL,
		delete_set BLOB NOT NULL
	);
	CREATE INDEX deletions_by_room ON deletions (room, seq);
	`,
	// The sequence number a snapshot covers, so compaction never replaces it with older state.
	`ALTER TABLE documents ADD COLUMN snapshot_seq INTEGER NOT NULL DEFAULT 0;`
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to SCHEMA_VERSION. Each step runs in its own transaction together with
 * the version bump, so a crash mid-migration leaves the previous version intact.
 */
export function migrate(db: Database.Database): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	if (current > SCHEMA_VERSION) {
		throw new Error(
			`galley.sqlite has schema version ${current}, newer than this Galley (${SCHEMA_VERSION}): upgrade Galley.`
		);
	}
	for (let version = current; version < SCHEMA_VERSION; version++) {
		db.transaction(() => {
			db.exec(MIGRATIONS[version]!);
			db.pragma(`user_version = ${version + 1}`);
		}).immediate();
	}
}
