import { decodeClientMessage, type AwarenessEntry } from '../collab/messages';
import { decodeAwarenessUpdate, isRemoval } from '../collab/validateAwareness';

/**
 * How long another process's client stays present without news. y-protocols clients renew their
 * state every 15 s and time peers out after 30 s; a process killed without saying goodbye takes
 * its clients' presence with it within this.
 */
const FORGET_AFTER_MS = 30_000;
/** Others' clients remembered per room at most (the processes are trusted, but bounded all the same). */
const MAX_ENTRIES = 4_096;

interface SeenEntry extends AwarenessEntry {
	seenAt: number;
}

/**
 * Who is present in a room through the other processes of the fleet, as their awareness batches
 * said. Those batches are relayed as they come; this keeps their latest states so someone joining
 * on this process sees everyone at once, not when each next renews (up to 15 s later).
 */
export class FleetPresence {
	readonly #entries = new Map<number, SeenEntry>();

	constructor(private readonly now: () => number = Date.now) {}

	/** Takes note of an awareness frame another process relayed. */
	note(frame: Uint8Array): void {
		const message = decodeClientMessage(frame);
		if (message.kind !== 'awareness') return;
		const decoded = decodeAwarenessUpdate(message.payload);
		if (!decoded.ok) return;
		const seenAt = this.now();
		for (const entry of decoded.entries) {
			const known = this.#entries.get(entry.clientId);
			if (known && entry.clock < known.clock) continue;
			this.#entries.delete(entry.clientId);
			if (isRemoval(entry.state)) continue;
			if (this.#entries.size >= MAX_ENTRIES) this.#forgetOldest();
			this.#entries.set(entry.clientId, { ...entry, seenAt });
		}
	}

	/** Whether a client is present through another process now. */
	has(clientId: number): boolean {
		const entry = this.#entries.get(clientId);
		return entry !== undefined && entry.seenAt >= this.now() - FORGET_AFTER_MS;
	}

	/** The other processes' clients present now, oldest news first. */
	present(): AwarenessEntry[] {
		const horizon = this.now() - FORGET_AFTER_MS;
		const present: AwarenessEntry[] = [];
		for (const [clientId, entry] of this.#entries) {
			if (entry.seenAt < horizon) this.#entries.delete(clientId);
			else present.push({ clientId, clock: entry.clock, state: entry.state });
		}
		return present;
	}

	#forgetOldest(): void {
		const oldest = this.#entries.keys().next();
		if (!oldest.done) this.#entries.delete(oldest.value);
	}
}
