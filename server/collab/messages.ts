import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** A frame from a client, decoded far enough to route it. Payloads are views into the frame. */
export type ClientMessage =
	| { kind: 'syncStep1'; stateVector: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; payload: Uint8Array }
	| { kind: 'queryAwareness' }
	| { kind: 'invalid'; reason: string };

/**
 * Decodes the envelope of a client frame. Never throws: anything that does not decode, and any
 * message type a client may not send, comes back as `invalid` with a reason fit for a close frame.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		if (type === MessageType.sync) {
			const syncType = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (syncType === SyncType.step1) return { kind: 'syncStep1', stateVector: payload };
			// Step 2 (the client's answer to our step 1) and update carry the same thing: an update.
			if (syncType === SyncType.step2 || syncType === SyncType.update) {
				return { kind: 'update', update: payload };
			}
			return { kind: 'invalid', reason: `unknown sync message type ${syncType}` };
		}
		if (type === MessageType.awareness) {
			return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
		}
		if (type === MessageType.queryAwareness) return { kind: 'queryAwareness' };
		return { kind: 'invalid', reason: `unknown message type ${type}` };
	} catch {
		return { kind: 'invalid', reason: 'message could not be decoded' };
	}
}

/** Our sync step 1: the room's state vector, asking the client for what we lack. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncType.step1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

/** Sync step 2: everything the room has that a peer with `stateVector` lacks. Throws on a bad vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncType.step2);
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
	return encoding.toUint8Array(encoder);
}

/** A sync update frame. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncType.update);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** One client's awareness entry as it travels: `state` is the raw JSON bytes ("null" when gone). */
export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Uint8Array;
}

/** An awareness frame carrying `entries`, byte-compatible with y-protocols' encodeAwarenessUpdate. */
export function encodeAwarenessMessage(
	entries: Iterable<AwarenessEntry>,
	count: number
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, count);
	for (const entry of entries) {
		encoding.writeVarUint(inner, entry.clientId);
		encoding.writeVarUint(inner, entry.clock);
		// A var-string is its UTF-8 bytes with a length prefix: write the stored bytes as they came.
		encoding.writeVarUint8Array(inner, entry.state);
	}
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
	return encoding.toUint8Array(encoder);
}
