import pg from 'pg';
import * as Y from 'yjs';
import { newId } from '#shared/ids';
import type { Role } from '#shared/protocol/roles';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import type {
	DamagedRow,
	DeletionRecord,
	DocumentStore,
	LinkChange,
	LinkRecord,
	LogTail,
	NewLink,
	NewStory,
	NewVersion,
	StoredDocument,
	StoredLink,
	StoryEdit,
	StoryRecord,
	VersionRecord
} from './DocumentStore';
import { WriterConflictError } from './DocumentLog';
import { PostgresLinks } from './postgresLinks';
import { watchConnection } from './postgresConnection';
import type { StoryDump } from './StoryDump';
import { migratePostgres } from './postgresSchema';
import {
	CHECKSUM_MISMATCH,
	intact,
	packVersionState,
	rowChecksum,
	STORY_COLUMNS,
	toBuffer,
	toStory,
	toVersion,
	unpackVersionState,
	VERSION_COLUMNS,
	logTail,
	type StoryRow,
	type VersionRow
} from './storedRows';

/** BIGINT columns (sequence numbers, client ids, checksums) as numbers: all fit in 2^53. */
const types: pg.CustomTypesConfig = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === pg.types.builtins.INT8
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser']
};

type Query = Pick<pg.PoolClient, 'query'>;

/**
 * DocumentStore on Postgres. Every write is one transaction, resolved once committed (Postgres's
 * default synchronous_commit: the WAL is on disk). Appends to a room take its `documents` row
 * lock to number their updates, so compaction (same lock) can never drop an update it did not
 * see, nor replace the snapshot with one covering less.
 */
export class PostgresStore implements DocumentStore {
	private readonly links = new PostgresLinks((work) => this.transaction(work));

	constructor(private readonly pool: pg.Pool) {}

	async createStory(story: NewStory, links: readonly NewLink[] = []): Promise<void> {
		const now = new Date().toISOString();
		const state = toBuffer(story.initialState);
		await this.transaction(async (client) => {
			await client.query(
				`INSERT INTO stories (id, title, words, created_at, updated_at, baseline_text)
				 VALUES ($1, $2, $3, $4, $4, $5)`,
				[story.id, story.title, story.words, now, story.baselineText]
			);
			await client.query(
				`INSERT INTO documents (room, snapshot, checksum) VALUES ($1, $2, $3)
				 ON CONFLICT (room) DO UPDATE SET snapshot = excluded.snapshot, checksum = excluded.checksum`,
				[storyRoom(story.id), state, rowChecksum(state)]
			);
			await insertVersion(client, {
				id: newId(),
				storyId: story.id,
				createdAt: now,
				name: null,
				kind: 'import',
				authors: [],
				words: story.words,
				wordsDelta: 0,
				state: Y.convertUpdateFormatV1ToV2(state)
			});
			await this.links.insert(client, links);
		});
	}

	async listStories(): Promise<StoryRecord[]> {
		const { rows } = await this.pool.query<StoryRow>(
			`SELECT ${STORY_COLUMNS} FROM stories ORDER BY updated_at DESC, id COLLATE "C"`
		);
		return rows.map(toStory);
	}

	async getStory(id: string): Promise<StoryRecord | null> {
		const { rows } = await this.pool.query<StoryRow>(
			`SELECT ${STORY_COLUMNS} FROM stories WHERE id = $1`,
			[id]
		);
		return rows[0] ? toStory(rows[0]) : null;
	}

	async updateStory(
		id: string,
		patch: Partial<Pick<StoryRecord, 'title' | 'words' | 'updatedAt'>>
	): Promise<boolean> {
		const result = await updateStory(this.pool, id, patch);
		return (result.rowCount ?? 0) > 0;
	}

	async recordEdits(edits: StoryEdit[]): Promise<void> {
		await this.transaction(async (client) => {
			for (const edit of edits) await updateStory(client, edit.id, edit);
		});
	}

	async deleteStory(id: string): Promise<boolean> {
		return this.transaction(async (client) => {
			const deleted = await client.query('DELETE FROM stories WHERE id = $1', [id]);
			// Rooms are removed even when the story row is gone already, so a retry cleans up.
			const rooms = [storyRoom(id), notesRoom(id)];
			for (const table of ['documents', 'updates', 'client_writers', 'deletions']) {
				await client.query(`DELETE FROM ${table} WHERE room = ANY($1)`, [rooms]);
			}
			await client.query('DELETE FROM versions WHERE story_id = $1', [id]);
			return (deleted.rowCount ?? 0) > 0;
		});
	}

