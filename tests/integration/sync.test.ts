import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readStoryText } from '#shared/model/storyDoc';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
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

function join(id: string): Client {
	const client = connectClient(server.wsUrl, `story:${id}`);
	clients.push(client);
	return client;
}

function exported(id: string): Promise<string> {
	return exportText(server, id);
}

describe('sync against the real server', () => {
	it('makes two clients converge on an imported story, and a late joiner gets it all', async () => {
		const id = await createStory(server.url, 'Sync', 'Start.');
		const alice = join(id);
		const bob = join(id);
		await Promise.all([synced(alice), synced(bob)]);
		expect(readStoryText(bob.doc)).toBe('Start.');

		firstParagraphText(alice.doc).insert(6, ' Alice was here.');
		firstParagraphText(bob.doc).insert(0, 'Bob: ');
		await vi.waitFor(() => expect(readStoryText(alice.doc)).toBe('Bob: Start. Alice was here.'));
		await vi.waitFor(() => expect(readStoryText(bob.doc)).toBe('Bob: Start. Alice was here.'));

		const late = join(id);
		await synced(late);
		expect(readStoryText(late.doc)).toBe('Bob: Start. Alice was here.');
		expect(await exported(id)).toBe('Bob: Start. Alice was here.');
	});

	it('keeps every edit another client saw when the server is killed -9 mid-stream', async () => {
		const id = await createStory(server.url, 'Sync', 'Log:');
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
			const text = firstParagraphText(writer.doc);
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
