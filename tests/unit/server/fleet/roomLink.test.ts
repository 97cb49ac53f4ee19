import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { FleetBus, FleetMessage } from '../../../../server/fleet/FleetBus';
import { RoomLink, type FleetRoom } from '../../../../server/fleet/RoomLink';
import type { LogTail } from '../../../../server/storage/DocumentLog';

/** A bus that delivers what the test hands it, in the order given (or not at all). */
function testBus(): FleetBus & { deliver(message: FleetMessage): void; sent: FleetMessage[] } {
	let listener: ((message: FleetMessage) => void) | null = null;
	const sent: FleetMessage[] = [];
	return {
		processId: 'here',
		sent,
		subscribe: (_room, onMessage) => {
			listener = onMessage;
			return () => (listener = null);
		},
		publish: (_room, message) => sent.push(message),
		subscribeFleet: () => () => {},
		publishFleet: () => {},
		status: () => ({ ok: true }),
		onReconnect: () => {},
		close: async () => {},
		deliver: (message) => listener?.(message)
	};
}

/** The store's log of a room written by "another process": numbered updates of one text. */
function otherProcess() {
	const doc = new Y.Doc();
	const log: Array<{ seq: number; update: Uint8Array }> = [];
	return {
		type(text: string): {
			kind: 'update';
			origin: string;
			fromSeq: number;
			toSeq: number;
			update: Uint8Array;
			writers: [];
		} {
			const before = Y.encodeStateVector(doc);
			doc.getText('t').insert(doc.getText('t').length, text);
			const update = Y.encodeStateAsUpdate(doc, before);
			const seq = log.length + 1;
			log.push({ seq, update });
			return { kind: 'update', origin: 'there', fromSeq: seq, toSeq: seq, update, writers: [] };
		},
		store: {
			updatesSince: vi.fn(async (_room: string, after: number): Promise<LogTail> => {
				const rows = log.filter((row) => row.seq > after);
				return {
					snapshot: null,
					updates: rows.map((row) => row.update),
					updateSeqs: rows.map((row) => row.seq),
					lastSeq: Math.max(after, log.length)
				};
			}),
			clientWriters: async () => new Map<number, string>()
		}
	};
}

function room(presence: Uint8Array | null = null): FleetRoom & { doc: Y.Doc; applied: number } {
	const doc = new Y.Doc();
	const state = {
		localPresence: () => presence,
		name: 'story:abc',
		log: pino({ level: 'silent' }),
		doc,
		applied: 0,
		applyFromFleet(update: Uint8Array) {
			Y.applyUpdate(doc, update);
			state.applied++;
		},
		relayFleetAwareness() {}
	};
	return state;
}

describe('RoomLink', () => {
	it('applies the others’ batches in order, holding one that came early until the gap fills', async () => {
		const bus = testBus();
		const other = otherProcess();
		const here = room();
		const link = new RoomLink(here, bus, other.store, 0, () => {});
		await link.catchUp();
		const [one, two, three] = [other.type('a'), other.type('b'), other.type('c')];
		bus.deliver(one);
		bus.deliver(three);
		expect(here.doc.getText('t').toString()).toBe('a');
		expect(link.seqs.through).toBe(1);
		bus.deliver(two);
		expect(here.doc.getText('t').toString()).toBe('abc');
		expect(link.seqs.through).toBe(3);
		// A batch seen twice changes nothing.
		bus.deliver(two);
		expect(here.applied).toBe(3);
		link.close();
	});

	it('asks the others who is here when it opens, and answers them with its own clients', async () => {
		const bus = testBus();
		const other = otherProcess();
		const frame = new Uint8Array([1, 5, 1, 7, 1, 2, 123, 125]);
		const link = new RoomLink(room(frame), bus, other.store, 0, () => {});
		expect(bus.sent).toContainEqual({ kind: 'presenceQuery', origin: 'here' });
		bus.sent.length = 0;
		bus.deliver({ kind: 'presenceQuery', origin: 'here' });
		expect(bus.sent).toEqual([]);
		bus.deliver({ kind: 'presenceQuery', origin: 'there' });
		expect(bus.sent).toEqual([{ kind: 'awareness', origin: 'here', frame }]);
		link.close();
	});

	it('reads from the store what the bus lost', async () => {
		vi.useFakeTimers();
		try {
			const bus = testBus();
			const other = otherProcess();
			const here = room();
			const link = new RoomLink(here, bus, other.store, 0, () => {});
			await link.catchUp();
			other.type('lost ');
			bus.deliver(other.type('found'));
			expect(here.doc.getText('t').toString()).toBe('');
			await vi.advanceTimersByTimeAsync(150);
			expect(here.doc.getText('t').toString()).toBe('lost found');
			expect(link.seqs).toMatchObject({ through: 2, missing: false });
			link.close();
		} finally {
			vi.useRealTimers();
		}
	});

	it('catches up when the store is ahead of it (the poll), and publishes its own batches', async () => {
		const bus = testBus();
		const other = otherProcess();
		const here = room();
		const link = new RoomLink(here, bus, other.store, 0, () => {});
		await link.catchUp();
		other.type('while Redis was away');
		link.noteStoreSeq(1);
		await vi.waitFor(() => expect(here.doc.getText('t').toString()).toBe('while Redis was away'));
		bus.sent.length = 0; // the presence query it opened with
		link.stored(2, 2, new Uint8Array([0, 0]), new Map([[7, 'link-a']]));
		expect(bus.sent).toEqual([
			{
				kind: 'update',
				origin: 'here',
				fromSeq: 2,
				toSeq: 2,
				update: new Uint8Array([0, 0]),
				writers: [[7, 'link-a']]
			}
		]);
		expect(link.seqs.through).toBe(2);
		// Its own messages coming back are not applied again.
		bus.deliver(bus.sent[0]!);
		expect(here.applied).toBe(1);
		link.close();
	});
});
