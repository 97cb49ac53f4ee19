import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { CloseCode } from '#shared/protocol/closeCodes';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { addDictionaryWord } from '#shared/proofing/storyDictionary';
import {
	dictionaryWords,
	HARBOUR_TEXT,
	LINK_REFUSED,
	refusalOf,
	someUpdate,
	useHarbour
} from '../helpers/hostileSetup';
import { authorOf, tokenFor, tokenOf } from '../helpers/links';
import { startServer } from '../helpers/startServer';
import { createStory, firstParagraphText } from '../helpers/stories';
import {
	awarenessMessage,
	closedWithin,
	connectRaw,
	synced,
	updateMessage
} from '../helpers/wsClients';

// WebSocket clients that try what their link does not allow, built from raw frames: a token that
// opens nothing, a role below the write, a Yjs client id another link wrote with, an awareness
// state that claims another name or role. Each must meet the exact close code (or HTTP status)
// and leave the stored story as it was.

const harbour = useHarbour();

describe('WebSocket: tokens', () => {
	it('closes a missing, unknown or other story’s token with 4401 before any data', async () => {
		const room = storyRoom(harbour.storyId);
		expect(await refusalOf(`${harbour.server.wsUrl}/${room}`)).toEqual(LINK_REFUSED);
		expect(await refusalOf(`${harbour.server.wsUrl}/${room}?token=${'x'.repeat(43)}`)).toEqual(
			LINK_REFUSED
		);
		const foreign = tokenFor(harbour.otherStoryId, 'owner');
		expect(await refusalOf(`${harbour.server.wsUrl}/${room}?token=${foreign}`)).toEqual(
			LINK_REFUSED
		);
	});

	it('refuses a browser from another origin (HTTP 403)', async () => {
		const status = await new Promise<number>((resolve) => {
			const ws = new WebSocket(
				`${harbour.server.wsUrl}/${storyRoom(harbour.storyId)}?token=${tokenFor(harbour.storyId, 'owner')}`,
				{ origin: 'https://evil.example' }
			);
			ws.on('unexpected-response', (_request, response) => {
				resolve(response.statusCode ?? 0);
				ws.terminate();
			});
			ws.on('open', () => resolve(101));
			ws.on('error', () => {});
		});
		expect(status).toBe(403);
	});
});

