import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
import { SqliteLinks } from './sqliteLinks';
import type { StoryDump } from './StoryDump';
import { migrate } from './sqliteSchema';
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

/** How long a statement waits for another process (the CLI) holding the write lock. */
const BUSY_TIMEOUT_MS = 5_000;

interface PendingAppend {
	room: string;
	updates: Uint8Array[];
	writers: ReadonlyMap<number, string> | undefined;
	deletions: readonly DeletionRecord[] | undefined;
	/** Set by the group commit: the sequence number of this append's last update. */
	lastSeq: number;
	/** Set by the group commit when a binding it makes is held by another writer (nothing stored). */
	conflict?: Map<number, string>;
	resolve: (lastSeq: number) => void;
	reject: (error: unknown) => void;
}

/**
 * DocumentStore on one SQLite file in WAL mode with `synchronous = FULL`, so a resolved write
 * has reached the disk. Appends are group-committed: every `appendUpdates` call made in the same
 * event-loop turn (from any room) is written in one transaction, so one fsync serves them all.
 * Other writes first commit the queued appends, so the database sees calls in the order made.
 */
export class SqliteStore implements DocumentStore {
	private readonly db: Database.Database;
	private queue: PendingAppend[] = [];
	private commitScheduled: NodeJS.Immediate | null = null;
	private closed = false;

	private readonly statements;
	private readonly links: SqliteLinks;
	private readonly appendBatch: (batch: PendingAppend[]) => void;

