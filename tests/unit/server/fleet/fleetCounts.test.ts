import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FleetBus } from '../../../../server/fleet/FleetBus';
import { FleetCounts } from '../../../../server/fleet/FleetCounts';

/** The fleet channel of a few processes in one test: what one publishes, all hear. */
function fleetChannel() {
	const listeners = new Set<(bytes: Uint8Array) => void>();
	return (processId: string): FleetBus => ({
		processId,
		subscribe: () => () => {},
		publish: () => {},
		subscribeFleet: (listener) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		publishFleet: (bytes) => {
			for (const listener of listeners) listener(bytes);
		},
		status: () => ({ ok: true }),
		onReconnect: () => {},
		close: async () => {}
	});
}

describe('FleetCounts', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('tells each process the people present and the connections in a room on the others', () => {
		vi.useFakeTimers();
		const bus = fleetChannel();
		const log = pino({ level: 'silent' });
		const [a, b, c] = ['a', 'b', 'c'].map((id) => new FleetCounts(bus(id), log));
		a!.sharePresence(
			() => [['story:x', 2]],
			() => [['story:x', 5]]
		);
		b!.sharePresence(
			() => [['story:x', 1]],
			() => [
				['story:x', 3],
				['story:y', 1]
			]
		);
		c!.sharePresence(
			() => [],
			() => []
		);
		vi.advanceTimersByTime(250);
		expect(c!.presentElsewhere('story:x')).toBe(3);
		expect(c!.connectedElsewhere('story:x')).toBe(8);
		expect(a!.connectedElsewhere('story:x')).toBe(3);
		expect(a!.connectedElsewhere('story:y')).toBe(1);
		// A process that stops speaking is forgotten after 3 s.
		b!.close();
		vi.advanceTimersByTime(4_000);
		expect(c!.connectedElsewhere('story:x')).toBe(5);
		for (const counts of [a, c]) counts!.close();
	});
});
