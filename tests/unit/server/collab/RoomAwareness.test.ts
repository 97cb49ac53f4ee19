import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '#shared/protocol/closeCodes';
import type { Connection } from '../../../../server/collab/Connection';
import type { AwarenessEntry } from '../../../../server/collab/messages';
import { RoomAwareness } from '../../../../server/collab/RoomAwareness';
import { DEFAULT_AWARENESS_LIMITS } from '../../../../server/collab/validateAwareness';

const fakeConnection = (name: string) =>
	({ name, clientIds: [] as number[] }) as unknown as Connection;
const entry = (clientId: number, clock: number, state: string): AwarenessEntry => ({
	clientId,
	clock,
	state: new TextEncoder().encode(state)
});

/** [clientId, clock, state] triples of an awareness frame. */
function entriesOf(frame: Uint8Array | null): Array<[number, number, string]> {
	if (!frame) return [];
	const outer = decoding.createDecoder(frame);
	expect(decoding.readVarUint(outer)).toBe(1);
	const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer));
	const count = decoding.readVarUint(decoder);
	return Array.from({ length: count }, () => [
		decoding.readVarUint(decoder),
		decoding.readVarUint(decoder),
		decoding.readVarString(decoder)
	]);
}

function setup(silent = new Set<Connection>()) {
	return new RoomAwareness(DEFAULT_AWARENESS_LIMITS, (owner) => silent.has(owner));
}

