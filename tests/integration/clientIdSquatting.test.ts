import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { addMessage } from '#shared/review/notesDoc';
import { authorOf, makeLink, ownerOf, tokenFor } from '../helpers/links';
import { forgedGcUpdate } from '../helpers/rawUpdates';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import {
	closedWithin,
	connectClient,
	connectRaw,
	synced,
	updateMessage,
	type Client
} from '../helpers/wsClients';
import { api } from '../helpers/apiClient';

// A person's client id is visible to everyone in presence. While they are offline and typing,
// another link writes one GC struct under that id: the server would then believe it has their
// edits, and drop the real ones when they come back. The id belongs to the link whose presence
// showed it first, so the forgery is refused and the offline work arrives whole.

const TEXT = 'Rain on the harbour.\n';

let server: RunningServer;
let storyId: string;
const open: Client[] = [];

beforeAll(async () => {
	server = await startServer();
	storyId = await createStory(server.url, 'Squat', TEXT);
});

afterAll(async () => {
	for (const client of open) client.destroy();
	await server?.dispose();
});

/** A client of `room` with `token` that has published its presence and been seen by the owner. */
async function present(room: string, token: string): Promise<Client> {
	const client = connectClient(server.wsUrl, room, new Y.Doc(), token);
	open.push(client);
	await synced(client);
	client.provider.awareness.setLocalStateField('cursor', null);
	const observer = connectClient(server.wsUrl, room, new Y.Doc(), tokenFor(storyId, 'owner'));
	open.push(observer);
	await vi.waitFor(() =>
		expect(observer.provider.awareness.getStates().has(client.doc.clientID)).toBe(true)
	);
	observer.destroy();
	return client;
}

async function forge(room: string, token: string, victim: number): Promise<number | undefined> {
	const attacker = await connectRaw(server.wsUrl, room, token);
	attacker.ws.send(updateMessage(forgedGcUpdate(victim, 0, 1_000)));
	const closed = await closedWithin(attacker, 3_000);
	attacker.ws.terminate();
	return closed?.code;
}

describe('client ids seen in presence', () => {
	it('keeps an editor’s offline text when another editor forges their id', async () => {
		const vera = await present(
			storyRoom(storyId),
			await makeLink(server.url, storyId, 'editor', 'Vera')
		);
		const mallory = await makeLink(server.url, storyId, 'editor', 'Mallory');
		vera.provider.disconnect();
		firstParagraphText(vera.doc).insert(0, 'Written offline. ');

		expect(await forge(storyRoom(storyId), mallory, vera.doc.clientID)).toBe(CloseCode.forbidden);

		vera.provider.connect();
		await vi.waitFor(async () =>
			expect(await exportText(server.url, storyId)).toBe(`Written offline. ${TEXT}`)
		);
		// And after kill -9, from what was stored.
		await server.kill('SIGKILL');
		await server.restart();
		expect(await exportText(server.url, storyId)).toBe(`Written offline. ${TEXT}`);
	});

	it('keeps a commenter’s offline reply when another commenter forges their id', async () => {
		const owner = api(server).as(ownerOf(storyId));
		const thread = await owner.post(`/api/stories/${storyId}/comments`, {
			start: 0,
			end: 4,
			body: 'Which rain?'
		});
		expect(thread.status).toBe(201);
		const carlaToken = await makeLink(server.url, storyId, 'commenter', 'Carla');
		const you = await authorOf(server, storyId, carlaToken);
		const carla = await present(notesRoom(storyId), carlaToken);
		const mallory = await makeLink(server.url, storyId, 'commenter', 'Mallory');
		carla.provider.disconnect();
		addMessage(carla.doc, thread.body.id, {
			id: 'carla-offline',
			author: { id: you.id, name: you.name },
			body: 'The autumn one.',
			createdAt: new Date().toISOString()
		});

		expect(await forge(notesRoom(storyId), mallory, carla.doc.clientID)).toBe(CloseCode.forbidden);

		carla.provider.connect();
		await vi.waitFor(async () => {
			const answer = await owner.get(`/api/stories/${storyId}/comments/${thread.body.id}`);
			expect(answer.body.messages.map((m: { body: string }) => m.body)).toEqual([
				'Which rain?',
				'The autumn one.'
			]);
		});
	});

	it('still lets a person write under their own id, and a fresh id write at all', async () => {
		const own = await present(
			storyRoom(storyId),
			await makeLink(server.url, storyId, 'editor', 'Olga')
		);
		firstParagraphText(own.doc).insert(0, 'Mine. ');
		await vi.waitFor(async () => expect(await exportText(server.url, storyId)).toMatch(/^Mine\. /));
		expect(await forge(storyRoom(storyId), tokenFor(storyId, 'editor'), 0x7ee1)).toBeUndefined();
	});
});
