import type pino from 'pino';
import { z } from 'zod';
import type { AddressLimits } from '../auth/AddressLimits';
import type { KeyedBuckets } from '../auth/TokenBucket';
import type { FleetBus } from './FleetBus';

/** Spends are sent to the other processes this often (what they learn lags by at most this). */
const SHARE_MS = 200;
/** Counts (open WebSockets, people present) are sent at least this often, forgotten when older than STALE_MS. */
const OPEN_COUNTS_MS = 1_000;
const STALE_MS = 3_000;
/** Entries of one message at most (beyond, the rest waits for the next round). */
const MAX_ENTRIES = 5_000;

const CountsMessage = z.object({
	origin: z.string().max(64),
	/** [limit, key, amount]: what was spent on the origin since its last message. */
	spends: z
		.array(z.tuple([z.string().max(64), z.string().max(512), z.number().positive()]))
		.max(MAX_ENTRIES),
	/** [address, count]: WebSockets open on the origin now (all of them, when present). */
	open: z
		.array(z.tuple([z.string().max(512), z.number().int().positive()]))
		.max(MAX_ENTRIES)
		.optional(),
	/** [room, people]: people present in the origin's rooms now (all of them, when present). */
	present: z
		.array(z.tuple([z.string().max(128), z.number().int().positive()]))
		.max(MAX_ENTRIES)
		.optional(),
	/** [room, connections]: connections to the origin's rooms now (all of them, when present). */
	connected: z
		.array(z.tuple([z.string().max(128), z.number().int().positive()]))
		.max(MAX_ENTRIES)
		.optional()
});
type CountsMessage = z.infer<typeof CountsMessage>;

/**
 * What each process counts and the others need to know, over the fleet's channel.
 *
 * Rate limits and caps hold across the fleet, not per process: each process keeps its own
 * buckets (checked without a round trip) and tells the others what it spent, a few times a
 * second, so every process charges every key for the whole fleet's use. A burst spread over N
 * processes at the same instant gets through up to N times before they hear of each other; past
 * that first fifth of a second, the fleet's sustained rate is the configured one. WebSocket
 * counts per address are summed the same way, and so are the people present per story (the
 * library's count).
 */
export class FleetCounts {
	readonly #limits = new Map<string, KeyedBuckets>();
	readonly #pending = new Map<string, Map<string, number>>();
	/** Others' open WebSockets per address. */
	readonly #openElsewhere = new ReportedCounts();
	#openCounts: () => ReadonlyMap<string, number> = () => new Map();
	/** Others' people present per room. */
	readonly #presentElsewhere = new ReportedCounts();
	#presentCounts: () => Array<[string, number]> = () => [];
	/** Others' connections per room (a room's batching pace counts them). */
	readonly #connectedElsewhere = new ReportedCounts();
	#connectedCounts: () => Array<[string, number]> = () => [];
	#lastOpenSent = 0;
	#openChanged = true;
	readonly #timer: NodeJS.Timeout;
	readonly #unsubscribe: () => void;

	constructor(
		private readonly bus: FleetBus,
		private readonly log: pino.Logger
	) {
		this.#unsubscribe = bus.subscribeFleet((bytes) => this.#receive(bytes));
		this.#timer = setInterval(() => this.#send(), SHARE_MS);
		this.#timer.unref();
	}

	/** Shares one kind of limit (the same name on every process) with the fleet. */
	share(name: string, buckets: KeyedBuckets): void {
		this.#limits.set(name, buckets);
		buckets.onSpend = (key, amount) => {
			let spends = this.#pending.get(name);
			if (!spends) this.#pending.set(name, (spends = new Map()));
			spends.set(key, (spends.get(key) ?? 0) + amount);
		};
	}

	/** Shares an address's failed tokens and open WebSockets. */
	shareAddressLimits(limits: AddressLimits): void {
		this.share('token-failures', limits.tokenFailures);
		this.#openCounts = () => limits.openCounts();
		limits.openElsewhere = (address) => this.#openOn(address);
		limits.onOpenChange = () => (this.#openChanged = true);
	}

	/**
	 * Shares the people present in this process's rooms and their connections (each: the rooms
	 * with any).
	 */
	sharePresence(present: () => Array<[string, number]>, connected: () => Array<[string, number]>) {
		this.#presentCounts = present;
		this.#connectedCounts = connected;
	}

	/** People present in a room on the other processes. */
	presentElsewhere(room: string): number {
		return this.#presentElsewhere.sum(room);
	}

	/** Connections to a room on the other processes. */
	connectedElsewhere(room: string): number {
		return this.#connectedElsewhere.sum(room);
	}

	close(): void {
		clearInterval(this.#timer);
		this.#unsubscribe();
	}

	#openOn(address: string): number {
		return this.#openElsewhere.sum(address);
	}

	#send(): void {
		const spends: CountsMessage['spends'] = [];
		for (const [name, byKey] of this.#pending) {
			for (const [key, amount] of byKey) {
				if (spends.length === MAX_ENTRIES) break;
				spends.push([name, key, amount]);
				byKey.delete(key);
			}
			if (byKey.size === 0) this.#pending.delete(name);
		}
		const now = Date.now();
		const sendCounts = this.#openChanged || now - this.#lastOpenSent >= OPEN_COUNTS_MS;
		if (spends.length === 0 && !sendCounts) return;
		const message: CountsMessage = { origin: this.bus.processId, spends };
		if (sendCounts) {
			message.open = [...this.#openCounts()].slice(0, MAX_ENTRIES);
			message.present = this.#presentCounts().slice(0, MAX_ENTRIES);
			message.connected = this.#connectedCounts().slice(0, MAX_ENTRIES);
			this.#lastOpenSent = now;
			this.#openChanged = false;
		}
		this.bus.publishFleet(new TextEncoder().encode(JSON.stringify(message)));
	}

	#receive(bytes: Uint8Array): void {
		let message: CountsMessage;
		try {
			message = CountsMessage.parse(JSON.parse(new TextDecoder().decode(bytes)));
		} catch {
			this.log.warn('ignored a message on the fleet channel that is not a counts message');
			return;
		}
		if (message.origin === this.bus.processId) return;
		for (const [name, key, amount] of message.spends) this.#limits.get(name)?.charge(key, amount);
		if (message.open) this.#openElsewhere.set(message.origin, message.open);
		if (message.present) this.#presentElsewhere.set(message.origin, message.present);
		if (message.connected) this.#connectedElsewhere.set(message.origin, message.connected);
	}
}

/** Counts by key as each other process last reported them; a process silent for STALE_MS is forgotten. */
class ReportedCounts {
	readonly #byProcess = new Map<string, { at: number; counts: Map<string, number> }>();

	set(origin: string, entries: ReadonlyArray<readonly [string, number]>): void {
		this.#byProcess.set(origin, { at: Date.now(), counts: new Map(entries) });
	}

	/** `key`'s count summed over the processes heard from lately. */
	sum(key: string): number {
		const now = Date.now();
		let sum = 0;
		for (const [origin, known] of this.#byProcess) {
			if (now - known.at > STALE_MS) this.#byProcess.delete(origin);
			else sum += known.counts.get(key) ?? 0;
		}
		return sum;
	}
}