	constructor(file: string) {
		this.db = new Database(file);
		this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = FULL');
		migrate(this.db);

		const db = this.db;
		this.links = new SqliteLinks(db);
		this.statements = {
			insertStory: db.prepare(
				`INSERT INTO stories (id, title, words, created_at, updated_at, baseline_text)
				 VALUES (@id, @title, @words, @createdAt, @updatedAt, @baselineText)`
			),
			listStories: db.prepare<[], StoryRow>(
				`SELECT ${STORY_COLUMNS} FROM stories ORDER BY updated_at DESC, id`
			),
			getStory: db.prepare<[string], StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = ?`),
			updateStory: db.prepare(
				`UPDATE stories SET title = coalesce(@title, title), words = coalesce(@words, words),
				 updated_at = coalesce(@updatedAt, updated_at) WHERE id = @id`
			),
			deleteStory: db.prepare<[string]>('DELETE FROM stories WHERE id = ?'),
			baselineText: db.prepare<[string], { baseline_text: string }>(
				'SELECT baseline_text FROM stories WHERE id = ?'
			),
			getSnapshot: db.prepare<
				[string],
				{ snapshot: Buffer; checksum: number | null; snapshot_seq: number }
			>('SELECT snapshot, checksum, snapshot_seq FROM documents WHERE room = ?'),
			putSnapshot: db.prepare<[string, Buffer, number, number]>(
				`INSERT INTO documents (room, snapshot, checksum, snapshot_seq) VALUES (?, ?, ?, ?)
				 ON CONFLICT (room) DO UPDATE SET snapshot = excluded.snapshot,
				 checksum = excluded.checksum, snapshot_seq = excluded.snapshot_seq`
			),
			deleteSnapshot: db.prepare<[string]>('DELETE FROM documents WHERE room = ?'),
			listUpdates: db.prepare<[string], { seq: number; data: Buffer; checksum: number | null }>(
				'SELECT seq, data, checksum FROM updates WHERE room = ? ORDER BY seq'
			),
			listUpdatesAfter: db.prepare<
				[string, number],
				{ seq: number; data: Buffer; checksum: number | null }
			>('SELECT seq, data, checksum FROM updates WHERE room = ? AND seq > ? ORDER BY seq'),
			lastSeq: db.prepare<[string, string], { last_seq: number | null }>(
				`SELECT max(coalesce((SELECT max(seq) FROM updates WHERE room = ?), 0),
				 coalesce((SELECT snapshot_seq FROM documents WHERE room = ?), 0)) AS last_seq`
			),
			insertUpdate: db.prepare<[string, Buffer, number]>(
				'INSERT INTO updates (room, data, checksum) VALUES (?, ?, ?)'
			),
			// One sequence for every room (AUTOINCREMENT): increasing within a room, not gapless.
			// A quarantined row is a copy: the row stays, so its room keeps refusing to open.
			quarantineSnapshot: db.prepare<{ room: string; reason: string; at: string }>(
				`INSERT INTO quarantine (room, kind, seq, data, checksum, reason, quarantined_at)
				 SELECT room, 'snapshot', NULL, snapshot, checksum, @reason, @at FROM documents d
				 WHERE room = @room AND NOT EXISTS (SELECT 1 FROM quarantine q
				   WHERE q.room = @room AND q.kind = 'snapshot' AND q.data = d.snapshot)`
			),
			quarantineUpdate: db.prepare<{ room: string; seq: number; reason: string; at: string }>(
				`INSERT INTO quarantine (room, kind, seq, data, checksum, reason, quarantined_at)
				 SELECT room, 'update', seq, data, checksum, @reason, @at FROM updates u
				 WHERE room = @room AND seq = @seq AND NOT EXISTS (SELECT 1 FROM quarantine q
				   WHERE q.room = @room AND q.kind = 'update' AND q.seq = @seq AND q.data = u.data)`
			),
			deleteUpdatesUpTo: db.prepare<[string, number]>(
				'DELETE FROM updates WHERE room = ? AND seq <= ?'
			),
			deleteUpdates: db.prepare<[string]>('DELETE FROM updates WHERE room = ?'),
			listWriters: db.prepare<[string], { client_id: number; writer: string }>(
				'SELECT client_id, writer FROM client_writers WHERE room = ?'
			),
			getWriter: db.prepare<[string, number], { writer: string }>(
				'SELECT writer FROM client_writers WHERE room = ? AND client_id = ?'
			),
			insertWriter: db.prepare<[string, number, string]>(
				'INSERT OR IGNORE INTO client_writers (room, client_id, writer) VALUES (?, ?, ?)'
			),
			deleteWriters: db.prepare<[string]>('DELETE FROM client_writers WHERE room = ?'),
			insertDeletion: db.prepare<[string, string, Buffer]>(
				'INSERT INTO deletions (room, writer, delete_set) VALUES (?, ?, ?)'
			),
			listDeletions: db.prepare<[string], { writer: string; delete_set: Buffer }>(
				'SELECT writer, delete_set FROM deletions WHERE room = ? ORDER BY seq'
			),
			deleteDeletions: db.prepare<[string]>('DELETE FROM deletions WHERE room = ?'),
			insertVersion: db.prepare(
				`INSERT INTO versions (id, story_id, created_at, name, kind, authors, words, words_delta,
				 state, state_bytes, checksum) VALUES (@id, @storyId, @createdAt, @name, @kind, @authors,
				 @words, @wordsDelta, @state, @stateBytes, @checksum)`
			),
			listVersions: db.prepare<[string], VersionRow>(
				`SELECT ${VERSION_COLUMNS} FROM versions WHERE story_id = ?
				 ORDER BY created_at DESC, rowid DESC`
			),
			getVersion: db.prepare<[string, string], VersionRow & { state: Buffer; checksum: number }>(
				`SELECT ${VERSION_COLUMNS}, state, checksum FROM versions WHERE story_id = ? AND id = ?`
			),
			renameVersion: db.prepare<[string | null, string, string]>(
				'UPDATE versions SET name = ? WHERE story_id = ? AND id = ?'
			),
			deleteVersion: db.prepare<[string, string]>(
				'DELETE FROM versions WHERE story_id = ? AND id = ?'
			),
			deleteStoryVersions: db.prepare<[string]>('DELETE FROM versions WHERE story_id = ?'),
			ping: db.prepare<[], { ok: number }>('SELECT 1 AS ok'),
			probeWrite: db.prepare<[string]>('INSERT OR REPLACE INTO write_probe (id, at) VALUES (1, ?)')
		};
		this.appendBatch = db.transaction((batch: PendingAppend[]) => {
			for (const append of batch) {
				// Inside the write transaction (SQLite has one writer at a time): no other binder
				// can come between this check and the insert.
				append.conflict = this.conflictingWriters(append.room, append.writers);
				if (append.conflict) continue;
				for (const update of append.updates) {
					const data = toBuffer(update);
					const { lastInsertRowid } = this.statements.insertUpdate.run(
						append.room,
						data,
						rowChecksum(data)
					);
					append.lastSeq = Number(lastInsertRowid);
				}
				for (const [clientId, writer] of append.writers ?? []) {
					this.statements.insertWriter.run(append.room, clientId, writer);
				}
				for (const deletion of append.deletions ?? []) {
					this.statements.insertDeletion.run(
						append.room,
						deletion.writer,
						toBuffer(deletion.deleteSet)
					);
				}
			}
		});
	}

	async createStory(story: NewStory, links: readonly NewLink[] = []): Promise<void> {
		this.commitAppends();
		const now = new Date().toISOString();
		this.db.transaction(() => {
			this.statements.insertStory.run({
				id: story.id,
				title: story.title,
				words: story.words,
				createdAt: now,
				updatedAt: now,
				baselineText: story.baselineText
			});
			const state = toBuffer(story.initialState);
			this.statements.putSnapshot.run(storyRoom(story.id), state, rowChecksum(state), 0);
			this.insertVersion({
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
			this.links.insert(links);
		})();
	}

	async listStories(): Promise<StoryRecord[]> {
		return this.statements.listStories.all().map(toStory);
	}

	async getStory(id: string): Promise<StoryRecord | null> {
		const row = this.statements.getStory.get(id);
		return row ? toStory(row) : null;
	}

	async updateStory(
		id: string,
		patch: Partial<Pick<StoryRecord, 'title' | 'words' | 'updatedAt'>>
	): Promise<boolean> {
		this.commitAppends();
		const result = this.statements.updateStory.run({
			id,
			title: patch.title ?? null,
			words: patch.words ?? null,
			updatedAt: patch.updatedAt ?? null
		});
		return result.changes > 0;
	}

	async recordEdits(edits: StoryEdit[]): Promise<void> {
		this.commitAppends();
		this.db.transaction(() => {
			for (const edit of edits) {
				this.statements.updateStory.run({ ...edit, title: null });
			}
		})();
	}

	async deleteStory(id: string): Promise<boolean> {
		this.commitAppends();
		return this.db.transaction(() => {
			const existed = this.statements.deleteStory.run(id).changes > 0;
			// Rooms are removed even when the story row is gone already, so a retry cleans up.
			for (const room of [storyRoom(id), notesRoom(id)]) {
				this.statements.deleteSnapshot.run(room);
				this.statements.deleteUpdates.run(room);
				this.statements.deleteWriters.run(room);
				this.statements.deleteDeletions.run(room);
			}
			this.statements.deleteStoryVersions.run(id);
			return existed;
		})();
	}

	async baselineText(id: string): Promise<string | null> {
		return this.statements.baselineText.get(id)?.baseline_text ?? null;
	}

	async loadDocument(room: string): Promise<StoredDocument> {
		this.commitAppends();
		// One read transaction, so a concurrent compaction (another process) is seen whole or not at all.
		const stored = this.db.transaction(() => {
			const snapshot = this.statements.getSnapshot.get(room) ?? null;
			const rows = this.statements.listUpdates.all(room);
			const writers = new Map<number, string>();
			for (const row of this.statements.listWriters.all(room))
				writers.set(row.client_id, row.writer);
			return { snapshot, rows, writers };
		})();
		const { snapshot, rows, writers } = stored;
		const damaged: DamagedRow[] = [];
		if (snapshot && !intact(snapshot.snapshot, snapshot.checksum)) {
			damaged.push({ kind: 'snapshot', seq: null, reason: CHECKSUM_MISMATCH });
		}
		for (const row of rows) {
			if (!intact(row.data, row.checksum)) {
				damaged.push({ kind: 'update', seq: row.seq, reason: CHECKSUM_MISMATCH });
			}
		}
		return {
			snapshot: snapshot?.snapshot ?? null,
			updates: rows.map((row) => row.data),
			updateSeqs: rows.map((row) => row.seq),
			lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : (snapshot?.snapshot_seq ?? 0),
			writers,
			damaged
		};
	}

	async updatesSince(room: string, afterSeq: number): Promise<LogTail> {
		this.commitAppends();
		return this.db.transaction(() => {
			const stored = this.statements.getSnapshot.get(room);
			const snapshot = stored?.snapshot && stored.snapshot_seq > afterSeq ? stored : null;
			const from = snapshot ? snapshot.snapshot_seq : afterSeq;
			const rows = this.statements.listUpdatesAfter.all(room, from);
			return logTail(room, snapshot, rows, afterSeq);
		})();
	}

	async lastSeqs(rooms: readonly string[]): Promise<Map<string, number>> {
		this.commitAppends();
		const seqs = new Map<string, number>();
		for (const room of rooms) {
			const last = this.statements.lastSeq.get(room, room)?.last_seq ?? 0;
			if (last > 0) seqs.set(room, last);
		}
		return seqs;
	}

	/** Queues the updates for the next group commit; resolves once the transaction holding them is durable. */
	appendUpdates(
		room: string,
		updates: Uint8Array[],
		writers?: ReadonlyMap<number, string>,
		deletions?: readonly DeletionRecord[]
	): Promise<number> {
		if (this.closed) return Promise.reject(new Error('The document store is closed.'));
		if (updates.length === 0 && !writers?.size && !deletions?.length) return Promise.resolve(0);
		return new Promise((resolve, reject) => {
			this.queue.push({ room, updates, writers, deletions, lastSeq: 0, resolve, reject });
			// setImmediate, not a microtask: rooms flush in the same check phase, so this one
			// commit collects every room's batch of this turn.
			this.commitScheduled ??= setImmediate(() => this.commitAppends());
		});
	}

	async deletionLog(room: string): Promise<DeletionRecord[]> {
		this.commitAppends();
		return this.statements.listDeletions
			.all(room)
			.map((row) => ({ writer: row.writer, deleteSet: row.delete_set }));
	}

	async bindWriters(
		room: string,
		writers: ReadonlyMap<number, string>
	): Promise<Map<number, string>> {
		this.commitAppends();
		return this.db
			.transaction(() => {
				for (const [clientId, writer] of writers) {
					this.statements.insertWriter.run(room, clientId, writer);
				}
				const bound = new Map<number, string>();
				for (const row of this.statements.listWriters.all(room)) {
					if (writers.has(row.client_id)) bound.set(row.client_id, row.writer);
				}
				return bound;
			})
			.immediate();
	}

	async clientWriters(room: string): Promise<Map<number, string>> {
		this.commitAppends();
		const writers = new Map<number, string>();
		for (const row of this.statements.listWriters.all(room)) writers.set(row.client_id, row.writer);
		return writers;
	}

	async addVersion(version: NewVersion): Promise<VersionRecord> {
		this.commitAppends();
		const storedBytes = this.insertVersion(version);
		const { state: _state, ...record } = version;
		return { ...record, storedBytes };
	}

	async listVersions(storyId: string): Promise<VersionRecord[]> {
		return this.statements.listVersions.all(storyId).map(toVersion);
	}

	async getVersion(
		storyId: string,
		versionId: string
	): Promise<(VersionRecord & { state: Uint8Array }) | null> {
		const row = this.statements.getVersion.get(storyId, versionId);
		if (!row) return null;
		return { ...toVersion(row), state: unpackVersionState(row, row.checksum) };
	}

	async renameVersion(
		storyId: string,
		versionId: string,
		name: string | null
	): Promise<VersionRecord | null> {
		this.commitAppends();
		if (this.statements.renameVersion.run(name, storyId, versionId).changes === 0) return null;
		const row = this.statements.getVersion.get(storyId, versionId);
		return row ? toVersion(row) : null;
	}

	async deleteVersions(storyId: string, versionIds: readonly string[]): Promise<void> {
		this.commitAppends();
		this.db.transaction(() => {
			for (const id of versionIds) this.statements.deleteVersion.run(storyId, id);
		})();
	}

	private insertVersion(version: NewVersion): number {
		const { state, checksum } = packVersionState(version.state);
		this.statements.insertVersion.run({
			id: version.id,
			storyId: version.storyId,
			createdAt: version.createdAt,
			name: version.name,
			kind: version.kind,
			authors: JSON.stringify(version.authors),
			words: version.words,
			wordsDelta: version.wordsDelta,
			state,
			stateBytes: state.byteLength,
			checksum
		});
		return state.byteLength;
	}

	async compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
		this.commitAppends();
		const data = toBuffer(snapshot);
		const checksum = rowChecksum(data);
		// The check and the write in one write transaction: another process (the CLI, a second
		// server on the file) may have stored a snapshot covering more meanwhile.
		this.db
			.transaction(() => {
				const stored = this.statements.getSnapshot.get(room);
				if (stored && stored.snapshot_seq > upToSeq) return;
				this.statements.putSnapshot.run(room, data, checksum, upToSeq);
				this.statements.deleteUpdatesUpTo.run(room, upToSeq);
			})
			.immediate();
	}

	async quarantine(room: string, rows: readonly DamagedRow[]): Promise<void> {
		this.commitAppends();
		const at = new Date().toISOString();
		this.db.transaction(() => {
			for (const row of rows) {
				if (row.kind === 'snapshot') {
					this.statements.quarantineSnapshot.run({ room, reason: row.reason, at });
				} else if (row.seq !== null) {
					this.statements.quarantineUpdate.run({ room, seq: row.seq, reason: row.reason, at });
				}
			}
		})();
	}

	async createLinks(links: readonly NewLink[]): Promise<void> {
		this.commitAppends();
		this.db.transaction(() => this.links.insert(links))();
	}

	async getLink(id: string): Promise<LinkRecord | null> {
		return this.links.get(id);
	}

	async linkByTokenHash(tokenHash: string): Promise<LinkRecord | null> {
		return this.links.byTokenHash(tokenHash);
	}

	async storyLinks(storyId: string): Promise<StoredLink[]> {
		return this.links.ofStory(storyId);
	}

	async restoreStory(dump: StoryDump): Promise<void> {
		this.commitAppends();
		const { story } = dump;
		this.db.transaction(() => {
			this.statements.insertStory.run({
				id: story.id,
				title: story.title,
				words: story.words,
				createdAt: story.createdAt,
				updatedAt: story.updatedAt,
				baselineText: dump.baselineText
			});
			for (const room of dump.rooms) {
				if (room.snapshot) {
					const snapshot = toBuffer(room.snapshot);
					this.statements.putSnapshot.run(room.room, snapshot, rowChecksum(snapshot), 0);
				}
				for (const update of room.updates) {
					const data = toBuffer(update);
					this.statements.insertUpdate.run(room.room, data, rowChecksum(data));
				}
				for (const [clientId, writer] of room.writers) {
					this.statements.insertWriter.run(room.room, clientId, writer);
				}
				for (const deletion of room.deletions) {
					this.statements.insertDeletion.run(
						room.room,
						deletion.writer,
						toBuffer(deletion.deleteSet)
					);
				}
			}
			for (const version of dump.versions) this.insertVersion(version);
			this.links.insert(dump.links);
		})();
	}

	async listLinks(storyId: string, now: string): Promise<LinkRecord[]> {
		return this.links.working(storyId, now);
	}

	async revokeLink(storyId: string, linkId: string, now: string): Promise<LinkChange> {
		this.commitAppends();
		return this.links.change(storyId, linkId, null, now);
	}

	async updateLink(
		storyId: string,
		linkId: string,
		change: { role: Role; name: string },
		now: string
	): Promise<LinkChange> {
		this.commitAppends();
		return this.links.change(storyId, linkId, change, now);
	}

	async probeWrite(): Promise<void> {
		this.commitAppends();
		this.statements.probeWrite.run(new Date().toISOString());
	}

	async ping(): Promise<boolean> {
		return this.statements.ping.get()?.ok === 1;
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.commitAppends();
		this.closed = true;
		this.db.close();
	}

	/** Writes every queued append in one transaction and settles their promises. */
	private commitAppends(): void {
		if (this.commitScheduled) {
			clearImmediate(this.commitScheduled);
			this.commitScheduled = null;
		}
		if (this.queue.length === 0) return;
		const batch = this.queue;
		this.queue = [];
		try {
			this.appendBatch(batch);
		} catch (error) {
			for (const append of batch) append.reject(error);
			return;
		}
		for (const append of batch) {
			if (append.conflict) append.reject(new WriterConflictError(append.room, append.conflict));
			else append.resolve(append.lastSeq);
		}
	}

	/** The bindings of `writers`' ids that another writer holds, or undefined when none. */
	private conflictingWriters(
		room: string,
		writers: ReadonlyMap<number, string> | undefined
	): Map<number, string> | undefined {
		let conflict: Map<number, string> | undefined;
		for (const [clientId, writer] of writers ?? []) {
			const bound = this.statements.getWriter.get(room, clientId)?.writer;
			if (bound !== undefined && bound !== writer) (conflict ??= new Map()).set(clientId, bound);
		}
		return conflict;
	}
}

/** Opens (creating if needed) `<dataDir>/galley.sqlite` with the current schema. */
export function openSqliteStore(dataDir: string): SqliteStore {
	mkdirSync(dataDir, { recursive: true });
	return new SqliteStore(path.join(dataDir, 'galley.sqlite'));
}