	async baselineText(id: string): Promise<string | null> {
		const { rows } = await this.pool.query<{ baseline_text: string }>(
			'SELECT baseline_text FROM stories WHERE id = $1',
			[id]
		);
		return rows[0]?.baseline_text ?? null;
	}

	async loadDocument(room: string): Promise<StoredDocument> {
		// One snapshot of the database, so a concurrent compaction is seen whole or not at all.
		const { snapshot, updates, writers } = await this.transaction(async (client) => {
			const snapshot = await client.query<{
				snapshot: Buffer | null;
				checksum: number | null;
				snapshot_seq: number;
			}>('SELECT snapshot, checksum, snapshot_seq FROM documents WHERE room = $1', [room]);
			const updates = await client.query<{ seq: number; data: Buffer; checksum: number | null }>(
				'SELECT seq, data, checksum FROM updates WHERE room = $1 ORDER BY seq',
				[room]
			);
			return {
				snapshot: snapshot.rows[0] ?? null,
				updates: updates.rows,
				writers: await clientWriters(client, room)
			};
		}, 'REPEATABLE READ READ ONLY');
		const damaged: DamagedRow[] = [];
		if (snapshot?.snapshot && !intact(snapshot.snapshot, snapshot.checksum)) {
			damaged.push({ kind: 'snapshot', seq: null, reason: CHECKSUM_MISMATCH });
		}
		for (const row of updates) {
			if (!intact(row.data, row.checksum)) {
				damaged.push({ kind: 'update', seq: row.seq, reason: CHECKSUM_MISMATCH });
			}
		}
		return {
			snapshot: snapshot?.snapshot ?? null,
			updates: updates.map((row) => row.data),
			updateSeqs: updates.map((row) => row.seq),
			lastSeq:
				updates.length > 0 ? updates[updates.length - 1]!.seq : (snapshot?.snapshot_seq ?? 0),
			writers,
			damaged
		};
	}

	async updatesSince(room: string, afterSeq: number): Promise<LogTail> {
		return this.transaction(async (client) => {
			const head = await client.query<{
				snapshot: Buffer | null;
				checksum: number | null;
				snapshot_seq: number;
			}>('SELECT snapshot, checksum, snapshot_seq FROM documents WHERE room = $1', [room]);
			const stored = head.rows[0];
			// The log no longer holds what came after afterSeq: the snapshot covers it.
			const snapshot =
				stored?.snapshot && stored.snapshot_seq > afterSeq
					? { ...stored, snapshot: stored.snapshot }
					: null;
			const from = snapshot ? snapshot.snapshot_seq : afterSeq;
			const { rows } = await client.query<{ seq: number; data: Buffer; checksum: number | null }>(
				'SELECT seq, data, checksum FROM updates WHERE room = $1 AND seq > $2 ORDER BY seq',
				[room, from]
			);
			return logTail(room, snapshot, rows, afterSeq);
		}, 'REPEATABLE READ READ ONLY');
	}

	async lastSeqs(rooms: readonly string[]): Promise<Map<string, number>> {
		if (rooms.length === 0) return new Map();
		const { rows } = await this.pool.query<{ room: string; last_seq: number }>(
			'SELECT room, last_seq FROM documents WHERE room = ANY($1::text[]) AND last_seq > 0',
			[rooms]
		);
		return new Map(rows.map((row) => [row.room, row.last_seq]));
	}

