import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { FleetMessage } from './FleetBus';

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const KIND_PRESENCE_QUERY = 2;

/** A fleet message as bytes for the bus (lib0's var-length encoding, as Yjs uses). */
export function encodeFleetMessage(message: FleetMessage): Uint8Array {
	const encoder = encoding.createEncoder();
	if (message.kind === 'update') {
		encoding.writeVarUint(encoder, KIND_UPDATE);
		encoding.writeVarString(encoder, message.origin);
		encoding.writeVarUint(encoder, message.fromSeq);
		encoding.writeVarUint(encoder, message.toSeq);
		encoding.writeVarUint8Array(encoder, message.update);
		encoding.writeVarUint(encoder, message.writers.length);
		for (const [clientId, writer] of message.writers) {
			encoding.writeVarUint(encoder, clientId);
			encoding.writeVarString(encoder, writer);
		}
	} else if (message.kind === 'awareness') {
		encoding.writeVarUint(encoder, KIND_AWARENESS);
		encoding.writeVarString(encoder, message.origin);
		encoding.writeVarUint8Array(encoder, message.frame);
	} else {
		encoding.writeVarUint(encoder, KIND_PRESENCE_QUERY);
		encoding.writeVarString(encoder, message.origin);
	}
	return encoding.toUint8Array(encoder);
}

/**
 * Reads a fleet message; null when the bytes are not one (the bus is shared infrastructure:
 * anything on it is checked like client input, and a bad message costs only a catch-up).
 */
export function decodeFleetMessage(bytes: Uint8Array): FleetMessage | null {
	try {
		const decoder = decoding.createDecoder(bytes);
		const kind = decoding.readVarUint(decoder);
		const origin = decoding.readVarString(decoder);
		if (kind === KIND_UPDATE) {
			const fromSeq = decoding.readVarUint(decoder);
			const toSeq = decoding.readVarUint(decoder);
			const update = decoding.readVarUint8Array(decoder);
			const count = decoding.readVarUint(decoder);
			const writers: Array<[number, string]> = [];
			for (let index = 0; index < count; index++) {
				writers.push([decoding.readVarUint(decoder), decoding.readVarString(decoder)]);
			}
			if (fromSeq < 1 || toSeq < fromSeq || decoding.hasContent(decoder)) return null;
			return { kind: 'update', origin, fromSeq, toSeq, update, writers };
		}
		if (kind === KIND_AWARENESS) {
			const frame = decoding.readVarUint8Array(decoder);
			if (decoding.hasContent(decoder)) return null;
			return { kind: 'awareness', origin, frame };
		}
		if (kind === KIND_PRESENCE_QUERY) {
			return decoding.hasContent(decoder) ? null : { kind: 'presenceQuery', origin };
		}
		return null;
	} catch {
		return null;
	}
}
