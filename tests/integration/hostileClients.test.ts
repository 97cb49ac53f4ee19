import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { CloseCode } from '#shared/protocol/closeCodes';
import type { Role } from '#shared/protocol/roles';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { addDictionaryWord } from '#shared/proofing/storyDictionary';
import {
	addMessage,
	addThread,
	setSuggestionStatus,
	setThreadStatus
} from '#shared/review/notesDoc';
import { api } from '../helpers/apiClient';
import {
	closedWithin,
	dictionaryWords,
	HARBOUR_TEXT,
	LINK_REFUSED,
	refusalOf,
	someUpdate,
	useHarbour
} from '../helpers/hostileSetup';
import { authorOf, ownerOf, rememberImport, tokenFor, tokenOf } from '../helpers/links';
import { startServer } from '../helpers/startServer';
import { createStory, firstParagraphText } from '../helpers/stories';
import {
	awarenessMessage,
	connectClient,
	connectRaw,
	synced,
	updateMessage
} from '../helpers/wsClients';

// Clients that try what their link does not allow, built from raw frames: each must meet the
// exact status or close code, and leave the stored story as it was.

const harbour = useHarbour();

/** The API as the harbour's owner. */
const asOwner = () => api(harbour.server).as(ownerOf(harbour.storyId));

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
		await new Promise((resolve) => setTimeout(resolve, 300));

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
		const asOwner = api(harbour.server).as(ownerOf(harbour.storyId));
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