	async appendUpdates(
		room: string,
		updates: Uint8Array[],
		writers?: ReadonlyMap<number, string>,
		deletions?: readonly DeletionRecord[]
	): Promise<number> {
		if (updates.length === 0 && !writers?.size && !deletions?.length) return 0;
		// The common append (no new binding, no deletion record) needs no transaction of its own.
		if (!writers?.size && !deletions?.length) return appendRows(this.pool, room, updates);
		return this.transaction(async (client) => {
			// Bindings first: a concurrent binder of the same id holds its key until it commits,
			// and the check below then sees its row (a new statement, a new snapshot).
			await bindWriters(client, room, writers ?? new Map());
			if (writers?.size) {
				const conflict = new Map<number, string>();
				for (const [clientId, bound] of await clientWriters(client, room, [...writers.keys()])) {
					if (bound !== writers.get(clientId)) conflict.set(clientId, bound);
				}
				if (conflict.size > 0) throw new WriterConflictError(room, conflict);
			}
			const lastSeq = updates.length > 0 ? await appendRows(client, room, updates) : 0;
			for (const deletion of deletions ?? []) {
				await client.query('INSERT INTO deletions (room, writer, delete_set) VALUES ($1, $2, $3)', [
					room,
					deletion.writer,
					toBuffer(deletion.deleteSet)
				]);
			}
			return lastSeq;
		});
	}

	async bindWriters(
		room: string,
		writers: ReadonlyMap<number, string>
	): Promise<Map<number, string>> {
		await this.transaction((client) => bindWriters(client, room, writers));
		// Read after commit: a concurrent binder that won is committed by now (it held the key).
		const bound = await clientWriters(this.pool, room);
		return new Map([...bound].filter(([clientId]) => writers.has(clientId)));
	}

	async deletionLog(room: string): Promise<DeletionRecord[]> {
		const { rows } = await this.pool.query<{ writer: string; delete_set: Buffer }>(
			'SELECT writer, delete_set FROM deletions WHERE room = $1 ORDER BY seq',
			[room]
		);
		return rows.map((row) => ({ writer: row.writer, deleteSet: row.delete_set }));
	}

	clientWriters(room: string): Promise<Map<number, string>> {
		return clientWriters(this.pool, room);
	}

