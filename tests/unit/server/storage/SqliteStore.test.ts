import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WriterConflictError } from '../../../../server/storage/DocumentLog';
import { openSqliteStore, type SqliteStore } from '../../../../server/storage/SqliteStore';
import { SCHEMA_VERSION } from '../../../../server/storage/sqliteSchema';

let dataDir: string;
let store: SqliteStore;

beforeEach(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'galley-store-'));
	store = openSqliteStore(dataDir);
});

afterEach(async () => {
	await store.close();
	rmSync(dataDir, { recursive: true, force: true });
});

const bytes = (...values: number[]) => new Uint8Array(values);

function storyState(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

async function newStory(id: string, text = 'Once upon a time') {
	await store.createStory({
		id,
		title: `Story ${id}`,
		initialState: storyState(text),
		baselineText: text,
		words: text.split(' ').length
	});
}

describe('SqliteStore', () => {
	it('opens galley.sqlite in WAL mode, synchronous FULL, at the current schema version', () => {
		const db = new Database(path.join(dataDir, 'galley.sqlite'), { readonly: true });
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
		db.close();
		// synchronous is per connection: read it through the store's own connection.
		const internal = (store as unknown as { db: Database.Database }).db;
		expect(internal.pragma('synchronous', { simple: true })).toBe(2);
	});

	it('appends updates and loads them back in order with the last sequence number', async () => {
		expect(await store.loadDocument('story:abcdef')).toEqual({
			snapshot: null,
			updates: [],
			updateSeqs: [],
			lastSeq: 0,
			writers: new Map(),
			damaged: []
		});
		await store.appendUpdates('story:abcdef', [bytes(1), bytes(2)]);
		await store.appendUpdates('notes:abcdef', [bytes(9)]);
		await store.appendUpdates('story:abcdef', [bytes(3)]);
		const loaded = await store.loadDocument('story:abcdef');
		expect(loaded.snapshot).toBeNull();
		expect(loaded.updates.map((update) => [...update])).toEqual([[1], [2], [3]]);
		expect(loaded.lastSeq).toBe(4);
	});

	it('keeps the first writer of each client id with the updates, per room', async () => {
		await store.appendUpdates('story:abcdef', [bytes(1)], new Map([[7, 'link-a']]));
		// In one group commit: the append that would rebind 7 stores nothing, the others commit.
		const [refused, other, notes] = await Promise.allSettled([
			store.appendUpdates(
				'story:abcdef',
				[bytes(2)],
				new Map([
					[7, 'link-b'],
					[8, 'link-b']
				])
			),
			store.appendUpdates('story:abcdef', [bytes(4)], new Map([[9, 'link-b']])),
			store.appendUpdates('notes:abcdef', [bytes(3)], new Map([[7, 'link-c']]))
		]);
		expect(refused.status === 'rejected' && refused.reason).toBeInstanceOf(WriterConflictError);
		expect([other.status, notes.status]).toEqual(['fulfilled', 'fulfilled']);
		const story = await store.loadDocument('story:abcdef');
		expect(story.writers).toEqual(
			new Map([
				[7, 'link-a'],
				[9, 'link-b']
			])
		);
		expect(story.updates.map((update) => [...update])).toEqual([[...bytes(1)], [...bytes(4)]]);
		expect((await store.loadDocument('notes:abcdef')).writers).toEqual(new Map([[7, 'link-c']]));
	});

	it('group-commits appends made in the same turn, in call order, across rooms', async () => {
		const internal = (store as unknown as { db: Database.Database }).db;
		const before = internal.prepare('SELECT count(*) AS n FROM updates').get() as { n: number };
		const writes = [
			store.appendUpdates('story:aaaaaa', [bytes(1)]),
			store.appendUpdates('story:bbbbbb', [bytes(2)]),
			store.appendUpdates('story:aaaaaa', [bytes(3)])
		];
		// Nothing is written until the turn ends...
		expect((internal.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n).toBe(
			before.n
		);
		await Promise.all(writes);
		const rows = internal.prepare('SELECT room, data FROM updates ORDER BY seq').all() as Array<{
			room: string;
			data: Buffer;
		}>;
		expect(rows.map((row) => [row.room, [...row.data]])).toEqual([
			['story:aaaaaa', [1]],
			['story:bbbbbb', [2]],
			['story:aaaaaa', [3]]
		]);
	});

	it('sees queued appends in any later call (loadDocument commits them first)', async () => {
		const write = store.appendUpdates('story:abcdef', [bytes(7)]);
		expect((await store.loadDocument('story:abcdef')).updates).toHaveLength(1);
		await write;
	});

	it('compacts: replaces the snapshot and drops updates up to the given sequence', async () => {
		await store.appendUpdates('story:abcdef', [bytes(1), bytes(2), bytes(3)]);
		await store.compact('story:abcdef', bytes(42), 2);
		let loaded = await store.loadDocument('story:abcdef');
		expect([...loaded.snapshot!]).toEqual([42]);
		expect(loaded.updates.map((update) => [...update])).toEqual([[3]]);
		await store.compact('story:abcdef', bytes(43), loaded.lastSeq);
		loaded = await store.loadDocument('story:abcdef');
		expect([...loaded.snapshot!]).toEqual([43]);
		expect(loaded.updates).toEqual([]);
	});

	it('creates a story with its first snapshot, lists, gets, updates it', async () => {
		await newStory('story1');
		const doc = new Y.Doc();
		const loaded = await store.loadDocument('story:story1');
		Y.applyUpdate(doc, loaded.snapshot!);
		expect(doc.getText('t').toString()).toBe('Once upon a time');
		expect(await store.baselineText('story1')).toBe('Once upon a time');

		const story = await store.getStory('story1');
		expect(story).toMatchObject({ id: 'story1', title: 'Story story1', words: 4 });
		expect(story!.createdAt).toBe(story!.updatedAt);
		expect(new Date(story!.createdAt).toISOString()).toBe(story!.createdAt);

		expect(await store.updateStory('story1', { title: 'Renamed', words: 9 })).toBe(true);
		expect(await store.updateStory('nope00', { title: 'x' })).toBe(false);
		expect(await store.getStory('story1')).toMatchObject({
			title: 'Renamed',
			words: 9,
			updatedAt: story!.updatedAt
		});
		await store.updateStory('story1', { updatedAt: '2030-01-01T00:00:00.000Z' });
		await newStory('story2');
		expect((await store.listStories()).map((s) => s.id)).toEqual(['story1', 'story2']);
		expect(await store.getStory('missing')).toBeNull();
		expect(await store.baselineText('missing')).toBeNull();
	});

	it("records many stories' word counts and edit times at once", async () => {
		await newStory('story1');
		await newStory('story2');
		await store.recordEdits([
			{ id: 'story1', words: 11, updatedAt: '2031-02-03T04:05:06.000Z' },
			{ id: 'story2', words: 22, updatedAt: '2032-02-03T04:05:06.000Z' },
			{ id: 'gone00', words: 1, updatedAt: '2033-02-03T04:05:06.000Z' }
		]);
		expect(await store.getStory('story1')).toMatchObject({
			words: 11,
			updatedAt: '2031-02-03T04:05:06.000Z'
		});
		expect(await store.getStory('story2')).toMatchObject({
			words: 22,
			updatedAt: '2032-02-03T04:05:06.000Z'
		});
		expect(await store.getStory('gone00')).toBeNull();
	});

	it('refuses a duplicate story id without touching the first', async () => {
		await newStory('story1', 'first');
		await expect(newStory('story1', 'second')).rejects.toThrow();
		expect(await store.baselineText('story1')).toBe('first');
	});

	it('deletes a story with both rooms, snapshots, logs and client bindings', async () => {
		await newStory('story1');
		await newStory('story2');
		await store.appendUpdates('story:story1', [bytes(1)], new Map([[5, 'link-a']]));
		await store.appendUpdates('notes:story1', [bytes(2)]);
		await store.compact('notes:story1', bytes(3), 0);
		expect(await store.deleteStory('story1')).toBe(true);
		expect(await store.deleteStory('story1')).toBe(false);
		expect(await store.getStory('story1')).toBeNull();
		for (const room of ['story:story1', 'notes:story1']) {
			expect(await store.loadDocument(room)).toEqual({
				snapshot: null,
				updates: [],
				updateSeqs: [],
				lastSeq: 0,
				writers: new Map(),
				damaged: []
			});
		}
		expect((await store.loadDocument('story:story2')).snapshot).not.toBeNull();
	});

	it('keeps everything across close and reopen', async () => {
		await newStory('story1');
		await store.appendUpdates('story:story1', [bytes(5)]);
		const pending = store.appendUpdates('story:story1', [bytes(6)]);
		await store.close();
		await pending; // close commits what was queued
		await expect(store.appendUpdates('story:story1', [bytes(7)])).rejects.toThrow();
		store = openSqliteStore(dataDir);
		expect(await store.getStory('story1')).toMatchObject({ id: 'story1' });
		const loaded = await store.loadDocument('story:story1');
		expect(loaded.snapshot).not.toBeNull();
		expect(loaded.updates.map((update) => [...update])).toEqual([[5], [6]]);
	});

	it('lets a second connection (the CLI) read and write while the store is open', async () => {
		await newStory('story1');
		const other = openSqliteStore(dataDir);
		expect(await other.getStory('story1')).not.toBeNull();
		await other.appendUpdates('story:story1', [bytes(1)]);
		await store.appendUpdates('story:story1', [bytes(2)]);
		expect((await store.loadDocument('story:story1')).updates).toHaveLength(2);
		expect(await other.ping()).toBe(true);
		await other.close();
	});

	describe('damaged rows', () => {
		const internal = () => (store as unknown as { db: Database.Database }).db;

		it('stores a checksum with every snapshot and update, and names the rows that changed', async () => {
			await newStory('story1');
			await store.appendUpdates('story:story1', [bytes(1, 2, 3), bytes(4, 5, 6)]);
			const intact = await store.loadDocument('story:story1');
			expect(intact.damaged).toEqual([]);
			expect(intact.updateSeqs).toHaveLength(2);

			const db = internal();
			// A snapshot cut in half, and one flipped byte in the second update.
			db.prepare(
				"UPDATE documents SET snapshot = substr(snapshot, 1, length(snapshot) / 2) WHERE room = 'story:story1'"
			).run();
			db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(
				Buffer.from([4, 5, 7]),
				intact.updateSeqs[1]
			);
			const damaged = await store.loadDocument('story:story1');
			expect(damaged.damaged).toEqual([
				{ kind: 'snapshot', seq: null, reason: expect.stringMatching(/checksum/) },
				{ kind: 'update', seq: intact.updateSeqs[1], reason: expect.stringMatching(/checksum/) }
			]);
			// Compacting writes a fresh checksum with the new snapshot.
			await store.compact('story:story1', bytes(9), damaged.lastSeq);
			expect((await store.loadDocument('story:story1')).damaged).toEqual([]);
		});

		it('copies quarantined rows with room, seq, reason and time, once, leaving them in place', async () => {
			await newStory('story1');
			await store.appendUpdates('story:story1', [bytes(1), bytes(2)]);
			const { updateSeqs } = await store.loadDocument('story:story1');
			const rows = [
				{ kind: 'snapshot' as const, seq: null, reason: 'cut' },
				{ kind: 'update' as const, seq: updateSeqs[1]!, reason: 'flipped' }
			];
			await store.quarantine('story:story1', rows);
			await store.quarantine('story:story1', rows);
			const kept = internal()
				.prepare('SELECT room, kind, seq, data, reason, quarantined_at FROM quarantine ORDER BY id')
				.all() as Array<{ room: string; kind: string; seq: number | null; data: Buffer }>;
			expect(kept).toHaveLength(2);
			expect(kept[0]).toMatchObject({ room: 'story:story1', kind: 'snapshot', seq: null });
			expect(kept[1]).toMatchObject({ kind: 'update', seq: updateSeqs[1], reason: 'flipped' });
			expect([...kept[1]!.data]).toEqual([2]);
			const still = await store.loadDocument('story:story1');
			expect(still.snapshot).not.toBeNull();
			expect(still.updates).toHaveLength(2);
			// Deleting the story keeps what was quarantined.
			await store.deleteStory('story1');
			expect(internal().prepare('SELECT count(*) AS n FROM quarantine').get()).toEqual({ n: 2 });
		});

		it('reads rows written before checksums (NULL) as intact, for the decoder to judge', async () => {
			await newStory('story1');
			await store.appendUpdates('story:story1', [bytes(1)]);
			internal()
				.prepare('UPDATE updates SET checksum = NULL, data = ?')
				.run(Buffer.from([2]));
			internal().prepare('UPDATE documents SET checksum = NULL').run();
			expect((await store.loadDocument('story:story1')).damaged).toEqual([]);
		});
	});

	it('refuses a database written by a newer Galley', async () => {
		await store.close();
		const db = new Database(path.join(dataDir, 'galley.sqlite'));
		db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
		db.close();
		expect(() => openSqliteStore(dataDir)).toThrow(/newer/);
		store = { close: async () => {} } as unknown as SqliteStore;
	});
});

describe('versions', () => {
	it('stores the import as the first version, and versions with their state, newest first', async () => {
		await newStory('abcdef', 'One two three');
		const [imported] = await store.listVersions('abcdef');
		expect(imported).toMatchObject({ kind: 'import', name: null, words: 3, authors: [] });
		// Stored in Yjs's V2 encoding.
		const importedDoc = new Y.Doc();
		Y.applyUpdateV2(importedDoc, (await store.getVersion('abcdef', imported!.id))!.state);
		expect(importedDoc.getText('t').toString()).toBe('One two three');
		const state = Y.convertUpdateFormatV1ToV2(storyState('One two three four'));
		const added = await store.addVersion({
			id: 'v2',
			storyId: 'abcdef',
			createdAt: new Date(Date.now() + 1000).toISOString(),
			name: null,
			kind: 'auto',
			authors: ['link-a'],
			words: 4,
			wordsDelta: 1,
			state
		});
		expect(added.storedBytes).toBeGreaterThan(0);
		const listed = await store.listVersions('abcdef');
		expect(listed.map((v) => v.id)).toEqual(['v2', imported!.id]);
		const read = await store.getVersion('abcdef', 'v2');
		expect(Buffer.from(read!.state).equals(Buffer.from(state))).toBe(true);
		expect(await store.getVersion('abcdef', 'nope')).toBeNull();
		expect(await store.getVersion('zzzzzz', 'v2')).toBeNull();
	});

	it('names, thins and deletes versions with their story', async () => {
		await newStory('abcdef');
		const [imported] = await store.listVersions('abcdef');
		expect((await store.renameVersion('abcdef', imported!.id, 'First draft'))?.name).toBe(
			'First draft'
		);
		expect(await store.renameVersion('abcdef', 'nope', 'x')).toBeNull();
		await store.deleteVersions('abcdef', [imported!.id, 'nope']);
		expect(await store.listVersions('abcdef')).toEqual([]);
		await newStory('bbbbbb');
		await store.deleteStory('bbbbbb');
		expect(await store.listVersions('bbbbbb')).toEqual([]);
	});

	it('logs deletions with their writer in the same commit as the updates, and survives a reopen', async () => {
		await store.appendUpdates('story:abcdef', [bytes(1)], undefined, [
			{ writer: 'link-a', deleteSet: bytes(1, 2, 3) }
		]);
		await store.compact('story:abcdef', bytes(9), Number.MAX_SAFE_INTEGER);
		await store.close();
		store = openSqliteStore(dataDir);
		const log = await store.deletionLog('story:abcdef');
		expect(log.map((row) => [row.writer, [...row.deleteSet]])).toEqual([['link-a', [1, 2, 3]]]);
	});
});
