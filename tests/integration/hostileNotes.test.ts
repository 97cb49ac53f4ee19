import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addDictionaryWord, listDictionaryWords } from '#shared/proofing/storyDictionary';
import { readLocale, setLocale } from '#shared/proofing/storySettings';
import { PRESENCE_PALETTE } from '#shared/protocol/presenceColor';
import { CloseCode } from '#shared/protocol/closeCodes';
import type { Role } from '#shared/protocol/roles';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { createAnchor } from '#shared/review/anchors';
import { addMessage, addThread, editMessage, THREADS_MAP } from '#shared/review/notesDoc';
import type { Author, StoredThread } from '#shared/review/types';
import { api } from '../helpers/apiClient';
import { authorOf, ownerOf, tokenFor, tokenOf } from '../helpers/links';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory } from '../helpers/stories';
import {
	awarenessMessage,
	closedWithin,
	connectClient,
	connectRaw,
	synced,
	updateMessage,
	type RawClient
} from '../helpers/wsClients';

// Raw frames against `notes:<id>` (issue 10, item 6) and presence (item 7): each hostile update
// is refused with 4403 and leaves nothing behind, also after a restart and after kill -9; the
// honest ones go through.

let server: RunningServer;
let storyId: string;
const sockets: RawClient[] = [];

beforeAll(async () => {
	server = await startServer();
	storyId = await createStory(server.url, 'Quay', 'The boats came in at dusk.\n');
});

afterAll(async () => {
	for (const socket of sockets) socket.ws.terminate();
	await server?.dispose();
});

/** What the room holds now, as a fresh owner client sees it. */
async function roomDoc(room: string): Promise<Y.Doc> {
	const reader = connectClient(server.wsUrl, room, new Y.Doc(), tokenFor(storyId, 'owner'));
	try {
		await synced(reader);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
		return copy;
	} finally {
		reader.destroy();
	}
}

/** Who a token writes as (its link's author id and name). */
function youOf(token: string): Promise<Author> {
	return authorOf(server, storyId, token);
}

/** The API as the story's owner. */
const asOwner = () => api(server).as(ownerOf(storyId));

/**
 * Makes `change` on a copy of the notes and sends it as one raw update with `token`; the close
 * code within `ms`, or null while the connection stays open.
 */
async function sendChange(
	token: string,
	change: (doc: Y.Doc) => void,
	ms = 2_000
): Promise<number | null> {
	const doc = await roomDoc(notesRoom(storyId));
	const before = Y.encodeStateVector(doc);
	change(doc);
	const socket = await connectRaw(server.wsUrl, notesRoom(storyId), token);
	sockets.push(socket);
	socket.ws.send(updateMessage(Y.encodeStateAsUpdate(doc, before)));
	return (await closedWithin(socket, ms))?.code ?? null;
}

const token = (role: Role) => tokenFor(storyId, role);
const iso = (ms: number) => new Date(ms).toISOString();

/** A thread on "boats" by `author`, dated `at`. */
async function threadBy(id: string, author: Author, at: string): Promise<StoredThread> {
	const story = await roomDoc(storyRoom(storyId));
	return {
		id,
		status: 'open',
		anchor: createAnchor(story, 4, 9),
		messages: [{ id: `${id}-1`, author, body: 'Which boats?', createdAt: at }],
		createdAt: at
	};
}

/** Everything the refused updates below would have left in the notes. */
async function traces() {
	const notes = await roomDoc(notesRoom(storyId));
	return {
		roots: [...notes.share.keys()].filter((name) => name.startsWith('junk')).length,
		locale: readLocale(notes),
		words: listDictionaryWords(notes),
		threads: [...notes.getMap(THREADS_MAP).keys()].sort()
	};
}