	async compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
		const data = toBuffer(snapshot);
		await this.transaction(async (client) => {
			await client.query('INSERT INTO documents (room) VALUES ($1) ON CONFLICT DO NOTHING', [room]);
			// The room's row lock: appends wait, and a compaction covering more that committed
			// first is seen here.
			const { rows } = await client.query<{ snapshot_seq: number }>(
				'SELECT snapshot_seq FROM documents WHERE room = $1 FOR UPDATE',
				[room]
			);
			if (rows[0]!.snapshot_seq > upToSeq) return;
			await client.query(
				'UPDATE documents SET snapshot = $2, checksum = $3, snapshot_seq = $4 WHERE room = $1',
				[room, data, rowChecksum(data), upToSeq]
			);
			await client.query('DELETE FROM updates WHERE room = $1 AND seq <= $2', [room, upToSeq]);
		});
	}

	async quarantine(room: string, rows: readonly DamagedRow[]): Promise<void> {
		const at = new Date().toISOString();
		await this.transaction(async (client) => {
			for (const row of rows) {
				if (row.kind === 'snapshot') {
					await client.query(
						`INSERT INTO quarantine (room, kind, seq, data, checksum, reason, quarantined_at)
						 SELECT room, 'snapshot', NULL, snapshot, checksum, $2, $3 FROM documents d
						 WHERE room = $1 AND snapshot IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quarantine q
						   WHERE q.room = $1 AND q.kind = 'snapshot' AND q.data = d.snapshot)`,
						[room, row.reason, at]
					);
				} else if (row.seq !== null) {
					await client.query(
						`INSERT INTO quarantine (room, kind, seq, data, checksum, reason, quarantined_at)
						 SELECT room, 'update', seq, data, checksum, $3, $4 FROM updates u
						 WHERE room = $1 AND seq = $2 AND NOT EXISTS (SELECT 1 FROM quarantine q
						   WHERE q.room = $1 AND q.kind = 'update' AND q.seq = $2 AND q.data = u.data)`,
						[room, row.seq, row.reason, at]
					);
				}
			}
		});
	}

	createLinks(links: readonly NewLink[]): Promise<void> {
		return this.transaction((client) => this.links.insert(client, links));
	}

	getLink(id: string): Promise<LinkRecord | null> {
		return this.links.get(this.pool, id);
	}

	linkByTokenHash(tokenHash: string): Promise<LinkRecord | null> {
		return this.links.byTokenHash(this.pool, tokenHash);
	}

	storyLinks(storyId: string): Promise<StoredLink[]> {
		return this.links.ofStory(this.pool, storyId);
	}

	async restoreStory(dump: StoryDump): Promise<void> {
		const { story } = dump;
		await this.transaction(async (client) => {
			await client.query(
				`INSERT INTO stories (id, title, words, created_at, updated_at, baseline_text)
				 VALUES ($1, $2, $3, $4, $5, $6)`,
				[story.id, story.title, story.words, story.createdAt, story.updatedAt, dump.baselineText]
			);
			for (const room of dump.rooms) {
				const snapshot = room.snapshot ? toBuffer(room.snapshot) : null;
				await client.query(
					`INSERT INTO documents (room, snapshot, checksum, snapshot_seq, last_seq)
					 VALUES ($1, $2, $3, 0, $4)`,
					[room.room, snapshot, snapshot ? rowChecksum(snapshot) : null, room.updates.length]
				);
				let seq = 0;
				for (const update of room.updates) {
					const data = toBuffer(update);
					await client.query(
						'INSERT INTO updates (room, seq, data, checksum) VALUES ($1, $2, $3, $4)',
						[room.room, ++seq, data, rowChecksum(data)]
					);
				}
				await bindWriters(client, room.room, new Map(room.writers));
				for (const deletion of room.deletions) {
					await client.query(
						'INSERT INTO deletions (room, writer, delete_set) VALUES ($1, $2, $3)',
						[room.room, deletion.writer, toBuffer(deletion.deleteSet)]
					);
				}
			}
			for (const version of dump.versions) await insertVersion(client, version);
			await this.links.insert(client, dump.links);
		});
	}

	listLinks(storyId: string, now: string): Promise<LinkRecord[]> {
		return this.links.working(this.pool, storyId, now);
	}

	revokeLink(storyId: string, linkId: string, now: string): Promise<LinkChange> {
		return this.links.change(storyId, linkId, null, now);
	}

	updateLink(
		storyId: string,
		linkId: string,
		change: { role: Role; name: string },
		now: string
	): Promise<LinkChange> {
		return this.links.change(storyId, linkId, change, now);
	}

	async addVersion(version: NewVersion): Promise<VersionRecord> {
		const storedBytes = await insertVersion(this.pool, version);
		const { state: _state, ...record } = version;
		return { ...record, storedBytes };
	}

	async listVersions(storyId: string): Promise<VersionRecord[]> {
		const { rows } = await this.pool.query<VersionRow>(
			`SELECT ${VERSION_COLUMNS} FROM versions WHERE story_id = $1
			 ORDER BY created_at DESC, position DESC`,
			[storyId]
		);
		return rows.map(toVersion);
	}

	async getVersion(
		storyId: string,
		versionId: string
	): Promise<(VersionRecord & { state: Uint8Array }) | null> {
		const { rows } = await this.pool.query<VersionRow & { state: Buffer; checksum: number }>(
			`SELECT ${VERSION_COLUMNS}, state, checksum FROM versions WHERE story_id = $1 AND id = $2`,
			[storyId, versionId]
		);
		const row = rows[0];
		if (!row) return null;
		return { ...toVersion(row), state: unpackVersionState(row, row.checksum) };
	}

	async renameVersion(
		storyId: string,
		versionId: string,
		name: string | null
	): Promise<VersionRecord | null> {
		const { rows } = await this.pool.query<VersionRow>(
			`UPDATE versions SET name = $3 WHERE story_id = $1 AND id = $2 RETURNING ${VERSION_COLUMNS}`,
			[storyId, versionId, name]
		);
		return rows[0] ? toVersion(rows[0]) : null;
	}

	async deleteVersions(storyId: string, versionIds: readonly string[]): Promise<void> {
		await this.pool.query('DELETE FROM versions WHERE story_id = $1 AND id = ANY($2)', [
			storyId,
			[...versionIds]
		]);
	}

	async probeWrite(): Promise<void> {
		await this.pool.query(
			`INSERT INTO write_probe (id, at) VALUES (1, $1)
			 ON CONFLICT (id) DO UPDATE SET at = excluded.at`,
			[new Date().toISOString()]
		);
	}

	async ping(): Promise<boolean> {
		try {
			const { rows } = await this.pool.query<{ ok: number }>('SELECT 1 AS ok');
			return rows[0]?.ok === 1;
		} catch {
			return false;
		}
	}

	async close(): Promise<void> {
		await this.pool.end();
	}

	/** Runs `work` in one transaction on one connection; rolls back when it throws. */
	private async transaction<T>(
		work: (client: pg.PoolClient) => Promise<T>,
		mode = 'READ COMMITTED'
	): Promise<T> {
		const client = await this.pool.connect();
		const connection = watchConnection(client);
		try {
			await client.query(`BEGIN ISOLATION LEVEL ${mode}`);
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			connection.failed(error);
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			connection.release();
		}
	}
}

