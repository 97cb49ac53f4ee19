import * as Y from 'yjs';
import { encodeUpdateMessage } from '../collab/messages';

/** Where a relayed frame goes: the room's connections at the moment it is sent. */
interface Receiver {
	send(frame: Uint8Array): void;
}

/**
 * Relays other processes' updates to this process's clients, merged per turn of the event loop:
 * every batch read from the bus in one turn leaves as one frame per client. A process of a fleet
 * hears every other process's group commits, and a frame per commit per client made three
 * processes send 2.4 times the frames of one (`npm run bench -- --nodes 3`). Idle, it costs nothing;
 * under load, more batches arrive per turn and more are merged, with no added wait.
 */
export class CoalescedRelay {
	#pending: Uint8Array[] = [];
	#scheduled: NodeJS.Immediate | null = null;

	constructor(private readonly receivers: () => Iterable<Receiver>) {}

	/** Queues an update (already applied to the room's doc) for this turn's frame. */
	push(update: Uint8Array): void {
		this.#pending.push(update);
		this.#scheduled ??= setImmediate(() => this.flush());
	}

	/** Sends what is queued now. */
	flush(): void {
		if (this.#scheduled) clearImmediate(this.#scheduled);
		this.#scheduled = null;
		const updates = this.#pending;
		if (updates.length === 0) return;
		this.#pending = [];
		const frame = encodeUpdateMessage(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
		for (const receiver of this.receivers()) receiver.send(frame);
	}

	/** Drops what is queued (the room closed). */
	dispose(): void {
		if (this.#scheduled) clearImmediate(this.#scheduled);
		this.#scheduled = null;
		this.#pending = [];
	}
}
