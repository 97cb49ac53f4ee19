import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '#shared/protocol/closeCodes';
import {
	checkAwarenessState,
	decodeAwarenessUpdate,
	isRemoval
} from '../../../../server/collab/validateAwareness';

const bytes = (text: string) => new TextEncoder().encode(text);

function payload(entries: Array<[number, number, string]>): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const [clientId, clock, state] of entries) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, state);
	}
	return encoding.toUint8Array(encoder);
}

describe('decodeAwarenessUpdate', () => {
	it('decodes entries keeping states as raw bytes', () => {
		const decoded = decodeAwarenessUpdate(
			payload([
				[1, 2, '{"a":1}'],
				[3, 4, 'null']
			])
		);
		expect(decoded.ok).toBe(true);
		if (!decoded.ok) return;
		expect(
			decoded.entries.map((e) => [e.clientId, e.clock, new TextDecoder().decode(e.state)])
		).toEqual([
			[1, 2, '{"a":1}'],
			[3, 4, 'null']
		]);
		expect(isRemoval(decoded.entries[1]!.state)).toBe(true);
		expect(isRemoval(decoded.entries[0]!.state)).toBe(false);
	});

	it('refuses a state over the size limit with 1008', () => {
		const state = JSON.stringify({ s: 'x'.repeat(100) });
		expect(
			decodeAwarenessUpdate(payload([[1, 1, state]]), { maxStateBytes: 50, maxDepth: 6 })
		).toMatchObject({
			ok: false,
			code: CloseCode.policyViolation
		});
	});

	it('refuses truncated bytes with 1002', () => {
		const full = payload([[1, 1, '{"a":1}']]);
		expect(decodeAwarenessUpdate(full.subarray(0, full.length - 2))).toMatchObject({
			ok: false,
			code: CloseCode.protocolError
		});
	});
});

describe('checkAwarenessState', () => {
	it('accepts a y-prosemirror cursor state', () => {
		const cursor = {
			user: { name: 'Ann', color: '#f80' },
			cursor: {
				anchor: {
					type: { client: 1, clock: 2 },
					tname: null,
					item: { client: 1, clock: 3 },
					assoc: 0
				},
				head: { type: null, tname: 'content', item: null, assoc: -1 }
			}
		};
		expect(checkAwarenessState(bytes(JSON.stringify(cursor)))).toBeNull();
	});

	it('counts nesting of objects and arrays, not brackets inside strings', () => {
		expect(checkAwarenessState(bytes('{"a":{"b":{"c":{"d":{"e":[1]}}}}}'))).toBeNull();
		expect(checkAwarenessState(bytes('{"a":{"b":{"c":{"d":{"e":{"f":[1]}}}}}}'))).toMatchObject({
			code: CloseCode.policyViolation
		});
		expect(checkAwarenessState(bytes('{"s":"[[[[[[[[{{{{{{{\\"[[[["}'))).toBeNull();
	});

	it('refuses what is not a JSON object', () => {
		for (const text of ['{"a":', '[1,2]', '"text"', '42', '\xff']) {
			expect(checkAwarenessState(bytes(text))).toMatchObject({ code: CloseCode.invalidData });
		}
		expect(checkAwarenessState(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({
			code: CloseCode.invalidData
		});
	});
});