function updateStory(
	client: Query,
	id: string,
	patch: Partial<Pick<StoryRecord, 'title' | 'words' | 'updatedAt'>>
) {
	return client.query(
		`UPDATE stories SET title = coalesce($2, title), words = coalesce($3, words),
		 updated_at = coalesce($4, updated_at) WHERE id = $1`,
		[id, patch.title ?? null, patch.words ?? null, patch.updatedAt ?? null]
	);
}

/** Insert-if-absent: the primary key (room, client_id) keeps the first writer, whoever races. */
/**
 * Numbers `updates` under the room's row lock and inserts them, in one statement (one round trip:
 * a round trip per update made a group commit of eight take ~20 ms under load, and every edit
 * waits for its commit). The lock is held until the statement's transaction commits: its own
 * implicit one on the pool, or the caller's. Resolves with the last number given.
 */
async function appendRows(query: Query, room: string, updates: Uint8Array[]): Promise<number> {
	const data = updates.map(toBuffer);
	const { rows } = await query.query<{ last_seq: number }>(
		`WITH head AS (
			INSERT INTO documents (room, last_seq) VALUES ($1, $2) ON CONFLICT (room)
			DO UPDATE SET last_seq = documents.last_seq + excluded.last_seq RETURNING last_seq
		), stored AS (
			INSERT INTO updates (room, seq, data, checksum)
			SELECT $1, head.last_seq - $2 + row.ord, row.data, row.checksum
			FROM head, unnest($3::bytea[], $4::bigint[]) WITH ORDINALITY AS row(data, checksum, ord)
		)
		SELECT last_seq FROM head`,
		[room, updates.length, data, data.map(rowChecksum)]
	);
	return rows[0]!.last_seq;
}

async function bindWriters(
	client: Query,
	room: string,
	writers: ReadonlyMap<number, string>
): Promise<void> {
	for (const [clientId, writer] of writers) {
		await client.query(
			`INSERT INTO client_writers (room, client_id, writer) VALUES ($1, $2, $3)
			 ON CONFLICT (room, client_id) DO NOTHING`,
			[room, clientId, writer]
		);
	}
}

async function clientWriters(
	client: Query,
	room: string,
	only?: readonly number[]
): Promise<Map<number, string>> {
	const { rows } = only
		? await client.query<{ client_id: number; writer: string }>(
				'SELECT client_id, writer FROM client_writers WHERE room = $1 AND client_id = ANY($2::bigint[])',
				[room, only]
			)
		: await client.query<{ client_id: number; writer: string }>(
				'SELECT client_id, writer FROM client_writers WHERE room = $1',
				[room]
			);
	return new Map(rows.map((row) => [row.client_id, row.writer]));
}

async function insertVersion(client: Query, version: NewVersion): Promise<number> {
	const { state, checksum } = packVersionState(version.state);
	await client.query(
		`INSERT INTO versions (id, story_id, created_at, name, kind, authors, words, words_delta,
		 state, state_bytes, checksum) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		[
			version.id,
			version.storyId,
			version.createdAt,
			version.name,
			version.kind,
			JSON.stringify(version.authors),
			version.words,
			version.wordsDelta,
			state,
			state.byteLength,
			checksum
		]
	);
	return state.byteLength;
}

/** Connects to `url` and migrates its schema; fails at boot when Postgres cannot be reached. */
export async function openPostgresStore(url: string): Promise<PostgresStore> {
	const pool = new pg.Pool({ connectionString: url, types, max: 10 });
	// An idle connection that drops (Postgres restarted) is replaced on next use; the query that
	// needs it reports the failure, so this event itself needs no action.
	pool.on('error', () => {});
	try {
		await migratePostgres(pool);
	} catch (error) {
		await pool.end();
		throw error;
	}
	return new PostgresStore(pool);
}