describe('notes: what a commenter may change', () => {
	/** Who the commenter link says its holder is: the author they must write as. */
	async function commenterSelf(): Promise<{ id: string; name: string }> {
		const answer = await api(harbour.server)
			.as(tokenFor(harbour.storyId, 'commenter'))
			.get(`/api/stories/${harbour.storyId}`);
		const { you } = answer.body as { you: { id: string; name: string; role: Role } };
		expect(you.role).toBe('commenter');
		return { id: you.id, name: you.name };
	}

	/** A commenter's y-websocket client on the notes, synced; resolves its close code when closed. */
	async function commenterNotes() {
		const notes = harbour.client(notesRoom(harbour.storyId), 'commenter');
		const closed = new Promise<number>((resolve) =>
			notes.provider.on('connection-close', (event) => resolve(event?.code ?? 0))
		);
		await synced(notes);
		return { notes, closed };
	}

	/** The close code within `ms`, or null: a bounded wait on purpose, to show no close came. */
	async function codeWithin(closed: Promise<number>, ms: number): Promise<number | null> {
		return Promise.race([
			closed,
			new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))
		]);
	}

	it('refuses a commenter accepting a suggestion (4403), and keeps it open', async () => {
		const made = await asOwner().post(`/api/stories/${harbour.storyId}/suggestions`, {
			start: 2,
			end: 7,
			replacement: 'still',
			author: 'Ana'
		});
		expect(made.status).toBe(201);
		const { notes, closed } = await commenterNotes();
		await vi.waitFor(() => expect(notes.doc.getMap('suggestions').has(made.body.id)).toBe(true));
		setSuggestionStatus(notes.doc, made.body.id, 'accepted', {
			by: { id: 'mallory', name: 'Mallory' },
			at: new Date().toISOString()
		});
		expect(await codeWithin(closed, 2_000)).toBe(CloseCode.forbidden);
		const after = await asOwner().get(
			`/api/stories/${harbour.storyId}/suggestions/${made.body.id}`
		);
		expect(after.body.status).toBe('open');
	});

	it('refuses a commenter writing as another author or resolving their thread (4403)', async () => {
		const made = await asOwner().post(`/api/stories/${harbour.storyId}/comments`, {
			start: 2,
			end: 7,
			body: 'Which harbour?',
			author: { id: 'ana-browser', name: 'Ana' }
		});
		expect(made.status).toBe(201);

		const forger = await commenterNotes();
		await vi.waitFor(() => expect(forger.notes.doc.getMap('threads').has(made.body.id)).toBe(true));
		addMessage(forger.notes.doc, made.body.id, {
			id: 'forged-reply',
			author: { id: 'ana-browser', name: 'Ana' },
			body: 'I take it back.',
			createdAt: new Date().toISOString()
		});
		expect(await codeWithin(forger.closed, 2_000)).toBe(CloseCode.forbidden);

		const resolver = await commenterNotes();
		await vi.waitFor(() =>
			expect(resolver.notes.doc.getMap('threads').has(made.body.id)).toBe(true)
		);
		setThreadStatus(resolver.notes.doc, made.body.id, 'resolved');
		expect(await codeWithin(resolver.closed, 2_000)).toBe(CloseCode.forbidden);

		const thread = await asOwner().get(`/api/stories/${harbour.storyId}/comments/${made.body.id}`);
		expect(thread.body.status).toBe('open');
		expect(thread.body.messages).toHaveLength(1);
	});

	it('refuses a commenter signing with their own id under another name (4403)', async () => {
		const { notes, closed } = await commenterNotes();
		const me = await commenterSelf();
		const existing = await asOwner().get(`/api/stories/${harbour.storyId}/comments`);
		const stored = notes.doc.getMap('threads').get(existing.body.threads[0].id) as Y.Map<unknown>;
		addThread(notes.doc, {
			id: 'renamed-thread',
			status: 'open',
			anchor: stored.get('anchor') as never,
			createdAt: new Date().toISOString(),
			messages: [
				{
					id: 'renamed-1',
					author: { id: me.id, name: 'The Editor' },
					body: 'Trust me.',
					createdAt: new Date().toISOString()
				}
			]
		});
		expect(await codeWithin(closed, 2_000)).toBe(CloseCode.forbidden);
		const thread = await asOwner().get(`/api/stories/${harbour.storyId}/comments/renamed-thread`);
		expect(thread.status).toBe(404);
	});

	it('keeps a renamed commenter writing under the names their link carried, and no other', async () => {
		const made = await asOwner().post(`/api/stories/${harbour.storyId}/links`, {
			role: 'commenter',
			name: 'Nell'
		});
		const token = tokenOf(made.body.url);
		const you = await authorOf(harbour.server, harbour.storyId, token);
		expect(you.name).toBe('Nell');
		const notes = harbour.track(
			connectClient(harbour.server.wsUrl, notesRoom(harbour.storyId), new Y.Doc(), token)
		);
		const closed = new Promise<number>((resolve) =>
			notes.provider.on('connection-close', (event) => resolve(event?.code ?? 0))
		);
		await synced(notes);
		const renamed = await asOwner().patch(`/api/stories/${harbour.storyId}/links/${made.body.id}`, {
			name: 'Nell Hart'
		});
		expect(renamed.body).toEqual({ id: made.body.id, role: 'commenter', name: 'Nell Hart' });
		const existing = await asOwner().get(`/api/stories/${harbour.storyId}/comments`);
		const anchor = (
			notes.doc.getMap('threads').get(existing.body.threads[0].id) as Y.Map<unknown>
		).get('anchor') as never;
		const thread = (id: string, name: string) => ({
			id,
			status: 'open' as const,
			anchor,
			createdAt: new Date().toISOString(),
			messages: [
				{
					id: `${id}-1`,
					author: { id: you.id, name },
					body: 'Mine.',
					createdAt: new Date().toISOString()
				}
			]
		});
		// The browser still says "Nell" until it reloads; the new name is as good.
		addThread(notes.doc, thread('nell-old', 'Nell'));
		addThread(notes.doc, thread('nell-new', 'Nell Hart'));
		for (const id of ['nell-old', 'nell-new']) {
			await vi.waitFor(async () => {
				const stored = await asOwner().get(`/api/stories/${harbour.storyId}/comments/${id}`);
				expect(stored.status).toBe(200);
			});
		}
		// A name the link never carried is a forgery.
		addThread(notes.doc, thread('nell-forged', 'Olive'));
		expect(await codeWithin(closed, 2_000)).toBe(CloseCode.forbidden);
		const forged = await asOwner().get(`/api/stories/${harbour.storyId}/comments/nell-forged`);
		expect(forged.status).toBe(404);
	});

	it('lets a commenter start a thread of their own, reply to it and resolve it', async () => {
		const { notes, closed } = await commenterNotes();
		const me = await commenterSelf();
		const existing = await asOwner().get(`/api/stories/${harbour.storyId}/comments`);
		const template = existing.body.threads[0];
		expect(template).toBeDefined();
		const stored = notes.doc.getMap('threads').get(template.id) as Y.Map<unknown>;
		addThread(notes.doc, {
			id: 'carol-thread',
			status: 'open',
			anchor: stored.get('anchor') as never,
			createdAt: new Date().toISOString(),
			messages: [{ id: 'carol-1', author: me, body: 'Mine.', createdAt: new Date().toISOString() }]
		});
		addMessage(notes.doc, 'carol-thread', {
			id: 'carol-2',
			author: me,
			body: 'Still mine.',
			createdAt: new Date().toISOString()
		});
		setThreadStatus(notes.doc, 'carol-thread', 'resolved');
		await vi.waitFor(async () => {
			const thread = await asOwner().get(`/api/stories/${harbour.storyId}/comments/carol-thread`);
			expect(thread.body.status).toBe('resolved');
		});
		expect(await codeWithin(closed, 200)).toBeNull();
	});
});

