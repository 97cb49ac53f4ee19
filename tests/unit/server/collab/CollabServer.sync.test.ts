import { afterEach, beforeEach, describe as suite, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
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
	type RawClient,
	type Harness
} from './collabHarness';

const ROOM = 'story:sync-test-1';

let harness: Harness;
let clients: Client[] = [];

beforeEach(async () => {
	harness = await startHarness();
});

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

suite('CollabServer sync', () => {
	it('makes two y-websocket clients converge and persists every edit', async () => {
		const alice = client();
		const bob = client();
		await Promise.all([synced(alice), synced(bob)]);

		alice.text.insert(0, 'Hello');
		await vi.waitFor(() => expect(bob.text.toString()).toBe('Hello'));
		bob.text.insert(5, ', world');
		alice.text.insert(0, '> ');
		await vi.waitFor(() => expect(alice.text.toString()).toBe('> Hello, world'));
		await vi.waitFor(() => expect(bob.text.toString()).toBe('> Hello, world'));

		const stored = await storedDoc(harness.store, ROOM);
		expect(stored.getText('text').toString()).toBe('> Hello, world');
	});

	it('gives a late joiner everything, from the live room and after a restart', async () => {
		const alice = client();
		await synced(alice);
		for (const word of ['one ', 'two ', 'three']) alice.text.insert(alice.text.length, word);
		await vi.waitFor(async () =>
			expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toBe(
				'one two three'
			)
		);

		const late = client();
		await synced(late);
		expect(late.text.toString()).toBe('one two three');

		for (const each of clients) each.destroy();
		clients = [];
		await harness.stop();
		harness = await startHarness({}, harness.dataDir);
		const afterRestart = client();
		await synced(afterRestart);
		expect(afterRestart.text.toString()).toBe('one two three');
	});

	it('answers step 1 with step 2 and sends its own step 1, loading the room first', async () => {
		const seed = new Y.Doc();
		seed.getText('text').insert(0, 'stored before anyone came');
		await harness.store.appendUpdates(ROOM, [Y.encodeStateAsUpdate(seed)]);

		const raw = await connectRaw(harness.url, ROOM);
		raw.ws.send(syncStep1(new Y.Doc()));
		await vi.waitFor(() => expect(raw.messages.length).toBeGreaterThanOrEqual(2));
		const kinds = raw.messages.map(describe);
		expect(kinds).toContainEqual({ type: 0, syncType: 0 });
		expect(kinds).toContainEqual({ type: 0, syncType: 1 });
		const received = new Y.Doc();
		applyReceived(raw, received);
		expect(received.getText('text').toString()).toBe('stored before anyone came');
		raw.ws.close();
	});

	it('never echoes an update to its sender and relays it once to everyone else', async () => {
		const sender = await connectRaw(harness.url, ROOM);
		const receiver = await connectRaw(harness.url, ROOM);
		const observer = client();
		await synced(observer);
		const updates = (raw: RawClient) =>
			raw.messages.filter((message) => describe(message).syncType === 2).length;

		const doc = new Y.Doc();
		doc.getText('text').insert(0, 'x');
		sender.ws.send(updateMessage(Y.encodeStateAsUpdate(doc)));
		await vi.waitFor(() => expect(observer.text.toString()).toBe('x'));
		await vi.waitFor(() => expect(updates(receiver)).toBe(1));
		observer.text.insert(1, 'y');
		await vi.waitFor(() => expect(updates(sender)).toBe(1));
		await vi.waitFor(() => expect(updates(receiver)).toBe(2));
		const senderDoc = new Y.Doc();
		applyReceived(sender, senderDoc);
		// The sender got the observer's "y" but not its own "x" back.
		expect(senderDoc.getText('text').toString()).toBe('');
		expect(senderDoc.store.pendingStructs).not.toBeNull();
		sender.ws.close();
		receiver.ws.close();
	});

	it('applies withDocument changes durably and relays them', async () => {
		const alice = client();
		await synced(alice);
		const length = await harness.collab.withDocument(ROOM, (doc) => {
			doc.getText('text').insert(0, 'from the server');
			return doc.getText('text').length;
		});
		expect(length).toBe(15);
		// Durable before withDocument resolved, and relayed.
		expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toBe(
			'from the server'
		);
		await vi.waitFor(() => expect(alice.text.toString()).toBe('from the server'));
		const copy = await harness.collab.readDocument(ROOM);
		expect(copy.getText('text').toString()).toBe('from the server');
	});

	it('reads a room that is not loaded straight from storage', async () => {
		const seed = new Y.Doc();
		seed.getText('text').insert(0, 'cold');
		await harness.store.appendUpdates('notes:cold-room', [Y.encodeStateAsUpdate(seed)]);
		const copy = await harness.collab.readDocument('notes:cold-room');
		expect(copy.getText('text').toString()).toBe('cold');
		expect(harness.collab.presence('notes:cold-room')).toBe(0);
	});

	it("hands out a room's state as rows, unread when not loaded, the live state when loaded", async () => {
		const seed = new Y.Doc();
		seed.getText('text').insert(0, 'cold');
		const more = new Y.Doc();
		Y.applyUpdate(more, Y.encodeStateAsUpdate(seed));
		more.getText('text').insert(4, ' rows');
		const stored = [
			Y.encodeStateAsUpdate(seed),
			Y.encodeStateAsUpdate(more, Y.encodeStateVector(seed))
		];
		await harness.store.appendUpdates('notes:cold-rows', stored);
		// Not loaded: the stored log as it is, not a doc decoded and encoded again.
		const cold = await harness.collab.readState('notes:cold-rows');
		expect(cold.parts.map((row) => Array.from(row))).toEqual(stored.map((row) => Array.from(row)));
		expect(cold.seq).toBe(2);

		const alice = client();
		await synced(alice);
		alice.text.insert(0, 'live');
		await vi.waitFor(async () =>
			expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toBe('live')
		);
		const live = await harness.collab.readState(ROOM);
		expect(live.parts).toHaveLength(1);
		// The same point of the log as the stored rows read from storage say.
		expect(live.seq).toBe((await harness.store.loadDocument(ROOM)).lastSeq);
		expect(live.seq).toBeGreaterThan(0);
		const rebuilt = new Y.Doc();
		Y.applyUpdate(rebuilt, live.parts[0]!);
		expect(rebuilt.getText('text').toString()).toBe('live');
	});

	it('loads a room once for many connections and replays what they sent meanwhile, in order', async () => {
		const seed = new Y.Doc();
		seed.getText('text').insert(0, 'stored');
		await harness.store.appendUpdates(ROOM, [Y.encodeStateAsUpdate(seed)]);
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const load = harness.store.loadDocument.bind(harness.store);
		const loads = vi.spyOn(harness.store, 'loadDocument').mockImplementation(async (room) => {
			await released;
			return load(room);
		});

		const raws = await Promise.all([1, 2, 3].map(() => connectRaw(harness.url, ROOM)));
		// Sent before the room has loaded: an edit built on the stored text, then a sync step 1.
		const writer = new Y.Doc();
		Y.applyUpdate(writer, Y.encodeStateAsUpdate(seed));
		const before = Y.encodeStateVector(writer);
		writer.getText('text').insert(6, ' and edited');
		raws[0]!.ws.send(updateMessage(Y.encodeStateAsUpdate(writer, before)));
		raws[0]!.ws.send(syncStep1(new Y.Doc()));
		await new Promise((resolve) => setImmediate(resolve));
		expect(raws[0]!.messages).toHaveLength(0);

		release();
		const reader = client();
		await synced(reader);
		await vi.waitFor(() => expect(reader.text.toString()).toBe('stored and edited'));
		expect(loads).toHaveBeenCalledTimes(1);
		// The step 1 queued behind the edit was answered from the loaded state (the edit itself
		// may still be on its way to the store, so it need not be in there).
		const answered = new Y.Doc();
		await vi.waitFor(() =>
			expect(raws[0]!.messages.map(describe)).toContainEqual({ type: 0, syncType: 1 })
		);
		applyReceived(raws[0]!, answered);
		expect(answered.getText('text').toString()).toContain('stored');
		for (const raw of raws) raw.ws.close();
	});
});
