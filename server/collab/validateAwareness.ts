import * as decoding from 'lib0/decoding';
import { CloseCode, type CloseCodeValue } from '#shared/protocol/closeCodes';
import type { AwarenessEntry } from './messages';

/** Bounds on one awareness state (a person's name, colour and cursor fit in well under 1 KB). */
export interface AwarenessLimits {
	maxStateBytes: number;
	/** Deepest nesting of objects/arrays; a y-prosemirror cursor needs 4. */
	maxDepth: number;
}

export const DEFAULT_AWARENESS_LIMITS: AwarenessLimits = { maxStateBytes: 16 * 1024, maxDepth: 6 };

export interface AwarenessRefusal {
	code: CloseCodeValue;
	reason: string;
}

export type AwarenessDecode =
	{ ok: true; entries: AwarenessEntry[] } | ({ ok: false } & AwarenessRefusal);

const NULL_STATE = new TextEncoder().encode('null');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the raw state is JSON `null`: the client left. */
export function isRemoval(state: Uint8Array): boolean {
	return (
		state.length === 4 &&
		state[0] === NULL_STATE[0] &&
		state[1] === NULL_STATE[1] &&
		state[2] === NULL_STATE[2] &&
		state[3] === NULL_STATE[3]
	);
}

export { NULL_STATE };

/**
 * Decodes an awareness update (y-protocols encodeAwarenessUpdate) into entries whose states stay
 * raw bytes, refusing oversized states. Content is checked later, and only for entries that
 * will be applied (checkAwarenessState): every client echoes back the awareness it receives,
 * and those echoes are dropped on their clock alone.
 */
export function decodeAwarenessUpdate(
	payload: Uint8Array,
	limits: AwarenessLimits = DEFAULT_AWARENESS_LIMITS
): AwarenessDecode {
	try {
		const decoder = decoding.createDecoder(payload);
		const count = decoding.readVarUint(decoder);
		const entries: AwarenessEntry[] = [];
		for (let index = 0; index < count; index++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const state = decoding.readVarUint8Array(decoder);
			if (state.length > limits.maxStateBytes) {
				return {
					ok: false,
					code: CloseCode.policyViolation,
					reason: `awareness state over ${limits.maxStateBytes} bytes`
				};
			}
			entries.push({ clientId, clock, state });
		}
		return { ok: true, entries };
	} catch {
		return {
			ok: false,
			code: CloseCode.protocolError,
			reason: 'awareness update could not be decoded'
		};
	}
}

/**
 * Checks a state about to be stored and relayed: UTF-8 JSON of an object, nested no deeper
 * than `maxDepth`. Every receiving client JSON.parses it, so a bad one would break them all.
 * Null when acceptable.
 */
export function checkAwarenessState(
	state: Uint8Array,
	limits: AwarenessLimits = DEFAULT_AWARENESS_LIMITS
): AwarenessRefusal | null {
	// Depth first, on the bytes, so a deeply nested state is refused without being parsed.
	if (jsonDepthExceeds(state, limits.maxDepth)) {
		return {
			code: CloseCode.policyViolation,
			reason: `awareness state nested deeper than ${limits.maxDepth} levels`
		};
	}
	let value: unknown;
	try {
		value = JSON.parse(utf8.decode(state));
	} catch {
		return { code: CloseCode.invalidData, reason: 'awareness state is not valid JSON' };
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { code: CloseCode.invalidData, reason: 'awareness state must be a JSON object or null' };
	}
	return null;
}

/** Scans JSON text for object/array nesting beyond `maxDepth`, skipping string contents. */
function jsonDepthExceeds(bytes: Uint8Array, maxDepth: number): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (inString) {
			if (byte === 0x5c)
				index++; // backslash: skip the escaped character
			else if (byte === 0x22) inString = false;
		} else if (byte === 0x22) {
			inString = true;
		} else if (byte === 0x7b || byte === 0x5b) {
			if (++depth > maxDepth) return true;
		} else if (byte === 0x7d || byte === 0x5d) {
			depth--;
		}
	}
	return false;
}