describe('link API', () => {
	it('makes, lists and revokes links; a revoked link is cut off within a second (4401)', async () => {
		const made = await asOwner().post(`/api/stories/${harbour.storyId}/links`, {
			role: 'editor'
		});
		expect(made.status).toBe(201);
		expect(Object.keys(made.body).sort()).toEqual(['id', 'name', 'url']);
		expect(made.body.name).toBe('Editor');
		expect(made.body.url).toMatch(
			new RegExp(`/stories/${harbour.storyId}\\?token=[A-Za-z0-9_-]{43}$`)
		);
		const token = tokenOf(made.body.url);

		const listed = await asOwner().get(`/api/stories/${harbour.storyId}/links`);
		expect(listed.status).toBe(200);
		const entry = listed.body.links.find((link: { id: string }) => link.id === made.body.id);
		expect(entry).toEqual({
			id: made.body.id,
			role: 'editor',
			name: 'Editor',
			url: expect.stringContaining(`/stories/${harbour.storyId}`),
			expiresAt: null
		});
		// Only hashes are stored: no listed link carries a secret.
		expect(JSON.stringify(listed.body)).not.toContain('token=');

		const live = await harbour.raw(storyRoom(harbour.storyId), null, token);
		const sender = setInterval(() => {
			if (live.ws.readyState === WebSocket.OPEN) live.ws.send(awarenessMessage(9191, 1, 'null'));
		}, 50);
		const revoked = await asOwner().delete(`/api/stories/${harbour.storyId}/links/${made.body.id}`);
		expect(revoked.status).toBe(204);
		const closed = await closedWithin(live, 1_000);
		clearInterval(sender);
		expect(closed).toMatchObject({ code: CloseCode.unauthorized });
		const after = await api(harbour.server).as(token).get(`/api/stories/${harbour.storyId}`);
		expect(after.status).toBe(401);
		expect(
			await refusalOf(`${harbour.server.wsUrl}/${storyRoom(harbour.storyId)}?token=${token}`)
		).toEqual(LINK_REFUSED);
	});

	it('names links for people and refuses bad names precisely', async () => {
		const links = `/api/stories/${harbour.storyId}/links`;
		const named = await asOwner().post(links, {
			role: 'viewer',
			name: '  Ada   King '
		});
		expect(named.body.name).toBe('Ada King');
		const tooLong = await asOwner().post(links, {
			role: 'viewer',
			name: 'x'.repeat(41)
		});
		expect(tooLong.status).toBe(400);
		expect(tooLong.body.error.message).toBe('"name" must be at most 40 characters.');
		const control = await asOwner().post(links, { role: 'viewer', name: 'Ada\u0007' });
		expect(control.body.error.message).toBe('"name" cannot contain control characters.');
		const empty = await asOwner().patch(`${links}/${named.body.id}`, {});
		expect(empty.status).toBe(400);
		const missing = await asOwner().patch(`${links}/nope`, { name: 'Bo' });
		expect(missing.status).toBe(404);
		const listed = await asOwner().get(links);
		const mine = listed.body.links.filter((link: { you?: boolean }) => link.you);
		// The owner token of the import is the one the tests call with.
		expect(mine).toEqual([expect.objectContaining({ role: 'owner', name: 'Owner' })]);
	});

	it('keeps a story from losing its last owner link', async () => {
		const id = await createStory(harbour.server, 'Owned', 'Mine.\n');
		const links = `/api/stories/${id}/links`;
		const asImporter = api(harbour.server).as(ownerOf(id));
		const listed = await asImporter.get(links);
		const owner = listed.body.links.find((link: { role: string }) => link.role === 'owner');
		const revoked = await asImporter.delete(`${links}/${owner.id}`);
		expect(revoked.status).toBe(409);
		expect(revoked.body.error).toEqual({
			code: 'last_owner',
			message: "This is the story's only owner link: make another owner link before you revoke it."
		});
		const downgraded = await asImporter.patch(`${links}/${owner.id}`, {
			role: 'editor'
		});
		expect(downgraded.status).toBe(409);
		// Renaming is fine, and with a second owner link the first may go.
		expect((await asImporter.patch(`${links}/${owner.id}`, { name: 'Ana' })).status).toBe(200);
		const second = await asImporter.post(links, { role: 'owner', name: 'Ana, laptop' });
		const [, , token] = /(\?token=)(.+)$/.exec(second.body.url)!;
		const revokedFirst = await api(harbour.server).as(token!).delete(`${links}/${owner.id}`);
		expect(revokedFirst.status).toBe(204);
	});

	it('applies a downgrade to open connections at once', async () => {
		const made = await asOwner().post(`/api/stories/${harbour.storyId}/links`, {
			role: 'editor'
		});
		const live = await harbour.raw(notesRoom(harbour.storyId), null, tokenOf(made.body.url));
		const patched = await asOwner().patch(`/api/stories/${harbour.storyId}/links/${made.body.id}`, {
			role: 'viewer'
		});
		expect(patched.status).toBe(200);
		live.ws.send(updateMessage(someUpdate().update));
		expect(await closedWithin(live, 2_000)).toMatchObject({ code: CloseCode.forbidden });
	});

	it('stops an expired link', async () => {
		const expiresAt = new Date(Date.now() + 1_500).toISOString();
		const made = await asOwner().post(`/api/stories/${harbour.storyId}/links`, {
			role: 'viewer',
			expiresAt
		});
		expect(made.status).toBe(201);
		const live = await harbour.raw(storyRoom(harbour.storyId), null, tokenOf(made.body.url));
		expect(await closedWithin(live, 3_500)).toMatchObject({ code: CloseCode.unauthorized });
		const after = await api(harbour.server)
			.as(tokenOf(made.body.url))
			.get(`/api/stories/${harbour.storyId}`);
		expect(after.status).toBe(401);
	});
	it('is for owners only', async () => {
		for (const role of ['viewer', 'commenter', 'editor'] as const) {
			const answer = await api(harbour.server)
				.as(tokenFor(harbour.storyId, role))
				.get(`/api/stories/${harbour.storyId}/links`);
			expect(answer.status, role).toBe(403);
		}
	});
});

