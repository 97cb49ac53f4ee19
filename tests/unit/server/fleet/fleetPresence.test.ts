import { describe, expect, it } from 'vitest';
import { encodeAwarenessMessage, type AwarenessEntry } from '../../../../server/collab/messages';
import { NULL_STATE } from '../../../../server/collab/validateAwareness';
import { FleetPresence } from '../../../../server/fleet/FleetPresence';

const state = (name: string) => new TextEncoder().encode(JSON.stringify({ user: { name } }));
const frame = (...entries: AwarenessEntry[]) => encodeAwarenessMessage(entries, entries.length);
const names = (entries: AwarenessEntry[]) =>
	entries.map((entry) => `${entry.clientId}:${new TextDecoder().decode(entry.state)}`);

describe('FleetPresence', () => {
	it('keeps the newest state of each client the other processes announced', () => {
		const presence = new FleetPresence(() => 0);
		presence.note(frame({ clientId: 1, clock: 1, state: state('Ada') }));
		presence.note(frame({ clientId: 2, clock: 4, state: state('Bo') }));
		presence.note(frame({ clientId: 1, clock: 2, state: state('Ada B.') }));
		// An older clock (a late echo) changes nothing.
		presence.note(frame({ clientId: 2, clock: 3, state: state('stale') }));
		expect(names(presence.present())).toEqual([
			'2:{"user":{"name":"Bo"}}',
			'1:{"user":{"name":"Ada B."}}'
		]);
	});

	it('forgets a client that left, and one not heard of for 30 s', () => {
		let now = 0;
		const presence = new FleetPresence(() => now);
		presence.note(frame({ clientId: 1, clock: 1, state: state('Ada') }));
		presence.note(frame({ clientId: 2, clock: 1, state: state('Bo') }));
		presence.note(frame({ clientId: 1, clock: 2, state: NULL_STATE }));
		expect(presence.present().map((entry) => entry.clientId)).toEqual([2]);
		now = 20_000;
		presence.note(frame({ clientId: 3, clock: 1, state: state('Cy') }));
		expect(presence.has(2)).toBe(true);
		now = 31_000;
		expect(presence.has(2)).toBe(false);
		expect(presence.has(3)).toBe(true);
		expect(presence.present().map((entry) => entry.clientId)).toEqual([3]);
	});

	it('ignores what is not an awareness frame', () => {
		const presence = new FleetPresence(() => 0);
		presence.note(new Uint8Array([0, 2, 1, 0]));
		presence.note(new Uint8Array([1, 9, 9]));
		expect(presence.present()).toEqual([]);
	});
});
