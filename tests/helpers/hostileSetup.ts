import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import type { Role } from '#shared/protocol/roles';
import { parseRoomName } from '#shared/protocol/rooms';
import { addDictionaryWord } from '#shared/proofing/storyDictionary';
import type { Author } from '#shared/review/types';
import { api, type ApiCaller } from './apiClient';
import { authorOf, ownerOf, tokenFor } from './links';
import { startServer, type RunningServer } from './startServer';
import { createStory, exportText } from './stories';
import { connectClient, connectRaw, synced, type Client, type RawClient } from './wsClients';

// The setup the hostile-client tests share (wsRoles, notesRules, linksApi and httpRoles): one
// server with two stories, "Harbour" (the one attacked) and "Elsewhere" (whose links must not open
// it), clients that are closed when the file ends, and the ways those tests watch a connection.

export const HARBOUR_TEXT = 'A quiet harbour.\n';

/** The refusal of a missing, unknown, foreign, revoked or expired token. */
export const LINK_REFUSED = {
	close: CloseCode.unauthorized,
	reason: 'this link no longer works',
	messages: 0
};

export interface Harbour {
	readonly server: RunningServer;
	/** The story the tests attack; its text is HARBOUR_TEXT. */
	readonly storyId: string;
	/** Another story, whose links must not open the first. */
	readonly otherStoryId: string;
	/** A raw socket on `room` of the harbour with the link of `role` (or `token`; null: none). */
	raw(room: string, role: Role | null, token?: string): Promise<RawClient>;
	/** A y-websocket client on `room` of the harbour with the link of `role`. */
	client(room: string, role: Role): Client;
	/** Closes `client` when the file ends. */
	track<T extends { destroy(): void } | RawClient>(client: T): T;
	/** The API as the harbour's owner. */
	asOwner(): ApiCaller;
	/** Who a link of `role` on story `id` writes as. */
	youOf(id: string, role: Role): Promise<Author>;
	/** The dictionary words the owner sees in a room on this server now (see `dictionaryWords`). */
	dictionaryWords(room: string): Promise<string>;
	/** The harbour's txt export, as its owner reads it. */
	storyText(): Promise<string>;
}

/** Starts the server and the two stories for this file (beforeAll), and stops them (afterAll). */
export function useHarbour(): Harbour {
	let server: RunningServer;
	let storyId: string;
	let otherStoryId: string;
	const open: Array<{ destroy(): void } | RawClient> = [];

	beforeAll(async () => {
		server = await startServer();
		storyId = await createStory(server, 'Harbour', HARBOUR_TEXT);
		otherStoryId = await createStory(server, 'Elsewhere', 'Another story.\n');
	});

	afterAll(async () => {
		for (const client of open) {
			if ('ws' in client) client.ws.terminate();
			else client.destroy();
		}
		await server?.dispose();
	});

	const track = <T extends { destroy(): void } | RawClient>(client: T): T => {
		open.push(client);
		return client;
	};
	const client = (room: string, role: Role) =>
		track(connectClient(server.wsUrl, room, new Y.Doc(), tokenFor(storyId, role)));

	return {
		get server() {
			return server;
		},
		get storyId() {
			return storyId;
		},
		get otherStoryId() {
			return otherStoryId;
		},
		async raw(room, role, token) {
			const socket = await connectRaw(
				server.wsUrl,
				room,
				token ?? (role ? tokenFor(storyId, role) : null)
			);
			return track(socket);
		},
		client,
		track,
		asOwner: () => api(server).as(ownerOf(storyId)),
		youOf: (id, role) => authorOf(server, id, tokenFor(id, role)),
		dictionaryWords: (room) => dictionaryWords(server.wsUrl, room),
		storyText: () => exportText(server, storyId)
	};
}

/**
 * The dictionary words the owner of the room's story sees in it now (a fresh client, synced),
 * sorted and joined by spaces.
 */
export async function dictionaryWords(wsUrl: string, room: string): Promise<string> {
	const storyId = parseRoomName(room)?.storyId;
	if (!storyId) throw new Error(`not a room: ${room}`);
	const reader = connectClient(wsUrl, room, new Y.Doc(), ownerOf(storyId));
	try {
		await synced(reader);
		return [...reader.doc.getMap('dictionary').keys()].sort().join(' ');
	} finally {
		reader.destroy();
	}
}

const SOMEONE: Author = { id: 'someone', name: 'Someone' };

/** An update that adds `word` to the story's dictionary as `author` (valid on its own). */
export function someUpdate(
	author: Author = SOMEONE,
	clientId?: number,
	word = 'Written'
): { doc: Y.Doc; update: Uint8Array } {
	const doc = new Y.Doc();
	if (clientId !== undefined) doc.clientID = clientId;
	addDictionaryWord(doc, word, author);
	return { doc, update: Y.encodeStateAsUpdate(doc) };
}

/**
 * How the server turns a socket away: an HTTP status at the upgrade, or a close code once
 * accepted, with the number of messages it sent before (none may carry data).
 */
export function refusalOf(
	url: string
): Promise<{ http: number } | { close: number; reason: string; messages: number }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url);
		let messages = 0;
		ws.on('message', () => messages++);
		ws.on('unexpected-response', (_request, response) => {
			resolve({ http: response.statusCode ?? 0 });
			ws.terminate();
		});
		ws.on('close', (code, reason) => resolve({ close: code, reason: reason.toString(), messages }));
		ws.on('error', () => {});
	});
}
