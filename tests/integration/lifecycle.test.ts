import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import { startServer, type RunningServer } from '../helpers/startServer';
import { connectClient, synced, type Client } from '../helpers/wsClients';
import { ownerOf } from '../helpers/links';
import { api } from '../helpers/apiClient';

let server: RunningServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await server?.dispose();
	server = undefined;
});

async function listed(running: RunningServer, id: string) {
	const { stories } = (
		await api(running)
			.holding([ownerOf(id)])
			.get('/api/stories')
	).body as {
		stories: Array<{ id: string; words: number; present: number; updatedAt: string }>;
	};
	return stories.find((story) => story.id === id)!;
}

describe('server lifecycle', () => {
	it('shows live word counts and presence in the library', async () => {
		server = await startServer();
		const id = await createStory(server.url, 'Lifecycle', 'One two.');
		const before = await listed(server, id);
		expect(before).toMatchObject({ words: 2, present: 0 });

		const client = connectClient(server.wsUrl, `story:${id}`);
		clients.push(client);
		await synced(client);
		client.provider.awareness.setLocalStateField('user', { name: 'Ada' });
		firstParagraphText(client.doc).insert(8, ' Three four five.');

		await vi.waitFor(
			async () => expect(await listed(server!, id)).toMatchObject({ words: 5, present: 1 }),
			{
				timeout: 10_000
			}
		);
		expect(Date.parse((await listed(server, id)).updatedAt)).toBeGreaterThanOrEqual(
			Date.parse(before.updatedAt)
		);
	});

	it('on SIGTERM closes sockets with 1001, keeps every edit and word count, and exits 0', async () => {
		server = await startServer();
		const id = await createStory(server.url, 'Lifecycle', 'Before.');
		const client = connectClient(server.wsUrl, `story:${id}`);
		clients.push(client);
		await synced(client);
		firstParagraphText(client.doc).insert(7, ' After shutdown, still here.');

		const closeCode = new Promise<number>((resolve) => {
			const socket = client.provider.ws as unknown as WebSocket;
			socket.addEventListener('close', (event) => resolve(event.code));
		});
		// The edit must have reached the server (it answers sync only from what is stored).
		await vi.waitFor(async () => {
			expect(await exportText(server!, id)).toBe('Before. After shutdown, still here.');
		});
		client.provider.shouldConnect = false;

		expect(await server.kill('SIGTERM')).toBe(0);
		expect(await closeCode).toBe(1001);

		await server.restart();
		expect(await exportText(server, id)).toBe('Before. After shutdown, still here.');
		expect((await listed(server, id)).words).toBe(5);
	});
});