describe('HTTP: roles', () => {
	/** Calls `path` under the harbour's story with the link of `role` (null: no token at all). */
	async function as(role: Role | null, method: string, path: string, body?: unknown) {
		const caller = role
			? api(harbour.server).as(tokenFor(harbour.storyId, role))
			: api(harbour.server).anonymous();
		const response = await caller.raw(`/api/stories/${harbour.storyId}${path}`, {
			method,
			...(body !== undefined && {
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			})
		});
		const text = await response.text();
		return { status: response.status, text };
	}

	it('answers 401 without a working token, before any data', async () => {
		const answer = await as(null, 'GET', '');
		expect(answer.status).toBe(401);
		expect(answer.text).not.toContain('Harbour');
		expect((await as(null, 'GET', '/export?format=txt')).status).toBe(401);
		const foreign = await api(harbour.server)
			.as(tokenFor(harbour.otherStoryId, 'owner'))
			.get(`/api/stories/${harbour.storyId}`);
		expect(foreign.status).toBe(401);
		// The token in the query instead of a header.
		const viaQuery = await api(harbour.server)
			.anonymous()
			.get(`/api/stories/${harbour.storyId}?token=${tokenFor(harbour.storyId, 'viewer')}`);
		expect(viaQuery.status).toBe(200);
	});

	it('lets each role do what it may and answers 403 above it', async () => {
		const comment = { start: 2, end: 7, body: 'Which harbour?', author: 'Ana' };
		expect((await as('viewer', 'GET', '')).status).toBe(200);
		expect((await as('viewer', 'GET', '/export?format=txt')).text).toBe(HARBOUR_TEXT);
		expect((await as('viewer', 'GET', '/comments')).status).toBe(200);
		expect((await as('viewer', 'GET', '/suggestions')).status).toBe(200);
		expect((await as('viewer', 'POST', '/comments', comment)).status).toBe(403);

		// A commenter writes as their link's name: naming someone else is refused.
		const forged = await as('commenter', 'POST', '/comments', comment);
		expect(forged.status).toBe(403);
		expect(JSON.parse(forged.text).error.message).toBe(
			'This link writes as “Commenter”: leave "author" out or give that name.'
		);
		const { author: _named, ...unsigned } = comment;
		const commented = await as('commenter', 'POST', '/comments', unsigned);
		expect(commented.status).toBe(201);
		const threadId = JSON.parse(commented.text).id as string;
		const thread = JSON.parse((await as('commenter', 'GET', `/comments/${threadId}`)).text);
		expect(thread.messages[0].author).toBe('Commenter');
		// Their own thread they may resolve; one an editor started they may not.
		const resolved = await as('commenter', 'PATCH', `/comments/${threadId}`, {
			status: 'resolved'
		});
		expect(resolved.status).toBe(200);
		const editors = JSON.parse((await as('editor', 'POST', '/comments', unsigned)).text).id;
		const notMine = await as('commenter', 'PATCH', `/comments/${editors}`, { status: 'resolved' });
		expect(notMine.status).toBe(403);
		expect(JSON.parse((await as('viewer', 'GET', `/comments/${editors}`)).text).status).toBe(
			'open'
		);

		const suggestion = { start: 2, end: 7, replacement: 'calm', author: 'Commenter' };
		const suggested = await as('commenter', 'POST', '/suggestions', suggestion);
		expect(suggested.status).toBe(201);
		const suggestionId = JSON.parse(suggested.text).id as string;
		expect((await as('commenter', 'POST', `/suggestions/${suggestionId}/accept`)).status).toBe(403);
		expect((await as('commenter', 'PATCH', '', { title: 'Mine' })).status).toBe(403);

		expect((await as('editor', 'POST', `/suggestions/${suggestionId}/reject`)).status).toBe(200);
		expect((await as('editor', 'PATCH', '', { title: 'Mine' })).status).toBe(403);
		expect((await as('editor', 'DELETE', '')).status).toBe(403);
		expect((await as('owner', 'PATCH', '', { title: 'Harbour' })).status).toBe(200);
	});

	it('lists only the stories the request holds tokens for', async () => {
		const holding = (tokens: string[]) => api(harbour.server).holding(tokens).get('/api/stories');
		const list = async (tokens: string[]) =>
			((await holding(tokens)).body as { stories: Array<{ id: string }> }).stories.map(
				(story) => story.id
			);
		expect(await list([])).toEqual([]);
		expect(await list([tokenFor(harbour.storyId, 'viewer')])).toEqual([harbour.storyId]);
		expect(
			(
				await list([tokenFor(harbour.storyId, 'viewer'), tokenFor(harbour.otherStoryId, 'owner')])
			).sort()
		).toEqual([harbour.storyId, harbour.otherStoryId].sort());
		// Each with the most the links allow on it, so the library offers only that.
		const roles = await holding([
			tokenFor(harbour.storyId, 'viewer'),
			tokenFor(harbour.storyId, 'commenter'),
			tokenFor(harbour.otherStoryId, 'owner')
		]);
		const listed = (roles.body as { stories: Array<{ id: string; role: Role }> }).stories;
		expect(Object.fromEntries(listed.map((story) => [story.id, story.role]))).toEqual({
			[harbour.storyId]: 'commenter',
			[harbour.otherStoryId]: 'owner'
		});
	});
});

