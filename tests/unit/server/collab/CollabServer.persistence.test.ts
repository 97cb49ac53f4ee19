import { request } from 'node:http';
import { afterEach, describe as suite, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import {
	applyReceived,
	connectClient,
	connectRaw,
	describe,
	startHarness,
	storedDoc,
	syncStep1,
	synced,
	updateMessage,
	type Client,
	type Harness,
	type RawClient
} from './collabHarness';

const ROOM = 'story:persist-test';

let harness: Harness;
let clients: Client[] = [];

afterEach(async () => {
	for (const client of clients) client.destroy();
	clients = [];
	await harness.dispose();
});

function client(room = ROOM): Client {
	const created = connectClient(harness.url, room);
	clients.push(created);
	return created;
}

/** Holds every appendUpdates call until released, recording what each call carried. */
function gateAppends(target: Harness) {
	const calls: Uint8Array[][] = [];
	const waiting: Array<() => void> = [];
	let open = false;
	const append = target.store.appendUpdates.bind(target.store);
	vi.spyOn(target.store, 'appendUpdates').mockImplementation(async (room, updates) => {
		calls.push(updates);
		if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
		return append(room, updates);
	});
	return {
		calls,
		release() {
			open = true;
			for (const resolve of waiting.splice(0)) resolve();
		}
	};
}

function edit(doc: Y.Doc, text: string): Uint8Array {
	const before = Y.encodeStateVector(doc);
	doc.getText('text').insert(doc.getText('text').length, text);
	return Y.encodeStateAsUpdate(doc, before);
}

const updateFrames = (raw: RawClient) => raw.messages.filter((m) => describe(m).syncType === 2);

suite('CollabServer persistence and relay', () => {
	it('relays nothing until the store has made the batch durable, then one merged frame', async () => {
		harness = await startHarness();
		const a = await connectRaw(harness.url, ROOM);
		const b = await connectRaw(harness.url, ROOM);
		const c = await connectRaw(harness.url, ROOM);
		await vi.waitFor(() => expect(c.messages.length).toBeGreaterThan(0));
		const gate = gateAppends(harness);

		const docA = new Y.Doc();
		const docB = new Y.Doc();
		a.ws.send(updateMessage(edit(docA, 'a1')));
		await vi.waitFor(() => expect(gate.calls.length).toBe(1));
		// While the first write is held, more arrive; a sync step 1 after them on the same socket
		// tells us when the server has taken them in (frames of a connection are handled in order).
		a.ws.send(updateMessage(edit(docA, 'a2')));
		b.ws.send(updateMessage(edit(docB, 'b1')));
		b.ws.send(updateMessage(edit(docB, 'b2')));
		a.ws.send(syncStep1(new Y.Doc()));
		b.ws.send(syncStep1(new Y.Doc()));
		const step2s = (raw: RawClient) => raw.messages.filter((m) => describe(m).syncType === 1);
		await vi.waitFor(() => expect(step2s(a)).toHaveLength(1));
		await vi.waitFor(() => expect(step2s(b)).toHaveLength(1));
		// Not durable yet: not relayed, and not in the state a sync step 2 hands out either.
		const handedOut = new Y.Doc();
		applyReceived(b, handedOut);
		expect(handedOut.getText('text').length).toBe(0);
		expect(updateFrames(c)).toHaveLength(0);
		expect(gate.calls).toHaveLength(1);

		gate.release();
		await vi.waitFor(() => expect(gate.calls).toHaveLength(2));
		expect(gate.calls[1]).toHaveLength(3);
		await vi.waitFor(() => expect(updateFrames(c)).toHaveLength(2));
		const seenByC = new Y.Doc();
		applyReceived(c, seenByC);
		expect(seenByC.getText('text').toString()).toContain('a1a2');
		expect(seenByC.getText('text').toString()).toContain('b1b2');

		// a gets b's part of the second batch only; b gets a1 (first batch) and a2 (second).
		await vi.waitFor(() => expect(updateFrames(a)).toHaveLength(1));
		await vi.waitFor(() => expect(updateFrames(b)).toHaveLength(2));
		const seenByA = new Y.Doc();
		applyReceived(a, seenByA);
		expect(seenByA.getText('text').toString()).toBe('b1b2');
		for (const raw of [a, b, c]) raw.ws.close();
	});

	it('closes the room with 4503 "not saved" when the store fails a write, and reloads it for the next client', async () => {
		harness = await startHarness();
		const raw = await connectRaw(harness.url, ROOM);
		vi.spyOn(harness.store, 'appendUpdates').mockRejectedValueOnce(new Error('disk full'));
		raw.ws.send(updateMessage(edit(new Y.Doc(), 'lost')));
		// A store without its health watch: the reason names no cause (WatchedStore adds it).
		expect(await raw.closed).toEqual({ code: CloseCode.notSaved, reason: 'not saved; retrying' });
		const alice = client();
		await synced(alice);
		expect(alice.text.toString()).toBe('');
		alice.text.insert(0, 'saved');
		await vi.waitFor(async () =>
			expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toBe('saved')
		);
	});

	it('compacts the log when it grows past compactAfterUpdates', async () => {
		harness = await startHarness({ compactAfterUpdates: 3 });
		const alice = client();
		await synced(alice);
		for (const letter of 'abcdefgh') alice.text.insert(alice.text.length, letter);
		await vi.waitFor(async () =>
			expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toBe('abcdefgh')
		);
		await vi.waitFor(async () => {
			const stored = await harness.store.loadDocument(ROOM);
			expect(stored.snapshot).not.toBeNull();
			expect(stored.updates.length).toBeLessThanOrEqual(3);
		});
	});

	it('unloads an empty room after unloadAfterMs: compacted, reported, reloadable', async () => {
		const changed = vi.fn<(room: string, doc: Y.Doc) => void>();
		harness = await startHarness({ unloadAfterMs: 50, onDocumentChanged: changed });
		const alice = client();
		await synced(alice);
		alice.text.insert(0, 'before unload');
		await vi.waitFor(async () =>
			expect((await harness.store.loadDocument(ROOM)).updates).toHaveLength(1)
		);
		alice.destroy();

		await vi.waitFor(async () => {
			const stored = await harness.store.loadDocument(ROOM);
			expect(stored.updates).toHaveLength(0);
			expect(stored.snapshot).not.toBeNull();
		});
		await vi.waitFor(() => expect(changed).toHaveBeenCalled());
		expect(changed.mock.calls[0]![0]).toBe(ROOM);

		const bob = client();
		await synced(bob);
		expect(bob.text.toString()).toBe('before unload');
	});

	it('reports changes to onDocumentChanged debounced, with the live doc', async () => {
		const texts: string[] = [];
		harness = await startHarness({
			onDocumentChanged: (_room, doc) => texts.push(doc.getText('text').toString())
		});
		const alice = client();
		await synced(alice);
		alice.text.insert(0, 'one');
		alice.text.insert(3, ' two');
		await vi.waitFor(() => expect(texts).toEqual(['one two']), { timeout: 4000 });
	});

	it('drops a room: 4404 to its clients and to newcomers, nothing more stored', async () => {
		harness = await startHarness();
		const raw = await connectRaw(harness.url, ROOM);
		const alice = client();
		await synced(alice);
		alice.text.insert(0, 'doomed');
		await vi.waitFor(async () =>
			expect((await harness.store.loadDocument(ROOM)).updates).toHaveLength(1)
		);

		await harness.collab.dropRoom(ROOM);
		expect(await raw.closed).toEqual({ code: CloseCode.notFound, reason: 'story deleted' });
		const late = await connectRaw(harness.url, ROOM);
		expect((await late.closed).code).toBe(CloseCode.notFound);
		await expect(harness.collab.withDocument(ROOM, () => 1)).rejects.toThrow();
	});

	it('closes with 4404 when roomExists says no', async () => {
		harness = await startHarness({ roomExists: async (room) => room.storyId !== 'missing-story' });
		const raw = await connectRaw(harness.url, 'story:missing-story');
		expect(await raw.closed).toEqual({ code: CloseCode.notFound, reason: 'story not found' });
		const ok = await connectRaw(harness.url, 'story:present-story');
		await vi.waitFor(() => expect(ok.messages.length).toBeGreaterThan(0));
		ok.ws.close();
	});

	it('answers plain HTTP for bad paths and room names', async () => {
		harness = await startHarness();
		const status = async (path: string) =>
			new Promise<number>((resolve) => {
				request({
					port: harness.port,
					path,
					headers: {
						Connection: 'Upgrade',
						Upgrade: 'websocket',
						'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
						'Sec-WebSocket-Version': '13'
					}
				})
					.on('response', (response) => resolve(response.statusCode ?? 0))
					.on('upgrade', (_response, socket) => {
						socket.destroy();
						resolve(101);
					})
					.end();
			});
		expect(await status('/collab/not-a-room')).toBe(400);
		expect(await status('/collab/story:x')).toBe(400);
		expect(await status('/elsewhere/story:abcdefg')).toBe(404);
		expect(await status('/collab/story:abcdefg')).toBe(101);
	});

	it('closes everyone with 1001 on close(), after writing what was accepted', async () => {
		harness = await startHarness();
		const raw = await connectRaw(harness.url, ROOM);
		const doc = new Y.Doc();
		raw.ws.send(updateMessage(edit(doc, 'last words')));
		await vi.waitFor(async () => {
			const room = await harness.collab.readDocument(ROOM);
			expect(room.getText('text').toString()).toBe('last words');
		});
		await harness.stop();
		expect((await raw.closed).code).toBe(CloseCode.goingAway);
		harness = await startHarness({}, harness.dataDir);
		const stored = await harness.store.loadDocument(ROOM);
		expect(stored.updates).toHaveLength(0);
		expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toBe('last words');
	});
});

suite('history', () => {
	it('gives a story stored before history its first version when its room loads', async () => {
		harness = await startHarness({ versionPauseMs: 60_000 });
		const seed = new Y.Doc();
		seed.getText('text').insert(0, 'older story');
		await harness.store.appendUpdates(ROOM, [Y.encodeStateAsUpdate(seed)]);
		expect(await harness.store.listVersions('persist-test')).toEqual([]);
		const reader = client();
		await synced(reader);
		await vi.waitFor(async () =>
			expect((await harness.store.listVersions('persist-test')).map((v) => v.kind)).toEqual([
				'auto'
			])
		);
	});
});

suite('automatic versions', () => {
	it('makes the first at load, one after a pause in editing and one on unload', async () => {
		harness = await startHarness({ versionPauseMs: 400, unloadAfterMs: 50 });
		const seed = new Y.Doc();
		seed.getText('text').insert(0, 'start');
		await harness.store.appendUpdates(ROOM, [Y.encodeStateAsUpdate(seed)]);
		const writer = client();
		await synced(writer);
		const kinds = async () =>
			(await harness.store.listVersions('persist-test')).map((v) => v.kind).reverse();
		await vi.waitFor(async () => expect(await kinds()).toEqual(['auto']));
		writer.text.insert(5, ' one');
		await vi.waitFor(async () => expect(await kinds()).toEqual(['auto', 'auto']));
		writer.text.insert(9, ' two');
		// Leaving before the pause ends: the unload makes the version.
		await vi.waitFor(async () =>
			expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toContain('two')
		);
		writer.destroy();
		await vi.waitFor(async () => expect(await kinds()).toEqual(['auto', 'auto', 'unload']), {
			timeout: 5_000
		});
	});
});
