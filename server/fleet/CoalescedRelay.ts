import * as Y from 'yjs';
import { encodeUpdateMessage } from '../collab/messages';

/** Where a relayed frame goes: the room's connections at the moment it is sent. */
interface Receiver {
	send(frame: Uint8Array): void;
}

/** Longest an update waits for this process's batch to carry it. */
const MAX_HOLD_MS = 20;

/**
 * Relays other processes' updates to this process's clients. While this process has a batch of
 * the room's own on its way (`batchPending`), they wait for it and leave merged into its frames
 * (`take`; at most MAX_HOLD_MS); otherwise every update heard in one turn of the event loop
 * leaves as one frame. A process of a fleet hears every other process's group commits, and a
 * frame per commit per client made three processes send about 2.5 times the frames of one
 * (`npm run bench -- --nodes 3`).
 */
export class CoalescedRelay {
	#held: Uint8Array[] = [];
	#timer: NodeJS.Timeout | null = null;
	#immediate: NodeJS.Immediate | null = null;

	constructor(
		private readonly receivers: () => Iterable<Receiver>,
		private readonly batchPending: () => boolean = () => false
	) {}

	/** Holds an update (already applied to the room's doc) for the next frame. */
	push(update: Uint8Array): void {
		this.#held.push(update);
		if (this.#timer || this.#immediate) return;
		if (this.batchPending()) this.#timer = setTimeout(() => this.flush(), MAX_HOLD_MS);
		else this.#immediate = setImmediate(() => this.flush());
	}

	/** The updates held now, to send merged into another frame; they are no longer held. */
	take(): Uint8Array[] {
		this.#cancel();
		const held = this.#held;
		this.#held = [];
		return held;
	}

	/** Sends what is held now. */
	flush(): void {
		const updates = this.take();
		if (updates.length === 0) return;
		const frame = encodeUpdateMessage(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
		for (const receiver of this.receivers()) receiver.send(frame);
	}

	/** Drops what is held (the room closed). */
	dispose(): void {
		this.take();
	}

	#cancel(): void {
		if (this.#timer) clearTimeout(this.#timer);
		if (this.#immediate) clearImmediate(this.#immediate);
		this.#timer = this.#immediate = null;
	}
}
