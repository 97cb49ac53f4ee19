import type pino from 'pino';
import * as Y from 'yjs';
import type { DocumentLog } from '../storage/DocumentLog';
import { AppliedSeqs } from './AppliedSeqs';
import type { FleetBus, FleetMessage } from './FleetBus';

/** What a room offers the fleet. */
export interface FleetRoom {
	readonly name: string;
	readonly log: pino.Logger;
	/**
	 * Applies updates another process stored to the doc and relays them to this process's
	 * clients, with the client id → writer bindings they came with.
	 */
	applyFromFleet(update: Uint8Array, writers: ReadonlyMap<number, string>): void;
	/** Relays another process's awareness frame to this process's clients. */
	relayFleetAwareness(frame: Uint8Array): void;
	/** The awareness of this process's own clients, as one frame (null: nobody is here). */
	localPresence(): Uint8Array | null;
}

type UpdateMessage = Extract<FleetMessage, { kind: 'update' }>;

/** A gap still open this long after it appeared is read from the store (the bus lost something). */
const GAP_WAIT_MS = 100;
/** Updates that arrived ahead of a gap, held until it fills; beyond this, read from the store. */
const MAX_EARLY = 256;

/**
 * One loaded room's link to the other processes serving it. The store numbers a room's updates
 * without gaps (Postgres: under the room's row lock), so the room knows which it has applied: the
 * bus delivers the others' batches in the fast case, and whatever it lost (Redis away, a message
 * dropped, this process subscribing late) is read from the store, the source of truth. Updates
 * are applied to the doc in the order of their numbers, as the store holds them.
 */
export class RoomLink {
	readonly seqs: AppliedSeqs;
	readonly #unsubscribe: () => void;
	/** Others' batches that came before one still missing, by their first number. */
	readonly #early = new Map<number, UpdateMessage>();
	#catching: Promise<void> | null = null;
	#again = false;
	#gapTimer: NodeJS.Timeout | null = null;
	#closed = false;

	constructor(
		readonly room: FleetRoom,
		private readonly bus: FleetBus,
		private readonly store: Pick<DocumentLog, 'updatesSince' | 'clientWriters'>,
		lastSeq: number,
		private readonly forget: () => void
	) {
		this.seqs = new AppliedSeqs(lastSeq);
		this.#unsubscribe = bus.subscribe(room.name, (message) => this.#receive(message));
		// Whatever was stored between the room's load and the subscription.
		void this.catchUp();
		// Who is here through the others, now rather than when each next renews.
		bus.publish(room.name, { kind: 'presenceQuery', origin: bus.processId });
	}

	/** This process stored a batch (numbers fromSeq…toSeq): the others hear of it. */
	stored(fromSeq: number, toSeq: number, update: Uint8Array, writers: ReadonlyMap<number, string>) {
		this.seqs.add(fromSeq, toSeq);
		this.bus.publish(this.room.name, {
			kind: 'update',
			origin: this.bus.processId,
			fromSeq,
			toSeq,
			update,
			writers: [...writers]
		});
		if (this.seqs.missing) this.#watchGap();
	}

	/** This process relayed an awareness batch to its clients: the others relay it to theirs. */
	publishAwareness(frame: Uint8Array): void {
		this.bus.publish(this.room.name, { kind: 'awareness', origin: this.bus.processId, frame });
	}

	/** The store's newest number for the room (from the fleet's poll): reads what is missing. */
	noteStoreSeq(newest: number): void {
		if (newest > this.seqs.through && !this.seqs.covers(this.seqs.through + 1, newest)) {
			void this.catchUp();
		}
	}

	/**
	 * Reads from the store everything after what the doc covers and applies it; one read at a
	 * time (a call while one runs reads again after it). Resolves once the doc covers what the
	 * store held when it was called.
	 */
	catchUp(): Promise<void> {
		if (this.#catching) {
			this.#again = true;
			return this.#catching;
		}
		this.#catching = this.#readTail()
			.catch((error: unknown) => {
				this.room.log.warn({ err: error }, 'could not catch up from the database; trying again');
			})
			.finally(() => {
				this.#catching = null;
				if (this.#again && !this.#closed) {
					this.#again = false;
					void this.catchUp();
				}
			});
		return this.#catching;
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		if (this.#gapTimer) clearTimeout(this.#gapTimer);
		this.#early.clear();
		this.#unsubscribe();
		this.forget();
	}

	#receive(message: FleetMessage): void {
		if (this.#closed || message.origin === this.bus.processId) return;
		if (message.kind === 'awareness') {
			this.room.relayFleetAwareness(message.frame);
			return;
		}
		if (message.kind === 'presenceQuery') {
			const present = this.room.localPresence();
			if (present) this.publishAwareness(present);
			return;
		}
		if (this.seqs.covers(message.fromSeq, message.toSeq)) return;
		if (message.fromSeq > this.seqs.through + 1) {
			// Something between is missing: hold this until it comes (or read it all).
			if (this.#early.size < MAX_EARLY) this.#early.set(message.fromSeq, message);
			this.#watchGap();
			return;
		}
		this.#apply(message);
		this.#drainEarly();
	}

	#apply(message: UpdateMessage): void {
		this.room.applyFromFleet(message.update, new Map(message.writers));
		this.seqs.add(message.fromSeq, message.toSeq);
	}

	/** Applies held batches that now follow on. */
	#drainEarly(): void {
		for (let next = this.#early.get(this.seqs.through + 1); next;) {
			this.#early.delete(next.fromSeq);
			this.#apply(next);
			next = this.#early.get(this.seqs.through + 1);
		}
		for (const [from, held] of this.#early) {
			if (this.seqs.covers(held.fromSeq, held.toSeq)) this.#early.delete(from);
		}
		if (!this.seqs.missing && this.#early.size === 0 && this.#gapTimer) {
			clearTimeout(this.#gapTimer);
			this.#gapTimer = null;
		}
	}

	/** A gap not filled by the bus within GAP_WAIT_MS is read from the store. */
	#watchGap(): void {
		if (this.#gapTimer || this.#closed) return;
		this.#gapTimer = setTimeout(() => {
			this.#gapTimer = null;
			if (this.seqs.missing || this.#early.size > 0) void this.catchUp();
		}, GAP_WAIT_MS);
		this.#gapTimer.unref();
	}

	async #readTail(): Promise<void> {
		const after = this.seqs.through;
		const tail = await this.store.updatesSince(this.room.name, after);
		if (this.#closed || tail.lastSeq <= after) return;
		const fresh: Uint8Array[] = tail.snapshot ? [tail.snapshot] : [];
		tail.updates.forEach((update, index) => {
			const seq = tail.updateSeqs[index]!;
			if (!this.seqs.covers(seq, seq)) fresh.push(update);
		});
		if (fresh.length > 0) {
			// Bindings made by the others' batches read here (the bus would have brought them).
			const writers = await this.store.clientWriters(this.room.name);
			if (this.#closed) return;
			this.room.applyFromFleet(fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh), writers);
		}
		this.seqs.add(after + 1, tail.lastSeq);
		this.#drainEarly();
	}
}
