import type pino from 'pino';
import type { DocumentLog } from '../storage/DocumentLog';
import type { BusStatus, FleetBus } from './FleetBus';
import { RoomLink, type FleetRoom } from './RoomLink';

/** While the bus is down, loaded rooms compare with the store this often (or pollMs if less). */
const DEGRADED_POLL_MS = 250;

/**
 * This process's part in a fleet of Galley processes sharing rooms: the bus for the fast path,
 * the store as the truth. Every loaded room gets a RoomLink; a poll of the store's newest
 * sequence numbers (one query for all loaded rooms) catches whatever the bus lost, more often
 * while the bus is down.
 */
export class Fleet {
	readonly #links = new Set<RoomLink>();
	#timer: NodeJS.Timeout | null = null;
	#closed = false;
	#lastPoll = 0;

	constructor(
		readonly bus: FleetBus,
		private readonly store: Pick<DocumentLog, 'updatesSince' | 'lastSeqs' | 'clientWriters'>,
		private readonly log: pino.Logger,
		/** How often loaded rooms compare their sequence numbers with the store's (bus up). */
		private readonly pollMs = 1_000
	) {
		bus.onReconnect(() => {
			for (const link of this.#links) link.catchUp();
		});
		this.#schedule();
	}

	status(): BusStatus {
		return this.bus.status();
	}

	/** Connects a loaded room (its doc covers the store's log up to `lastSeq`) to the fleet. */
	join(room: FleetRoom, lastSeq: number): RoomLink {
		const link = new RoomLink(room, this.bus, this.store, lastSeq, () => this.#links.delete(link));
		this.#links.add(link);
		return link;
	}

	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		await this.bus.close();
	}

	/** Ticks at the degraded rate, so that the bus going down shortens the wait at once. */
	#schedule(): void {
		if (this.#closed) return;
		this.#timer = setTimeout(() => void this.#poll(), Math.min(this.pollMs, DEGRADED_POLL_MS));
		this.#timer.unref();
	}

	async #poll(): Promise<void> {
		const due = this.bus.status().ok ? this.pollMs : DEGRADED_POLL_MS;
		// One chain of timers: each poll schedules the next when it is done.
		if (Date.now() - this.#lastPoll < due) return this.#schedule();
		this.#lastPoll = Date.now();
		try {
			const links = [...this.#links];
			if (links.length === 0) return;
			const newest = await this.store.lastSeqs(links.map((link) => link.room.name));
			for (const link of links) link.noteStoreSeq(newest.get(link.room.name) ?? 0);
		} catch (error) {
			this.log.warn({ err: error }, 'could not compare rooms with the database');
		} finally {
			this.#schedule();
		}
	}
}