describe('RoomAwareness', () => {
	it('batches changes: everyone gets them, a sender gets all but its own', () => {
		const awareness = setup();
		const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(fakeConnection);
		expect(awareness.apply(alice!, [entry(1, 0, '{"n":"a"}')])).toMatchObject({ ok: true });
		expect(awareness.apply(bob!, [entry(2, 0, '{"n":"b"}')])).toMatchObject({ ok: true });
		const batch = awareness.takeBatch()!;
		expect(entriesOf(batch.forSender(carol!))).toEqual([
			[1, 0, '{"n":"a"}'],
			[2, 0, '{"n":"b"}']
		]);
		expect(entriesOf(batch.forSender(alice!))).toEqual([[2, 0, '{"n":"b"}']]);
		expect(awareness.takeBatch()).toBeNull();
		expect(awareness.count()).toBe(2);
	});

	it("drops echoes and relays of another connection's client, refusing only a runaway clock", () => {
		const awareness = setup();
		const [alice, bob, mallory] = ['alice', 'bob', 'mallory'].map(fakeConnection);
		awareness.apply(alice!, [entry(1, 3, '{"n":"a"}')]);
		awareness.apply(bob!, [entry(2, 0, '{"n":"b"}')]);
		awareness.takeBatch();
		// An echo, a peer timing alice out, and another tab relaying alice's next state a moment early.
		const relayed = [entry(1, 3, '{"n":"a"}'), entry(1, 3, 'null'), entry(1, 4, '{"n":"a2"}')];
		expect(awareness.apply(bob!, relayed)).toEqual({ ok: true, reply: null, evicted: [] });
		expect(awareness.hasChanges).toBe(false);
		expect(awareness.apply(mallory!, [entry(1, 5000, '{"n":"m"}')])).toMatchObject({
			ok: false,
			code: CloseCode.policyViolation
		});
		expect(entriesOf(awareness.snapshotMessage())).toEqual([
			[1, 3, '{"n":"a"}'],
			[2, 0, '{"n":"b"}']
		]);
	});

	it('leaves a client present through another process to it, unless that client announces itself here', () => {
		const elsewhere = new Set([7]);
		const awareness = new RoomAwareness(
			DEFAULT_AWARENESS_LIMITS,
			() => false,
			(clientId) => elsewhere.has(clientId)
		);
		const [sam, moved] = ['sam', 'moved'].map(fakeConnection);
		awareness.apply(sam!, [entry(1, 0, '{"n":"s"}')]);
		// Sam's browser echoes the state of client 7, relayed from another process.
		expect(awareness.apply(sam!, [entry(7, 3, '{"n":"o"}')])).toMatchObject({ ok: true });
		expect(sam!.clientIds).toEqual([1]);
		expect(awareness.count()).toBe(1);
		// Client 7 itself, reconnected to this process: its own first message takes its id.
		expect(awareness.apply(moved!, [entry(7, 4, '{"n":"o"}')])).toMatchObject({ ok: true });
		expect(moved!.clientIds).toEqual([7]);
		expect(awareness.count()).toBe(2);
	});

	it('gives a client id to the tab that announces it, from one that only relayed it', () => {
		const awareness = setup();
		const [relayer, owner] = ['relayer', 'owner'].map(fakeConnection);
		awareness.apply(relayer!, [entry(10, 0, '{"n":"relayer"}')]);
		// The other tab's state arrives through the relayer's BroadcastChannel before its own socket opens.
		awareness.apply(relayer!, [entry(20, 1, '{"n":"owner"}'), entry(10, 1, '{"n":"relayer"}')]);
		expect(relayer!.clientIds).toEqual([10, 20]);
		expect(awareness.apply(owner!, [entry(20, 1, '{"n":"owner"}')])).toMatchObject({ ok: true });
		expect(owner!.clientIds).toEqual([20]);
		expect(relayer!.clientIds).toEqual([10]);
		awareness.removeConnection(relayer!);
		expect(awareness.count()).toBe(1);
		// From now on the relayer's copies are ignored.
		awareness.takeBatch();
		awareness.apply(relayer!, [entry(20, 2, '{"n":"fake"}')]);
		expect(awareness.hasChanges).toBe(false);
	});

	it('hands a client id over from a silent owner to the new connection', () => {
		const silent = new Set<Connection>();
		const awareness = setup(silent);
		const [before, after] = ['before', 'after'].map(fakeConnection);
		awareness.apply(before!, [entry(1, 3, '{"v":1}')]);
		silent.add(before!);
		const outcome = awareness.apply(after!, [entry(1, 4, '{"v":2}')]);
		expect(outcome).toMatchObject({ ok: true, evicted: [before] });
		expect(after!.clientIds).toEqual([1]);
		expect(before!.clientIds).toEqual([]);
		awareness.removeConnection(before!);
		expect(awareness.count()).toBe(1);
	});

	it('removes a leaving connection and reminds it of its clock when it returns', () => {
		const awareness = setup();
		const [first, second] = ['first', 'second'].map(fakeConnection);
		awareness.apply(first!, [entry(1, 7, '{"v":1}')]);
		awareness.removeConnection(first!);
		expect(awareness.count()).toBe(0);
		expect(entriesOf(awareness.takeBatch()!.common)).toEqual([[1, 7, 'null']]);
		const outcome = awareness.apply(second!, [entry(1, 7, '{"v":1}')]);
		expect(outcome.ok && entriesOf(outcome.reply)).toEqual([[1, 7, 'null']]);
		expect(awareness.apply(second!, [entry(1, 8, '{"v":1}')])).toMatchObject({ ok: true });
		expect(awareness.count()).toBe(1);
	});

	it('applies all of an update or, when one entry is bad, none of it', () => {
		const awareness = setup();
		const alice = fakeConnection('alice');
		const deep = '{"a":{"b":{"c":{"d":{"e":{"f":{"g":1}}}}}}}';
		expect(awareness.apply(alice, [entry(1, 1, '{}'), entry(2, 1, deep)])).toMatchObject({
			ok: false
		});
		expect(awareness.count()).toBe(0);
		expect(awareness.hasChanges).toBe(false);
	});

	it('limits how many client ids one connection may publish', () => {
		const awareness = setup();
		const flooder = fakeConnection('flooder');
		const many = Array.from({ length: 40 }, (_, index) => entry(index + 1, 1, '{}'));
		expect(awareness.apply(flooder, many)).toMatchObject({
			ok: false,
			code: CloseCode.policyViolation
		});
		expect(awareness.count()).toBe(0);
		// Removals of clients nobody knows are not even remembered.
		const removals = Array.from({ length: 40 }, (_, index) => entry(index + 100, 1, 'null'));
		expect(awareness.apply(flooder, removals)).toMatchObject({ ok: true });
		expect(awareness.hasChanges).toBe(false);
		expect(flooder.clientIds).toEqual([]);
	});
});
