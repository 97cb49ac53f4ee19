import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { tokenForRoom } from './links';

// Clients for tests against a collaboration server, in-process or the real one: y-websocket
// providers as the app uses them, and raw sockets for speaking (or breaking) the protocol by hand.

/** A y-websocket client as the browser app uses it (Node needs the ws polyfill). */
export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	text: Y.Text;
	destroy(): void;
}

/** Connects with `token`, by default the owner token of the room's story if the tests know it. */
export function connectClient(
	url: string,
	room: string,
	doc = new Y.Doc(),
	token = tokenForRoom(room)
): Client {
	const provider = new WebsocketProvider(url, room, doc, {
		...(token && { params: { token } }),
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	return {
		doc,
		provider,
		text: doc.getText('text'),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function synced(client: Client): Promise<void> {
	await vi.waitFor(() => {
		if (!client.provider.synced) throw new Error('not synced yet');
	});
}

/** A raw socket for speaking (or breaking) the protocol by hand. */
export interface RawClient {
	ws: WebSocket;
	messages: Uint8Array[];
	closed: Promise<{ code: number; reason: string }>;
}

/** A raw socket with `token` (by default the owner token of the room's story, if known; null: none). */
export async function connectRaw(
	url: string,
	room: string,
	token: string | null = tokenForRoom(room) ?? null
): Promise<RawClient> {
	const query = token ? `?token=${encodeURIComponent(token)}` : '';
	const ws = new WebSocket(`${url}/${room}${query}`);
	const messages: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	return { ws, messages, closed };
}

/**
 * How the server closed `client` within `ms`, or null if it is still open then. A bounded wait on
 * purpose: a null is the proof that no close came in that time (there is nothing else to wait for).
 */
export async function closedWithin(
	client: RawClient,
	ms: number
): Promise<{ code: number; reason: string } | null> {
	let timer: NodeJS.Timeout | undefined;
	const result = await Promise.race([
		client.closed,
		new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
	]);
	clearTimeout(timer);
	return result;
}

export function syncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** An awareness message with one entry whose state is `json` verbatim. */
export function awarenessMessage(clientId: number, clock: number, json: string): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, 1);
	encoding.writeVarUint(inner, clientId);
	encoding.writeVarUint(inner, clock);
	encoding.writeVarString(inner, json);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
	return encoding.toUint8Array(encoder);
}

/** Top-level message type and, for sync messages, the sync type. */
export function describe(message: Uint8Array): { type: number; syncType?: number } {
	const decoder = decoding.createDecoder(message);
	const type = decoding.readVarUint(decoder);
	return type === 0 ? { type, syncType: decoding.readVarUint(decoder) } : { type };
}

/** Applies every sync step 2 / update a raw client received to `doc`. */
export function applyReceived(raw: RawClient, doc: Y.Doc): void {
	for (const message of raw.messages) {
		const decoder = decoding.createDecoder(message);
		if (decoding.readVarUint(decoder) !== 0) continue;
		if (decoding.readVarUint(decoder) === 0) continue;
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
	}
}
