import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText } from '#shared/model/storyDoc';
import { createAnchor } from '#shared/review/anchors';
import {
	addThread,
	editMessage,
	getSuggestion,
	getThread,
	listThreads
} from '#shared/review/notesDoc';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import { startServer, type RunningServer } from '../helpers/startServer';
import { connectClient, synced, type Client } from '../helpers/wsClients';
import { ownerOf } from '../helpers/links';
import { api } from '../helpers/apiClient';

// The review API against browsers' documents: y-websocket clients (as the app uses them) in the
// story and notes rooms see what the API writes, and the API sees what they type.

let server: RunningServer;
let clients: Client[] = [];

beforeAll(async () => {
	server = await startServer();
});
afterEach(() => {
	for (const client of clients) client.destroy();
	clients = [];
});
afterAll(() => server?.dispose());

const exportTxt = (id: string) => exportText(server, id);

const LIVE = { timeout: 5_000, interval: 20 };

async function join(room: string): Promise<Client> {
	const client = connectClient(server.wsUrl, room);
	clients.push(client);
	await synced(client);
	return client;
}

/** Lets the event loop run once between keystrokes (pacing, so edits interleave; not a wait). */
function nextTick(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 1));
}

const TEXT = 'The quick brown fox jumps.\n\nOver the lazy dog.\n';