describe('WebSocket: roles', () => {
	it('closes a viewer that sends an update with 4403 and keeps nothing of it', async () => {
		const viewer = await harbour.raw(storyRoom(harbour.storyId), 'viewer');
		viewer.ws.send(updateMessage(someUpdate().update));
		expect(await closedWithin(viewer, 2_000)).toMatchObject({ code: CloseCode.forbidden });
		expect(await harbour.dictionaryWords(storyRoom(harbour.storyId))).toBe('');
		expect(await harbour.storyText()).toBe(HARBOUR_TEXT);
	});

	it('closes a viewer that writes the notes with 4403', async () => {
		const viewer = await harbour.raw(notesRoom(harbour.storyId), 'viewer');
		viewer.ws.send(updateMessage(someUpdate().update));
		expect(await closedWithin(viewer, 2_000)).toMatchObject({ code: CloseCode.forbidden });
		expect(await harbour.dictionaryWords(notesRoom(harbour.storyId))).toBe('');
	});

	it('lets a viewer read and receive live edits', async () => {
		const viewer = harbour.client(storyRoom(harbour.storyId), 'viewer');
		await synced(viewer);
		expect(readStoryText(viewer.doc)).toBe(HARBOUR_TEXT);
		const editor = harbour.client(storyRoom(harbour.storyId), 'editor');
		await synced(editor);
		firstParagraphText(editor.doc).insert(0, 'Seen by all. ');
		await vi.waitFor(() => expect(readStoryText(viewer.doc)).toBe(`Seen by all. ${HARBOUR_TEXT}`));
		firstParagraphText(editor.doc).delete(0, 'Seen by all. '.length);
		await vi.waitFor(() => expect(readStoryText(viewer.doc)).toBe(HARBOUR_TEXT));
	});

	it('closes a commenter that sends a text update with 4403, but lets it write the notes', async () => {
		const commenter = await harbour.raw(storyRoom(harbour.storyId), 'commenter');
		commenter.ws.send(updateMessage(someUpdate().update));
		expect(await closedWithin(commenter, 2_000)).toMatchObject({ code: CloseCode.forbidden });
		expect(await harbour.dictionaryWords(storyRoom(harbour.storyId))).toBe('');

		const notes = await harbour.raw(notesRoom(harbour.storyId), 'commenter');
		notes.ws.send(
			updateMessage(someUpdate(await harbour.youOf(harbour.storyId, 'commenter')).update)
		);
		await vi.waitFor(async () =>
			expect(await harbour.dictionaryWords(notesRoom(harbour.storyId))).toBe('Written')
		);
		expect(await closedWithin(notes, 200)).toBeNull();
	});

	it('refuses a Yjs client id another link wrote with (4403)', async () => {
		const room = notesRoom(harbour.otherStoryId);
		const first = await connectRaw(
			harbour.server.wsUrl,
			room,
			tokenFor(harbour.otherStoryId, 'commenter')
		);
		harbour.track(first);
		const commenter = await harbour.youOf(harbour.otherStoryId, 'commenter');
		const { doc, update } = someUpdate(commenter, 424242);
		first.ws.send(updateMessage(update));
		// The server has taken the first link's update (and so its client id) before the forgery.
		await vi.waitFor(async () => expect(await harbour.dictionaryWords(room)).toBe('Written'));

		// Someone else continues that client's history with their own link.
		const before = Y.encodeStateVector(doc);
		addDictionaryWord(doc, 'Forged', commenter);
		const forged = Y.encodeStateAsUpdate(doc, before);
		const second = await connectRaw(
			harbour.server.wsUrl,
			room,
			tokenFor(harbour.otherStoryId, 'editor')
		);
		harbour.track(second);
		second.ws.send(updateMessage(forged));
		expect(await closedWithin(second, 2_000)).toMatchObject({ code: CloseCode.forbidden });
		expect(await closedWithin(first, 100)).toBeNull();
	});

	it('keeps a Yjs client id its writer’s after the server restarts', async () => {
		const own = await startServer();
		try {
			const id = await createStory(own.url, 'Restart', 'Before.\n');
			const room = notesRoom(id);
			const first = await connectRaw(own.wsUrl, room, tokenFor(id, 'commenter'));
			const commenter = await authorOf(own, id, tokenFor(id, 'commenter'));
			const { doc, update } = someUpdate(commenter, 515151);
			first.ws.send(updateMessage(update));
			await vi.waitFor(async () => expect(await dictionaryWords(own.wsUrl, room)).toBe('Written'));
			first.ws.terminate();
			expect(await own.kill()).toBe(0);
			await own.restart();

			const before = Y.encodeStateVector(doc);
			addDictionaryWord(doc, 'Forged', commenter);
			const second = await connectRaw(own.wsUrl, room, tokenFor(id, 'editor'));
			second.ws.send(updateMessage(Y.encodeStateAsUpdate(doc, before)));
			expect(await closedWithin(second, 2_000)).toMatchObject({ code: CloseCode.forbidden });
			// The link that wrote with it may go on, from a new connection.
			const again = await connectRaw(own.wsUrl, room, tokenFor(id, 'commenter'));
			again.ws.send(updateMessage(Y.encodeStateAsUpdate(doc, before)));
			expect(await closedWithin(again, 500)).toBeNull();
			again.ws.terminate();
		} finally {
			await own.dispose();
		}
	});

	it('stamps the name and role from the link over what awareness claims', async () => {
		const room = storyRoom(harbour.storyId);
		const watcher = harbour.client(room, 'owner');
		await synced(watcher);
		const asOwner = harbour.asOwner();
		const made = await asOwner.post(`/api/stories/${harbour.storyId}/links`, {
			role: 'viewer',
			name: 'Vera'
		});
		const viewer = await harbour.raw(room, null, tokenOf(made.body.url));
		const claim = JSON.stringify({
			user: { id: 'x', name: 'The Owner', color: '#000000', role: 'owner' },
			cursor: null
		});
		viewer.ws.send(awarenessMessage(777001, 1, claim));
		await vi.waitFor(() => {
			const state = watcher.provider.awareness.getStates().get(777001);
			// The browser's own id and colour stay; who it is and what it may do are the link's.
			expect(state).toEqual({
				user: { id: 'x', name: 'Vera', color: '#000000', role: 'viewer' },
				cursor: null
			});
		});

		// Renaming or re-roling the link shows at once, without the person sending anything.
		await asOwner.patch(`/api/stories/${harbour.storyId}/links/${made.body.id}`, {
			name: 'Vera B.',
			role: 'commenter'
		});
		await vi.waitFor(
			() => {
				const state = watcher.provider.awareness.getStates().get(777001);
				expect(state?.user).toMatchObject({ name: 'Vera B.', role: 'commenter' });
			},
			{ timeout: 1_000 }
		);
	});
});