describe('ADMIN_TOKEN', () => {
	it('guards imports, owns every story and lists them all', async () => {
		const admin = 'admin-secret-for-tests-0123456789';
		const guarded = await startServer({ env: { ADMIN_TOKEN: admin } });
		try {
			const refused = await api(guarded)
				.anonymous()
				.raw('/api/stories', {
					method: 'POST',
					headers: { 'content-type': 'text/plain' },
					body: 'No.'
				});
			expect(refused.status).toBe(401);
			const asAdmin = api(guarded).as(admin);
			const imported = await asAdmin.raw('/api/stories?title=Yes', {
				method: 'POST',
				headers: { 'content-type': 'text/plain' },
				body: 'Yes.'
			});
			expect(imported.status).toBe(201);
			const body = (await imported.json()) as {
				stories: Array<{ id: string; links: Record<Role, string> }>;
			};
			expect(Object.keys(body.stories[0]!.links).sort()).toEqual([
				'commenter',
				'editor',
				'owner',
				'viewer'
			]);
			const listed = await asAdmin.get('/api/stories');
			expect((listed.body as { stories: unknown[] }).stories).toHaveLength(1);
			const links = await asAdmin.get(`/api/stories/${body.stories[0]!.id}/links`);
			expect(links.status).toBe(200);
		} finally {
			await guarded.dispose();
		}
	});
});