describe('review API with live clients', () => {
	it('delivers comments to browsers in the notes room, and reads theirs', async () => {
		const id = await createStory(server, 'Live', TEXT);
		const owner = api(server).as(ownerOf(id));
		const notes = await join(`notes:${id}`);
		const base = `/api/stories/${id}/comments`;

		const created = await owner.post(base, {
			start: 10,
			end: 15,
			body: 'Which brown?',
			author: 'Ana'
		});
		expect(created.status).toBe(201);
		await vi.waitFor(() => {
			const thread = getThread(notes.doc, created.body.id);
			expect(thread?.messages.map((message) => message.body)).toEqual(['Which brown?']);
			expect(thread?.messages[0]?.author.name).toBe('Ana');
		}, LIVE);

		// A browser edits the message: the API shows the new body and when it was edited.
		const first = getThread(notes.doc, created.body.id)!.messages[0]!;
		const editedAt = new Date().toISOString();
		expect(
			editMessage(notes.doc, created.body.id, first.id, 'Which brown, exactly?', editedAt)
		).toBe(true);
		await vi.waitFor(async () => {
			const thread = (await owner.get(`${base}/${created.body.id}`)).body;
			expect(thread.messages[0]).toMatchObject({ body: 'Which brown, exactly?', editedAt });
		}, LIVE);

		await owner.post(`${base}/${created.body.id}/replies`, { body: 'Darker.', author: 'Ben' });
		await owner.patch(`${base}/${created.body.id}`, { status: 'resolved' });
		await vi.waitFor(() => {
			const thread = getThread(notes.doc, created.body.id);
			expect(thread?.status).toBe('resolved');
			expect(thread?.messages.map((message) => message.body)).toEqual([
				'Which brown, exactly?',
				'Darker.'
			]);
		}, LIVE);

		// A thread a browser starts on its own copy of the story is in the API's answer.
		const story = await join(`story:${id}`);
		const start = readStoryText(story.doc).indexOf('lazy');
		addThread(notes.doc, {
			id: 'browser-thread',
			status: 'open',
			anchor: createAnchor(story.doc, start, start + 4),
			messages: [
				{
					id: 'browser-message',
					author: { id: 'browser-7', name: 'Cleo' },
					body: 'Too lazy?',
					createdAt: new Date().toISOString()
				}
			],
			createdAt: new Date().toISOString()
		});
		await vi.waitFor(async () => {
			const threads = (await owner.get(base)).body.threads;
			expect(threads).toContainEqual(
				expect.objectContaining({
					id: 'browser-thread',
					anchor: { start: 37, end: 41, quote: 'lazy', detached: false },
					messages: [expect.objectContaining({ author: 'Cleo', authorId: 'browser-7' })]
				})
			);
		}, LIVE);

		await owner.delete(`${base}/browser-thread`);
		await vi.waitFor(
			() => expect(listThreads(notes.doc).map((t) => t.id)).toEqual([created.body.id]),
			LIVE
		);
	});

	it('keeps a comment on its word while two clients type around and inside it', async () => {
		const id = await createStory(server, 'Live', TEXT);
		const owner = api(server).as(ownerOf(id));
		const [alice, bob] = [await join(`story:${id}`), await join(`story:${id}`)];
		const created = await owner.post(`/api/stories/${id}/comments`, {
			start: 10,
			end: 15,
			body: 'Colour?',
			author: 'Ana'
		});
		const threadUrl = `/api/stories/${id}/comments/${created.body.id}`;
		const word = /bro+wn/;
		const wordIn = (client: Client) => {
			const match = word.exec(readStoryText(client.doc))!;
			return { start: match.index, end: match.index + match[0].length };
		};

		const rounds = 10;
		for (let round = 0; round < rounds; round++) {
			// Alice types far before the word and right before it, Bob inside it and right after
			// it, each on their own replica before hearing of the other's keystrokes.
			const a = wordIn(alice);
			firstParagraphText(alice.doc).insert(a.start, 'X');
			firstParagraphText(alice.doc).insert(0, '_');
			const b = wordIn(bob);
			firstParagraphText(bob.doc).insert(b.end, 'Y');
			firstParagraphText(bob.doc).insert(b.start + 2, 'o');
			await nextTick();
			const { anchor } = (await owner.get(threadUrl)).body;
			expect(anchor.detached).toBe(false);
			expect(anchor.quote).toMatch(/^bro+wn$/);
		}

		const expected = `br${'o'.repeat(rounds + 1)}wn`;
		await vi.waitFor(async () => {
			const text = await exportTxt(id);
			expect(readStoryText(alice.doc)).toBe(text);
			expect(readStoryText(bob.doc)).toBe(text);
			expect(text).toContain(`${'X'.repeat(rounds)}${expected}${'Y'.repeat(rounds)}`);
		}, LIVE);
		const text = await exportTxt(id);
		expect((await owner.get(threadUrl)).body.anchor).toEqual({
			start: text.indexOf(expected),
			end: text.indexOf(expected) + expected.length,
			quote: expected,
			detached: false
		});
	});

	it('applies an accepted suggestion in the browsers, once', async () => {
		const id = await createStory(server, 'Live', TEXT);
		const owner = api(server).as(ownerOf(id));
		const [alice, bob] = [await join(`story:${id}`), await join(`story:${id}`)];
		const notes = await join(`notes:${id}`);
		const base = `/api/stories/${id}/suggestions`;
		// Alice typed before the fox: offsets are into the text as it is now.
		firstParagraphText(alice.doc).insert(0, 'Look! ');
		await vi.waitFor(async () => expect(await exportTxt(id)).toMatch(/^Look! /), LIVE);
		const fox = (await exportTxt(id)).indexOf('fox');
		const created = await owner.post(base, {
			start: fox,
			end: fox + 3,
			replacement: 'hare',
			author: 'Ana'
		});
		expect(created.status).toBe(201);
		await vi.waitFor(
			() => expect(getSuggestion(notes.doc, created.body.id)?.status).toBe('open'),
			LIVE
		);

		const accepted = await owner.post(`${base}/${created.body.id}/accept`, { author: 'Editor' });
		expect(accepted.status).toBe(200);
		const after = 'Look! The quick brown hare jumps.\n\nOver the lazy dog.\n';
		expect(await exportTxt(id)).toBe(after);
		await vi.waitFor(() => {
			expect(readStoryText(alice.doc)).toBe(after);
			expect(readStoryText(bob.doc)).toBe(after);
			expect(getSuggestion(notes.doc, created.body.id)).toMatchObject({
				status: 'accepted',
				decidedBy: { name: 'Editor' }
			});
		}, LIVE);

		const again = await owner.post(`${base}/${created.body.id}/accept`);
		expect(again).toMatchObject({ status: 409, body: { error: { code: 'suggestion_decided' } } });
		expect(await exportTxt(id)).toBe(after);
	});

	it('refuses a suggestion whose words a client edited: stale, 409, text untouched', async () => {
		const id = await createStory(server, 'Live', TEXT);
		const owner = api(server).as(ownerOf(id));
		const alice = await join(`story:${id}`);
		const base = `/api/stories/${id}/suggestions`;
		const lazy = TEXT.indexOf('lazy');
		const created = await owner.post(base, {
			start: lazy,
			end: lazy + 4,
			replacement: 'sleepy',
			author: 'Ana'
		});
		expect((await owner.get(`${base}/${created.body.id}`)).body.status).toBe('open');

		// Alice types inside "lazy" (the second paragraph starts at offset 28).
		const second = alice.doc.getXmlFragment(STORY_FIELD).get(1) as Y.XmlElement;
		(second.get(0) as Y.XmlText).insert(lazy - 28 + 2, 'a');
		const edited = 'The quick brown fox jumps.\n\nOver the laazy dog.\n';
		expect(readStoryText(alice.doc)).toBe(edited);
		await vi.waitFor(async () => {
			expect((await owner.get(`${base}/${created.body.id}`)).body).toMatchObject({
				status: 'stale',
				original: 'lazy',
				detached: false
			});
		}, LIVE);

		const accept = await owner.post(`${base}/${created.body.id}/accept`);
		expect(accept).toMatchObject({ status: 409, body: { error: { code: 'suggestion_stale' } } });
		expect(await exportTxt(id)).toBe(edited);
		expect(readStoryText(alice.doc)).toBe(edited);
	});

	it('lets exactly one of two concurrent accepts through', async () => {
		const id = await createStory(server, 'Live', TEXT);
		const owner = api(server).as(ownerOf(id));
		const alice = await join(`story:${id}`);
		const base = `/api/stories/${id}/suggestions`;
		const created = await owner.post(base, {
			start: 36,
			end: 36,
			replacement: ' very',
			author: 'Ana'
		});
		expect(created.status).toBe(201);

		const answers = await Promise.all([
			owner.post(`${base}/${created.body.id}/accept`),
			owner.post(`${base}/${created.body.id}/accept`),
			owner.post(`${base}/${created.body.id}/accept`)
		]);
		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
		for (const answer of answers.filter((answer) => answer.status === 409)) {
			expect(answer.body.error.code).toBe('suggestion_decided');
		}
		const after = 'The quick brown fox jumps.\n\nOver the very lazy dog.\n';
		expect(await exportTxt(id)).toBe(after);
		await vi.waitFor(() => expect(readStoryText(alice.doc)).toBe(after), LIVE);
	});
});
