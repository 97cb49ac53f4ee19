import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { STORY_FIELD } from '#shared/model/schema';
import { startServer, type RunningServer } from '../helpers/startServer';
import { connectClient, synced, type Client } from '../helpers/wsClients';

let server: RunningServer;
let clients: Client[] = [];

beforeEach(async () => {
	server = await startServer();
});

afterEach(async () => {
	for (const client of clients) client.destroy();
	clients = [];
	await server?.dispose();
});

async function createStory(text: string): Promise<string> {
	const response = await fetch(`${server.url}/api/stories?title=Sync`, {
		method: 'POST',
		headers: { 'Content-Type': 'text/plain' },
		body: text
	});
	expect(response.status).toBe(201);
	const body = (await response.json()) as { stories: Array<{ id: string }> };
	return body.stories[0]!.id;
}

function join(id: string): Client {
	const client = connectClient(server.wsUrl, `story:${id}`);
	clients.push(client);
	return client;
}

/** The text node of the story's first paragraph, where these tests type. */
function firstText(doc: Y.Doc): Y.XmlText {
	const paragraph = doc.getXmlFragment(STORY_FIELD).get(0) as Y.XmlElement;
	return paragraph.get(0) as Y.XmlText;
}

async function exported(id: string): Promise<string> {
	const response = await fetch(`${server.url}/api/stories/${id}/export?format=txt`);
	expect(response.status).toBe(200);
	return response.text();
}

describe('sync against the real server', () => {
	it('makes two clients converge on an imported story, and a late joiner gets it all', async () => {
		const id = await createStory('Start.');
		const alice = join(id);
		const bob = join(id);
		await Promise.all([synced(alice), synced(bob)]);
		expect(readStoryText(bob.doc)).toBe('Start.');

		firstText(alice.doc).insert(6, ' Alice was here.');
		firstText(bob.doc).insert(0, 'Bob: ');
		await vi.waitFor(() => expect(readStoryText(alice.doc)).toBe('Bob: Start. Alice was here.'));
		await vi.waitFor(() => expect(readStoryText(bob.doc)).toBe('Bob: Start. Alice was here.'));

		const late = join(id);
		await synced(late);
		expect(readStoryText(late.doc)).toBe('Bob: Start. Alice was here.');
		expect(await exported(id)).toBe('Bob: Start. Alice was here.');
	});

	it('keeps every edit another client saw when the server is killed -9 mid-stream', async () => {
		const id = await createStory('Log:');
		const writer = join(id);
		const witness = join(id);
		await Promise.all([synced(writer), synced(witness)]);

		// Kill the server the moment the witness has seen enough: whatever it saw last was relayed
		// a moment ago, so a server that relays before its write is durable would lose it.
		const seen = new Set<string>();
		let killed: Promise<unknown> | null = null;
		witness.doc.on('update', () => {
			for (const match of readStoryText(witness.doc).matchAll(/\[(\d+)\]/g)) seen.add(match[1]!);
			if (seen.size > 40) killed ??= server.kill('SIGKILL');
		});
		let sent = 0;
		const typing = setInterval(() => {
			const text = firstText(writer.doc);
			text.insert(text.length, `[${sent++}]`);
		}, 2);
		await vi.waitFor(() => expect(killed).not.toBeNull(), { timeout: 10_000 });
		await killed;
		clearInterval(typing);

		// Nobody who saw the edits may bring them back: only storage counts.
		const witnessed = [...seen];
		for (const client of clients) client.destroy();
		clients = [];
		await server.restart();

		const stored = await exported(id);
		const missing = witnessed.filter((token) => !stored.includes(`[${token}]`));
		expect(missing).toEqual([]);
		const reader = join(id);
		await synced(reader);
		expect(readStoryText(reader.doc)).toBe(stored);
	});
});