describe('rate limits', () => {
	it('answers 429 past the imports a minute and closes a flooding connection with 1013', async () => {
		const limited = await startServer({
			env: { IMPORTS_PER_MINUTE: '2', WS_MESSAGES_PER_SECOND: '5' }
		});
		try {
			const statuses: number[] = [];
			let id = '';
			for (let i = 0; i < 3; i++) {
				const response = await api(limited)
					.anonymous()
					.raw('/api/stories', {
						method: 'POST',
						headers: { 'content-type': 'text/plain' },
						body: `Story ${i}.`
					});
				statuses.push(response.status);
				if (response.status === 201) {
					const body = (await response.json()) as { stories: Array<{ id: string }> };
					rememberImport(body);
					id = body.stories[0]!.id;
				}
			}
			expect(statuses).toEqual([201, 201, 429]);

			const calm = await connectRaw(limited.wsUrl, storyRoom(id), tokenFor(id, 'viewer'));
			const flood = await connectRaw(limited.wsUrl, storyRoom(id), tokenFor(id, 'viewer'));
			harbour.track(calm);
			harbour.track(flood);
			for (let i = 0; i < 100; i++) flood.ws.send(awarenessMessage(5150, i + 1, 'null'));
			expect(await closedWithin(flood, 2_000)).toMatchObject({ code: CloseCode.tryAgainLater });
			expect(await closedWithin(calm, 200)).toBeNull();
		} finally {
			await limited.dispose();
		}
	});
});
