import { afterEach, describe as suite, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
	awarenessMessage,
	connectClient,
	connectRaw,
	describe,
	startHarness,
	synced,
	type Client,
	type Harness
} from './collabHarness';

const ROOM = 'story:aware-test';

let harness: Harness;
let clients: Client[] = [];

afterEach(async () => {
	for (const client of clients) client.destroy();
	clients = [];
	await harness.dispose();
});

function client(): Client {
	const created = connectClient(harness.url, ROOM);
	clients.push(created);
	return created;
}

suite('CollabServer awareness', () => {
	it('relays states, counts presence, and removes a leaver', async () => {
		harness = await startHarness({ awarenessBatchMs: 5 });
		const alice = client();
		const bob = client();
		await Promise.all([synced(alice), synced(bob)]);
		alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
		await vi.waitFor(() =>
			expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({
				user: { name: 'Alice' }
			})
		);
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(2));

		alice.destroy();
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(1));
		await vi.waitFor(() =>
			expect(bob.provider.awareness.getStates().has(alice.doc.clientID)).toBe(false)
		);
	});

	it('sends a newcomer who is here, and never sends a client its own state back', async () => {
		harness = await startHarness({ awarenessBatchMs: 5 });
		const alice = client();
		await synced(alice);
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(1));

		const raw = await connectRaw(harness.url, ROOM);
		await vi.waitFor(() => expect(raw.messages.map(describe)).toContainEqual({ type: 1 }));
		raw.ws.send(awarenessMessage(4242, 1, '{"user":{"name":"Raw"}}'));
		await vi.waitFor(() => expect(alice.provider.awareness.getStates().has(4242)).toBe(true));
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(2));
		// The only awareness frame the raw client got is the one on joining (alice's state); its
		// own state was not sent back, and alice's echo of it was dropped as not newer.
		alice.provider.awareness.setLocalStateField('typing', true);
		await vi.waitFor(() =>
			expect(raw.messages.filter((m) => describe(m).type === 1).length).toBe(2)
		);
		raw.ws.close();
	});

	it('lets a client that reconnects show up again at once', async () => {
		harness = await startHarness({ awarenessBatchMs: 5 });
		const alice = client();
		const bob = client();
		await Promise.all([synced(alice), synced(bob)]);
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(2));

		alice.provider.disconnect();
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(1));
		alice.provider.connect();
		await synced(alice);
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(2));
		await vi.waitFor(() =>
			expect(bob.provider.awareness.getStates().has(alice.doc.clientID)).toBe(true)
		);
	});

	it('drops a connection that stops answering pings and removes its state', async () => {
		harness = await startHarness({ awarenessBatchMs: 5, pingIntervalMs: 100 });
		const alice = client();
		await synced(alice);
		const silent = new WebSocket(`${harness.url}/${ROOM}`, { autoPong: false });
		const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
		await new Promise((resolve) => silent.once('open', resolve));
		silent.send(awarenessMessage(777, 1, '{"user":{"name":"Ghost"}}'));
		await vi.waitFor(() => expect(alice.provider.awareness.getStates().has(777)).toBe(true));

		expect(await closed).toBe(1006);
		await vi.waitFor(() => expect(alice.provider.awareness.getStates().has(777)).toBe(false));
		expect(alice.provider.wsconnected).toBe(true);
		expect(harness.collab.presence(ROOM)).toBe(1);
	});

	it('sends a lone, quiet client an empty awareness message so y-websocket keeps the socket', async () => {
		harness = await startHarness({ idleDataMs: 100 });
		const raw = await connectRaw(harness.url, ROOM);
		const empty = [1, 1, 0];
		await vi.waitFor(() =>
			expect(raw.messages.filter((m) => m.join() === empty.join()).length).toBeGreaterThan(2)
		);
		raw.ws.close();
	});
});
