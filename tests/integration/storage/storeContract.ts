import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore, NewLink, NewVersion } from '../../../server/storage/DocumentStore';
import { WriterConflictError } from '../../../server/storage/DocumentLog';
import { dumpStory } from '../../../server/storage/StoryDump';
import type { StoreTarget } from './storeTargets';

/**
 * The storage contract: what every DocumentStore adapter must do, written once and run unchanged
 * on each (see sqliteStore.contract.test.ts, postgresStore.contract.test.ts).
 */
export function describeStoreContract(adapter: string, newTarget: () => Promise<StoreTarget>) {
	describe(`storage contract: ${adapter}`, () => {
		let target: StoreTarget;
		let store: DocumentStore;
		const opened: DocumentStore[] = [];
		/** Another connection to the same database, as a second process would have. */
		const another = async () => {
			const other = await target.open();
			opened.push(other);
			return other;
		};

		beforeEach(async () => {
			target = await newTarget();
			store = await another();
		});

		afterEach(async () => {
			for (const each of opened.splice(0)) await each.close();
			await target.dispose();
		});

		it('creates, lists, updates and deletes stories with their first snapshot and version', async () => {
			await store.createStory(newStory('aaa', 'One two three'));
			await store.createStory(newStory('bbb', 'Four'));
			expect((await store.listStories()).map((story) => story.id).sort()).toEqual(['aaa', 'bbb']);
			expect(await store.getStory('aaa')).toMatchObject({ title: 'Story aaa', words: 3 });
			expect(await store.baselineText('aaa')).toBe('One two three');
			expect(textOf(await store.loadDocument('story:aaa'))).toBe('One two three');
			expect((await store.listVersions('aaa')).map((version) => version.kind)).toEqual(['import']);

			expect(await store.updateStory('aaa', { title: 'Renamed' })).toBe(true);
			expect(await store.updateStory('zzz', { title: 'Nobody' })).toBe(false);
			await store.recordEdits([{ id: 'bbb', words: 9, updatedAt: '2030-01-01T00:00:00.000Z' }]);
			expect(await store.getStory('aaa')).toMatchObject({ title: 'Renamed', words: 3 });
			expect(await store.getStory('bbb')).toMatchObject({ words: 9 });
			// Newest edit first.
			expect((await store.listStories())[0]!.id).toBe('bbb');

			await store.appendUpdates('notes:aaa', [textUpdate('note')], new Map([[5, 'link-a']]));
			await store.createLinks([newLink('l1', 'aaa', 'owner')]);
			expect(await store.deleteStory('aaa')).toBe(true);
			expect(await store.deleteStory('aaa')).toBe(false);
			expect(await store.getStory('aaa')).toBeNull();
			expect(await store.listVersions('aaa')).toEqual([]);
			expect(await store.loadDocument('story:aaa')).toMatchObject({ snapshot: null, updates: [] });
			expect(await store.loadDocument('notes:aaa')).toMatchObject({
				updates: [],
				writers: new Map()
			});
			// Links stay: their holders learn "deleted" rather than "bad link".
			expect(await store.getLink('l1')).not.toBeNull();
		});

		it('stores a story and its links in one transaction: all or nothing', async () => {
			await store.createStory(newStory('aaa'), [
				newLink('owner1', 'aaa', 'owner'),
				newLink('view1', 'aaa', 'viewer')
			]);
			expect((await store.listLinks('aaa', now())).map((link) => link.id)).toEqual([
				'owner1',
				'view1'
			]);
			// A link whose token hash is taken fails the whole creation.
			const clash = { ...newLink('owner2', 'bbb', 'owner'), tokenHash: 'hash-owner1' };
			await expect(store.createStory(newStory('bbb'), [clash])).rejects.toThrow();
			expect(await store.getStory('bbb')).toBeNull();
			expect(await store.getLink('owner2')).toBeNull();
			expect(await store.loadDocument('story:bbb')).toMatchObject({ snapshot: null });
			expect(await store.listVersions('bbb')).toEqual([]);
		});

		it('appends updates and loads them in order with increasing sequence numbers', async () => {
			expect(await store.loadDocument('story:new')).toEqual({
				snapshot: null,
				updates: [],
				updateSeqs: [],
				lastSeq: 0,
				writers: new Map(),
				damaged: []
			});
			const first = await store.appendUpdates('story:a', [bytes(1), bytes(2)]);
			await store.appendUpdates('story:b', [bytes(9)]);
			const second = await store.appendUpdates('story:a', [bytes(3)], undefined, [
				{ writer: 'link-a', deleteSet: bytes(7) }
			]);
			expect(second).toBeGreaterThan(first);
			const loaded = await store.loadDocument('story:a');
			expect(loaded.updates.map((update) => [...update])).toEqual([[1], [2], [3]]);
			expect(loaded.lastSeq).toBe(second);
			expect(loaded.updateSeqs.at(-1)).toBe(second);
			expect(loaded.updateSeqs.at(1)).toBe(first);
			expectIncreasing(loaded.updateSeqs);
			expect(await store.deletionLog('story:a')).toEqual([
				{ writer: 'link-a', deleteSet: expect.objectContaining({ 0: 7 }) }
			]);
			expect(await store.appendUpdates('story:a', [])).toBe(0);
		});

		it('keeps every update of concurrent appends from two connections, numbered uniquely', async () => {
			const other = await another();
			const acknowledged = await Promise.all(
				Array.from({ length: 60 }, (_, index) =>
					(index % 2 ? store : other).appendUpdates('story:busy', [textUpdate(`w${index}`)])
				)
			);
			expect(new Set(acknowledged).size).toBe(60);
			const loaded = await store.loadDocument('story:busy');
			expect(loaded.updates).toHaveLength(60);
			expectIncreasing(loaded.updateSeqs);
			expect([...loaded.updateSeqs].sort((a, b) => a - b)).toEqual(
				[...acknowledged].sort((a, b) => a - b)
			);
		});

		it('compacts while appends go on without losing any of them', async () => {
			const doc = new Y.Doc();
			const text = doc.getText('t');
			const write = (word: string) => {
				const before = Y.encodeStateVector(doc);
				text.insert(text.length, `${word} `);
				return Y.encodeStateAsUpdate(doc, before);
			};
			for (let index = 0; index < 20; index++) {
				await store.appendUpdates('story:c', [write(`early${index}`)]);
			}
			const loaded = await store.loadDocument('story:c');
			const snapshot = Y.encodeStateAsUpdate(docOf(loaded));
			const other = await another();
			// Later words reach the log while the compaction of the earlier ones runs.
			const late = Array.from({ length: 20 }, (_, index) =>
				other.appendUpdates('story:c', [write(`late${index}`)])
			);
			await Promise.all([store.compact('story:c', snapshot, loaded.lastSeq), ...late]);

			const after = await store.loadDocument('story:c');
			expect(after.updates).toHaveLength(20);
			expect(textOf(after)).toBe(text.toString());
		});

		it('never replaces a snapshot with older state', async () => {
			const older = textUpdate('older');
			const newer = textUpdate('newer');
			const seqs: number[] = [];
			for (let index = 0; index < 4; index++) {
				seqs.push(await store.appendUpdates('story:d', [textUpdate(`u${index}`)]));
			}
			await store.compact('story:d', newer, seqs[2]!);
			await store.compact('story:d', older, seqs[0]!);
			const loaded = await store.loadDocument('story:d');
			expect([...loaded.snapshot!]).toEqual([...newer]);
			expect(loaded.updateSeqs).toEqual([seqs[3]]);
			expect(loaded.lastSeq).toBe(seqs[3]);
			// With nothing logged since, the room's state still says which updates it covers.
			await store.compact('story:d', textUpdate('newest'), seqs[3]!);
			expect((await store.loadDocument('story:d')).lastSeq).toBe(seqs[3]);
		});

		it('reads the log after a sequence number, and the snapshot when it covers what was dropped', async () => {
			const seqs: number[] = [];
			const written = Array.from({ length: 5 }, (_, index) => textUpdate(`t${index}`));
			for (const update of written) seqs.push(await store.appendUpdates('story:tail', [update]));
			const other = await another();
			const tail = await other.updatesSince('story:tail', seqs[2]!);
			expect(tail.snapshot).toBeNull();
			expect(tail.updateSeqs).toEqual([seqs[3], seqs[4]]);
			expect(tail.updates.map((update) => [...update])).toEqual(
				written.slice(3).map((update) => [...update])
			);
			expect(tail.lastSeq).toBe(seqs[4]);
			expect(await other.lastSeqs(['story:tail', 'story:none'])).toEqual(
				new Map([['story:tail', seqs[4]]])
			);

			// Nothing new: an empty tail that still says how far it covers.
			const none = await other.updatesSince('story:tail', seqs[4]!);
			expect(none).toMatchObject({ snapshot: null, updates: [], lastSeq: seqs[4] });

			// Another process compacted past the asked number: the snapshot stands in for the log.
			const snapshot = textUpdate('snapshot');
			await store.compact('story:tail', snapshot, seqs[3]!);
			const behind = await other.updatesSince('story:tail', seqs[1]!);
			expect([...behind.snapshot!]).toEqual([...snapshot]);
			expect(behind.updateSeqs).toEqual([seqs[4]]);
			expect(behind.lastSeq).toBe(seqs[4]);
			expect(await other.lastSeqs(['story:tail'])).toEqual(new Map([['story:tail', seqs[4]]]));
		});

		it('binds a client id to its first writer and never replaces it', async () => {
			await store.appendUpdates('story:e', [bytes(1)], new Map([[11, 'link-a']]));
			// An append binding an id another writer holds stores nothing, not even its other ids.
			const refused = store.appendUpdates(
				'story:e',
				[bytes(2)],
				new Map([
					[11, 'link-b'],
					[12, 'link-b']
				])
			);
			await expect(refused).rejects.toBeInstanceOf(WriterConflictError);
			await expect(refused).rejects.toMatchObject({ bound: new Map([[11, 'link-a']]) });
			expect(await store.clientWriters('story:e')).toEqual(new Map([[11, 'link-a']]));
			expect((await store.loadDocument('story:e')).updates.map((u) => [...u])).toEqual([
				[...bytes(1)]
			]);
			await store.appendUpdates('story:e', [bytes(3)], new Map([[12, 'link-b']]));
			expect(await store.bindWriters('story:e', new Map([[11, 'link-c']]))).toEqual(
				new Map([[11, 'link-a']])
			);
			expect((await store.loadDocument('story:e')).writers).toEqual(
				new Map([
					[11, 'link-a'],
					[12, 'link-b']
				])
			);
			// Client ids are 32-bit unsigned: the largest must round-trip.
			await store.bindWriters('story:e', new Map([[2 ** 32 - 1, 'link-d']]));
			expect((await store.clientWriters('story:e')).get(2 ** 32 - 1)).toBe('link-d');
		});

		it('stores exactly one of two concurrent appends binding the same client id', async () => {
			const other = await another();
			for (let round = 0; round < 10; round++) {
				const clientId = 2000 + round;
				const outcomes = await Promise.allSettled([
					store.appendUpdates('story:g', [bytes(round * 2)], new Map([[clientId, 'link-a']])),
					other.appendUpdates('story:g', [bytes(round * 2 + 1)], new Map([[clientId, 'link-b']]))
				]);
				const kept = outcomes.filter((outcome) => outcome.status === 'fulfilled');
				expect(kept).toHaveLength(1);
				const lost = outcomes.find((outcome) => outcome.status === 'rejected');
				expect(lost?.reason).toBeInstanceOf(WriterConflictError);
			}
			const loaded = await store.loadDocument('story:g');
			expect(loaded.updates).toHaveLength(10);
			expect(loaded.writers.size).toBe(10);
		});

		it('lets exactly one of two concurrent binders have a client id', async () => {
			const other = await another();
			for (let round = 0; round < 10; round++) {
				const clientId = 1000 + round;
				const [a, b] = await Promise.all([
					store.bindWriters('story:f', new Map([[clientId, 'link-a']])),
					other.bindWriters('story:f', new Map([[clientId, 'link-b']]))
				]);
				expect(a.get(clientId)).toBeDefined();
				expect(a.get(clientId)).toBe(b.get(clientId));
				expect((await store.clientWriters('story:f')).get(clientId)).toBe(a.get(clientId));
			}
		});

		it('creates, finds, lists, updates and revokes links', async () => {
			await store.createStory(newStory('aaa'));
			const expired = { ...newLink('old', 'aaa', 'viewer'), expiresAt: '2000-01-01T00:00:00.000Z' };
			await store.createLinks([
				newLink('own', 'aaa', 'owner'),
				newLink('edit', 'aaa', 'editor'),
				expired
			]);
			expect(await store.linkByTokenHash('hash-edit')).toMatchObject({
				id: 'edit',
				storyId: 'aaa',
				role: 'editor',
				revokedAt: null
			});
			expect(await store.linkByTokenHash('nope')).toBeNull();
			expect((await store.listLinks('aaa', now())).map((link) => link.id).sort()).toEqual([
				'edit',
				'own'
			]);

			const updated = await store.updateLink(
				'aaa',
				'edit',
				{ role: 'commenter', name: 'Bo' },
				now()
			);
			expect(updated).toMatchObject({ ok: true, link: { role: 'commenter', name: 'Bo' } });
			expect(await store.revokeLink('aaa', 'edit', now())).toMatchObject({ ok: true });
			expect((await store.getLink('edit'))!.revokedAt).not.toBeNull();
			expect(await store.revokeLink('aaa', 'edit', now())).toEqual({
				ok: false,
				reason: 'not-found'
			});
			expect(await store.revokeLink('bbb', 'own', now())).toEqual({
				ok: false,
				reason: 'not-found'
			});
			expect(await store.revokeLink('aaa', 'old', now())).toEqual({
				ok: false,
				reason: 'not-found'
			});
		});

		it('keeps the last working owner link: no revoking or downgrading it', async () => {
			await store.createStory(newStory('aaa'), [newLink('own1', 'aaa', 'owner')]);
			expect(await store.revokeLink('aaa', 'own1', now())).toEqual({
				ok: false,
				reason: 'last-owner'
			});
			expect(await store.updateLink('aaa', 'own1', { role: 'editor', name: 'X' }, now())).toEqual({
				ok: false,
				reason: 'last-owner'
			});
			// Renaming it is fine, and so is revoking it once another owner link works.
			expect(
				await store.updateLink('aaa', 'own1', { role: 'owner', name: 'Ana' }, now())
			).toMatchObject({ ok: true });
			// An expired owner link is no owner.
			await store.createLinks([
				{ ...newLink('gone', 'aaa', 'owner'), expiresAt: '2000-01-01T00:00:00.000Z' }
			]);
			expect(await store.revokeLink('aaa', 'own1', now())).toMatchObject({ reason: 'last-owner' });
			await store.createLinks([newLink('own2', 'aaa', 'owner')]);
			expect(await store.revokeLink('aaa', 'own1', now())).toMatchObject({ ok: true });
			expect(await store.revokeLink('aaa', 'own2', now())).toMatchObject({ reason: 'last-owner' });
		});

		it('lets only one of two owners revoking each other at once succeed', async () => {
			const other = await another();
			for (let round = 0; round < 5; round++) {
				const story = `s${round}`;
				await store.createStory(newStory(story), [
					newLink(`${story}a`, story, 'owner'),
					newLink(`${story}b`, story, 'owner')
				]);
				const results = await Promise.all([
					store.revokeLink(story, `${story}a`, now()),
					other.revokeLink(story, `${story}b`, now())
				]);
				expect(results.filter((result) => result.ok)).toHaveLength(1);
				expect(await store.listLinks(story, now())).toHaveLength(1);
			}
		});

		it('stores, lists, renames and drops versions', async () => {
			await store.createStory(newStory('aaa', 'Hello'));
			const state = Y.encodeStateAsUpdateV2(
				docOf({ snapshot: textUpdate('v2 text'), updates: [] })
			);
			const version: NewVersion = {
				id: 'ver2',
				storyId: 'aaa',
				createdAt: '2031-01-01T00:00:00.000Z',
				name: null,
				kind: 'auto',
				authors: ['link-a', 'admin'],
				words: 2,
				wordsDelta: 1,
				state
			};
			const added = await store.addVersion(version);
			expect(added.storedBytes).toBeGreaterThan(0);
			const listed = await store.listVersions('aaa');
			expect(listed.map((each) => each.id)[0]).toBe('ver2');
			expect(listed).toHaveLength(2);
			expect(listed[0]).toEqual(added);
			const got = await store.getVersion('aaa', 'ver2');
			expect([...got!.state]).toEqual([...state]);
			expect(await store.getVersion('bbb', 'ver2')).toBeNull();
			expect(await store.renameVersion('aaa', 'ver2', 'Draft 2')).toMatchObject({
				name: 'Draft 2'
			});
			expect(await store.renameVersion('aaa', 'nope', 'x')).toBeNull();
			await store.deleteVersions('aaa', ['ver2', 'unknown']);
			expect((await store.listVersions('aaa')).map((each) => each.kind)).toEqual(['import']);
		});

		it('answers pings, takes probe writes and quarantines a row once', async () => {
			expect(await store.ping()).toBe(true);
			await store.probeWrite();
			const seq = await store.appendUpdates('story:q', [bytes(1)]);
			const row = { kind: 'update' as const, seq, reason: 'test' };
			await store.quarantine('story:q', [row]);
			await store.quarantine('story:q', [row]);
			expect((await store.loadDocument('story:q')).updates).toHaveLength(1);
		});

		it('dumps a story whole and restores it into another database as it was', async () => {
			await store.createStory(newStory('aaa', 'Copied'), [newLink('own', 'aaa', 'owner')]);
			await store.createLinks([newLink('gone', 'aaa', 'viewer')]);
			await store.revokeLink('aaa', 'gone', now());
			await store.appendUpdates('story:aaa', [textUpdate('x')], new Map([[3, 'own']]), [
				{ writer: 'own', deleteSet: bytes(1) }
			]);
			await store.appendUpdates('notes:aaa', [bytes(8)]);
			const dump = (await dumpStory(store, 'aaa'))!;
			// Links made in the same millisecond list by id: compare them as a set.
			expect(dump.links.map((link) => [link.id, link.revokedAt !== null]).sort()).toEqual([
				['gone', true],
				['own', false]
			]);
			const elsewhere = await newTarget();
			const copy = await elsewhere.open();
			try {
				await copy.restoreStory(dump);
				expect(await dumpStory(copy, 'aaa')).toEqual(dump);
				await expect(copy.restoreStory(dump)).rejects.toThrow();
			} finally {
				await copy.close();
				await elsewhere.dispose();
			}
		});

		it('reopens the same database with its data, migrations already applied', async () => {
			await store.createStory(newStory('aaa', 'Kept'), [newLink('own', 'aaa', 'owner')]);
			await store.appendUpdates('story:aaa', [bytes(4)]);
			const again = await another();
			expect(await again.getStory('aaa')).toMatchObject({ title: 'Story aaa' });
			expect(await again.getLink('own')).toMatchObject({ role: 'owner' });
			expect((await again.loadDocument('story:aaa')).updates).toHaveLength(1);
		});
	});
}

const bytes = (...values: number[]) => new Uint8Array(values);
const now = () => new Date().toISOString();

function textUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

function newStory(id: string, text = 'Once upon a time') {
	return {
		id,
		title: `Story ${id}`,
		initialState: textUpdate(text),
		baselineText: text,
		words: text.split(' ').length
	};
}

function newLink(id: string, storyId: string, role: NewLink['role']): NewLink {
	return {
		id,
		storyId,
		role,
		name: '',
		tokenHash: `hash-${id}`,
		createdAt: new Date().toISOString(),
		expiresAt: null
	};
}

function docOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}

function textOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
	return docOf(stored).getText('t').toString();
}

function expectIncreasing(seqs: number[]): void {
	for (let index = 1; index < seqs.length; index++) {
		expect(seqs[index]).toBeGreaterThan(seqs[index - 1]!);
	}
}
