import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyRoom } from '#shared/protocol/rooms';
import { ownerOf, tokenFor } from '../helpers/links';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, firstParagraphText } from '../helpers/stories';
import { connectClient, synced } from '../helpers/wsClients';
import { api } from '../helpers/apiClient';

// Exports carry an ETag made from everything they are made from: asked again unchanged, the
// answer is 304 with no work; the same export asked for 50 times at once is made once (with a
// pool of one thread and a queue of one, 50 separate makings would mostly be refused as busy).

let server: RunningServer;
let id: string;

beforeAll(async () => {
	server = await startServer({ env: { WORK_THREADS: '1', WORK_QUEUE: '1' } });
	id = await createStory(server.url, 'Cached', 'A story told once.\n');
});

afterAll(() => server?.dispose());

/** Asks for an export as the story's owner. */
const exportAs = (format: string, init?: RequestInit) =>
	api(server).as(ownerOf(id)).raw(`/api/stories/${id}/export?format=${format}`, init);

describe('export caching', () => {
	it('answers 304 while the story is unchanged, and a new file after an edit', async () => {
		const first = await exportAs('txt');
		expect(first.status).toBe(200);
		const etag = first.headers.get('etag');
		expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
		expect(first.headers.get('cache-control')).toBe('private, no-cache');

		const again = await exportAs('txt', { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		const other = await exportAs('md', { headers: { 'if-none-match': etag! } });
		expect(other.status).toBe(200);
		expect(other.headers.get('etag')).not.toBe(etag);

		const editor = connectClient(server.wsUrl, storyRoom(id), undefined, tokenFor(id, 'editor'));
		try {
			await synced(editor);
			firstParagraphText(editor.doc).insert(0, 'Now ');
			await expect.poll(async () => (await exportAs('txt')).headers.get('etag')).not.toBe(etag);
			const changed = await exportAs('txt', { headers: { 'if-none-match': etag! } });
			expect(changed.status).toBe(200);
			expect(await changed.text()).toBe('Now A story told once.\n');
		} finally {
			editor.destroy();
		}
	});

	it('makes the same export asked for 50 times at once only once', async () => {
		const answers = await Promise.all(Array.from({ length: 50 }, () => exportAs('docx')));
		expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
		const tags = new Set(answers.map((answer) => answer.headers.get('etag')));
		expect(tags.size).toBe(1);
		await Promise.all(answers.map((answer) => answer.arrayBuffer()));
	});
});
