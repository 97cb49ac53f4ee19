import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import type { FleetMessage } from '../../../../server/fleet/FleetBus';
import { decodeFleetMessage, encodeFleetMessage } from '../../../../server/fleet/fleetMessages';

describe('fleet messages', () => {
	it('read back as written', () => {
		const messages: FleetMessage[] = [
			{
				kind: 'update',
				origin: 'p1',
				fromSeq: 7,
				toSeq: 9,
				update: new Uint8Array([1, 2, 3]),
				writers: [[123456789, 'link-a']]
			},
			{ kind: 'awareness', origin: 'p2', frame: new Uint8Array([1, 0]) },
			{ kind: 'presenceQuery', origin: 'p3' }
		];
		for (const message of messages) {
			expect(decodeFleetMessage(encodeFleetMessage(message))).toEqual(message);
		}
	});

	it('are refused when cut short, padded, of an unknown kind or numbered backwards', () => {
		const bytes = encodeFleetMessage({
			kind: 'update',
			origin: 'p1',
			fromSeq: 3,
			toSeq: 3,
			update: new Uint8Array([5]),
			writers: []
		});
		expect(decodeFleetMessage(bytes.slice(0, bytes.length - 1))).toBeNull();
		expect(decodeFleetMessage(new Uint8Array([...bytes, 0]))).toBeNull();
		expect(decodeFleetMessage(new Uint8Array([9, 0]))).toBeNull();
		expect(decodeFleetMessage(new Uint8Array([]))).toBeNull();
		const backwards = encoding.createEncoder();
		encoding.writeVarUint(backwards, 0);
		encoding.writeVarString(backwards, 'p1');
		encoding.writeVarUint(backwards, 9);
		encoding.writeVarUint(backwards, 3);
		encoding.writeVarUint8Array(backwards, new Uint8Array([5]));
		encoding.writeVarUint(backwards, 0);
		expect(decodeFleetMessage(encoding.toUint8Array(backwards))).toBeNull();
	});
});