describe('notes: only what the review model defines, as one’s own link', () => {
	let carol: Author;
	let maya: Author;

	beforeAll(async () => {
		carol = await youOf(token('editor'));
		maya = await youOf(token('commenter'));
		// An editor's word and thread, for the commenter to try to take away.
		expect(
			await sendChange(token('editor'), (doc) => addDictionaryWord(doc, 'Carolsword', carol), 500)
		).toBeNull();
		const thread = await threadBy('carol-t', carol, iso(Date.now()));
		expect(await sendChange(token('editor'), (doc) => addThread(doc, thread), 500)).toBeNull();
	});

	it('refuses 10,000 new root types, from a commenter and from an editor', async () => {
		const many = (doc: Y.Doc) => {
			for (let index = 0; index < 10_000; index++) doc.getMap(`junk${index}`).set('k', index);
		};
		expect(await sendChange(token('commenter'), many)).toBe(CloseCode.forbidden);
		expect(await sendChange(token('editor'), many)).toBe(CloseCode.forbidden);
		expect((await traces()).roots).toBe(0);
	});

	it('refuses a commenter changing the story’s locale; an editor may', async () => {
		expect(await sendChange(token('commenter'), (doc) => setLocale(doc, 'en-GB'))).toBe(
			CloseCode.forbidden
		);
		expect((await traces()).locale).toBe('en-US');
	});

	it('refuses deleting or re-signing someone else’s word, and a word signed as someone else', async () => {
		const remove = (doc: Y.Doc) => doc.getMap('dictionary').delete('Carolsword');
		expect(await sendChange(token('commenter'), remove)).toBe(CloseCode.forbidden);
		const resign = (doc: Y.Doc) => addDictionaryWord(doc, 'Carolsword', maya);
		expect(await sendChange(token('commenter'), resign)).toBe(CloseCode.forbidden);
		const forged = (doc: Y.Doc) => addDictionaryWord(doc, 'Forgery', carol);
		expect(await sendChange(token('commenter'), forged)).toBe(CloseCode.forbidden);
		expect((await traces()).words).toEqual(['Carolsword']);
	});

	it('refuses malformed entries in threads, from a commenter and from an editor', async () => {
		const plain = (doc: Y.Doc) => doc.getMap('threads').set('bad-plain', { id: 'bad-plain' });
		expect(await sendChange(token('commenter'), plain)).toBe(CloseCode.forbidden);
		expect(await sendChange(token('editor'), plain)).toBe(CloseCode.forbidden);
		const own = await threadBy('bad-extra', maya, iso(Date.now()));
		const extra = (doc: Y.Doc) => {
			addThread(doc, own);
			(doc.getMap('threads').get('bad-extra') as Y.Map<unknown>).set('junk', 'x'.repeat(50_000));
		};
		expect(await sendChange(token('commenter'), extra)).toBe(CloseCode.forbidden);
		const junkMessage = (doc: Y.Doc) => {
			const messages = (doc.getMap('threads').get('carol-t') as Y.Map<unknown>).get('messages');
			(messages as Y.Array<unknown>).push([{ id: 'bad-m', author: carol, body: 42 }]);
		};
		expect(await sendChange(token('editor'), junkMessage)).toBe(CloseCode.forbidden);
		expect((await traces()).threads).toEqual(['carol-t']);
	});

	it('refuses a thread dated 2099, or dated before the commenter’s link was made', async () => {
		const future = await threadBy('bad-2099', maya, '2099-01-01T00:00:00.000Z');
		expect(await sendChange(token('commenter'), (doc) => addThread(doc, future))).toBe(
			CloseCode.forbidden
		);
		const past = await threadBy('bad-1970', maya, '1970-01-01T00:00:00.000Z');
		expect(await sendChange(token('commenter'), (doc) => addThread(doc, past))).toBe(
			CloseCode.forbidden
		);
		expect((await traces()).threads).toEqual(['carol-t']);
	});

	it('lets a commenter add their own word, and write, answer and edit their own thread', async () => {
		expect(
			await sendChange(token('commenter'), (doc) => addDictionaryWord(doc, 'Quayside', maya), 500)
		).toBeNull();
		const thread = await threadBy('maya-t', maya, iso(Date.now()));
		expect(await sendChange(token('commenter'), (doc) => addThread(doc, thread), 500)).toBeNull();
		const reply = {
			id: 'maya-t-2',
			author: maya,
			body: 'The ferries?',
			createdAt: iso(Date.now())
		};
		expect(
			await sendChange(token('commenter'), (doc) => addMessage(doc, 'maya-t', reply), 500)
		).toBeNull();
		const edit = (doc: Y.Doc) =>
			editMessage(doc, 'maya-t', 'maya-t-1', 'Which ones?', iso(Date.now()));
		expect(await sendChange(token('commenter'), edit, 500)).toBeNull();
		// A reply in someone else's thread is fine too.
		const answer = { id: 'carol-t-2', author: maya, body: 'Those.', createdAt: iso(Date.now()) };
		expect(
			await sendChange(token('commenter'), (doc) => addMessage(doc, 'carol-t', answer), 500)
		).toBeNull();
		const comments = await asOwner().get(`/api/stories/${storyId}/comments/maya-t`);
		expect(comments.body.messages.map((m: { body: string }) => m.body)).toEqual([
			'Which ones?',
			'The ferries?'
		]);
	});

	it('accepts a commenter’s thread written offline hours ago when they come back', async () => {
		const made = await asOwner().post(`/api/stories/${storyId}/links`, {
			role: 'commenter',
			name: 'Nell'
		});
		const nellToken = tokenOf(made.body.url);
		// The link was made yesterday; Nell wrote on the train three hours ago, offline since.
		const db = new Database(path.join(server.dataDir, 'galley.sqlite'));
		db.prepare('UPDATE links SET created_at = ? WHERE id = ?').run(
			iso(Date.now() - 86_400_000),
			made.body.id
		);
		db.close();
		const nell = await youOf(nellToken);
		const thread = await threadBy('nell-t', nell, iso(Date.now() - 3 * 3_600_000));
		const notes = connectClient(server.wsUrl, notesRoom(storyId), new Y.Doc(), nellToken);
		try {
			await synced(notes);
			notes.provider.disconnect();
			addThread(notes.doc, thread);
			addDictionaryWord(notes.doc, 'Nellsword', nell, iso(Date.now() - 3 * 3_600_000));
			notes.provider.connect();
			await vi.waitFor(async () => {
				const answer = await asOwner().get(`/api/stories/${storyId}/comments/nell-t`);
				expect(answer.status).toBe(200);
			});
			// A bounded wait on purpose: the connection must not be closed soon after.
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(notes.provider.wsconnected).toBe(true);
		} finally {
			notes.destroy();
		}
	});

	it('keeps nothing of the refused updates after a restart and after kill -9', async () => {
		const expected = {
			roots: 0,
			locale: 'en-US',
			words: ['Carolsword', 'Nellsword', 'Quayside'],
			threads: ['carol-t', 'maya-t', 'nell-t']
		};
		expect(await traces()).toEqual(expected);
		expect(await server.kill()).toBe(0);
		await server.restart();
		expect(await traces()).toEqual(expected);
		await server.kill('SIGKILL');
		await server.restart();
		expect(await traces()).toEqual(expected);
	});
});

describe('presence: data, not markup', () => {
	it('relays a hostile caret colour as the link’s palette colour, and names as they are', async () => {
		const watcher = connectClient(server.wsUrl, storyRoom(storyId), new Y.Doc(), token('owner'));
		try {
			await synced(watcher);
			const socket = await connectRaw(server.wsUrl, storyRoom(storyId), token('commenter'));
			sockets.push(socket);
			const hostile = 'red;background:url(https://evil.example/x.png);x:';
			const state = { user: { id: 'mallory', name: '<b>Boss</b>', color: hostile }, cursor: null };
			socket.ws.send(awarenessMessage(880001, 1, JSON.stringify(state)));
			await vi.waitFor(() => {
				const seen = watcher.provider.awareness.getStates().get(880001) as
					{ user: { color: string; name: string } } | undefined;
				expect(seen?.user.color).toMatch(/^#[0-9a-f]{6}$/);
				expect(PRESENCE_PALETTE).toContain(seen?.user.color);
				// The name is the link's, whatever the state claimed.
				expect(seen?.user.name).toBe('Commenter');
			});
			expect(await closedWithin(socket, 200)).toBeNull();
		} finally {
			watcher.destroy();
		}
	});
});
