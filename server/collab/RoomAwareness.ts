import { CloseCode } from '#shared/protocol/closeCodes';
import type { Connection } from './Connection';
import { encodeAwarenessMessage, type AwarenessEntry } from './messages';
import {
	checkAwarenessState,
	isRemoval,
	NULL_STATE,
	type AwarenessLimits,
	type AwarenessRefusal
} from './validateAwareness';

/**
 * How far ahead of the owner's clock a relayed state may be. Tabs of one browser forward each
 * other's awareness over a BroadcastChannel, racing the owner's own message by a few clocks; a
 * takeover has to outrun the owner's clock for good, so a lead beyond this is an attack.
 */
const MAX_RELAY_LEAD = 1_000;
/** Client ids one connection may publish: its own, plus a few other tabs it relays. */
const MAX_CLIENTS_PER_CONNECTION = 32;
/** Departed clients remembered (to tell stale echoes apart) before the oldest are forgotten. */
const MAX_REMEMBERED = 4_096;

/** A client's last known awareness: kept after it leaves, so stale echoes can be told apart. */
interface Presence extends AwarenessEntry {
	/** The connection that publishes this client; null once it left. */
	owner: Connection | null;
	/** The owner announced the id as its own rather than relaying it for another tab. */
	declared: boolean;
}

export type AwarenessOutcome =
	| {
			ok: true;
			/** To send back to the sender only (tells a returning client to bump its clock). */
			reply: Uint8Array | null;
			/** Owners found silent and replaced: close them. */
			evicted: Connection[];
	  }
	| ({ ok: false } & AwarenessRefusal);

type Decision = 'store' | 'evict' | 'adopt' | 'remind' | 'ignore' | 'refuse';

/**
 * The awareness states of one room, without y-protocols' Awareness class (which runs a timer per
 * instance and parses every state). States stay as the raw JSON bytes clients sent, and changes
 * are relayed in batches.
 *
 * Each client id belongs to one connection: the first to publish it, or the one that announces it
 * as its own (the single entry of a y-websocket client's first awareness message). Others may
 * not change it. They do send it, innocently: y-websocket clients echo every awareness update they
 * receive, time peers out on their own, and relay other tabs' states. So entries for another
 * connection's client are dropped unchanged, unless their clock runs so far ahead that only a
 * takeover attempt explains it (refused), or the owner has gone silent, e.g. a socket left
 * half-open by a laptop's sleep, whose client is back on a new one (the new one takes over).
 */
export class RoomAwareness {
	private readonly presences = new Map<number, Presence>();
	/** Changed client ids since the last batch, with the connection that changed them (null: server). */
	private changed: Map<number, Connection | null> | null = null;

	constructor(
		private readonly limits: AwarenessLimits,
		private readonly isSilent: (owner: Connection) => boolean,
		/** Whether a client id is present through another process of a fleet (see decide). */
		private readonly isElsewhere: (clientId: number) => boolean = () => false
	) {}

	/**
	 * Applies a decoded awareness update from `sender`, all of it or (when refused) none. `stamp`
	 * rewrites each state that will be stored (not the echoes of others' states every client
	 * sends back, which are dropped unread).
	 */
	apply(
		sender: Connection,
		entries: AwarenessEntry[],
		stamp: (entry: AwarenessEntry) => AwarenessEntry = (entry) => entry
	): AwarenessOutcome {
		const declaring = !sender.announced && entries.length === 1;
		const decisions: Decision[] = [];
		for (const entry of entries) {
			const decision = this.decide(sender, entry, declaring);
			if (decision === 'refuse') {
				return {
					ok: false,
					code: CloseCode.policyViolation,
					reason: `awareness client id ${entry.clientId} belongs to another connection`
				};
			}
			if (decision !== 'ignore' && decision !== 'remind' && this.changesState(entry)) {
				const refusal = checkAwarenessState(entry.state, this.limits);
				if (refusal) return { ok: false, ...refusal };
			}
			decisions.push(decision);
		}
		const claimed = decisions.filter((d) => d === 'store' || d === 'evict' || d === 'adopt');
		if (sender.clientIds.length + claimed.length > MAX_CLIENTS_PER_CONNECTION) {
			return {
				ok: false,
				code: CloseCode.policyViolation,
				reason: `more than ${MAX_CLIENTS_PER_CONNECTION} awareness client ids on one connection`
			};
		}
		sender.announced = true;

		const evicted: Connection[] = [];
		const reminders: AwarenessEntry[] = [];
		entries.forEach((entry, index) => {
			const decision = decisions[index]!;
			const presence = this.presences.get(entry.clientId);
			if (decision === 'ignore') return;
			if (decision === 'remind') {
				reminders.push({ clientId: entry.clientId, clock: presence!.clock, state: NULL_STATE });
				return;
			}
			if (decision === 'evict') evicted.push(presence!.owner!);
			this.store(sender, stamp(entry), presence, declaring);
		});
		return {
			ok: true,
			reply: reminders.length > 0 ? encodeAwarenessMessage(reminders, reminders.length) : null,
			evicted
		};
	}

	/** Marks every client published by `connection` as gone (the removal is relayed with the next batch). */
	removeConnection(connection: Connection): void {
		for (const clientId of connection.clientIds) {
			const presence = this.presences.get(clientId);
			if (presence?.owner !== connection) continue;
			presence.owner = null;
			presence.state = NULL_STATE;
			this.markChanged(clientId, null);
		}
		connection.clientIds.length = 0;
		this.forgetOldest();
	}

	/**
	 * Rewrites the states `connection` publishes with `rewrite` (its link was renamed or
	 * re-roled) and relays them with the next batch, so others see the change at once. The clock
	 * goes up by one, or clients would keep the state they have for that clock; the owner's
	 * client takes the stamped state as its own (y-protocols adopts a newer state of itself).
	 */
	restamp(connection: Connection, rewrite: (entry: AwarenessEntry) => AwarenessEntry): void {
		for (const clientId of connection.clientIds) {
			const presence = this.presences.get(clientId);
			if (presence?.owner !== connection || isRemoval(presence.state)) continue;
			presence.state = rewrite(presence).state;
			presence.clock += 1;
			this.markChanged(clientId, null);
		}
	}

	/** People present: clients with a state and a live connection. */
	count(): number {
		let present = 0;
		for (const presence of this.presences.values()) if (presence.owner) present++;
		return present;
	}

	/**
	 * Every present client's state, for a new connection or a query, with `elsewhere`'s (clients
	 * of other processes); null when nobody is here.
	 */
	snapshotMessage(elsewhere: readonly AwarenessEntry[] = []): Uint8Array | null {
		const present: AwarenessEntry[] = [...this.presences.values()].filter(
			(presence) => presence.owner !== null
		);
		// Clients present through other processes (a fleet), unless here now: this room's is newer.
		for (const entry of elsewhere) {
			if (!this.presences.get(entry.clientId)?.owner) present.push(entry);
		}
		return present.length > 0 ? encodeAwarenessMessage(present, present.length) : null;
	}

	get hasChanges(): boolean {
		return this.changed !== null;
	}

	discardChanges(): void {
		this.changed = null;
	}

	/**
	 * Takes the pending changes as frames: `common` for connections that changed nothing, and a
	 * frame without its own entries (or null) for each connection that did.
	 */
	takeBatch(): {
		common: Uint8Array;
		forSender: (connection: Connection) => Uint8Array | null;
	} | null {
		const changed = this.changed;
		this.changed = null;
		if (!changed) return null;
		const all: Presence[] = [];
		const bySender = new Map<Connection, Set<number>>();
		for (const [clientId, by] of changed) {
			all.push(this.presences.get(clientId)!);
			if (by) {
				let own = bySender.get(by);
				if (!own) bySender.set(by, (own = new Set()));
				own.add(clientId);
			}
		}
		const common = encodeAwarenessMessage(all, all.length);
		return {
			common,
			forSender: (connection) => {
				const own = bySender.get(connection);
				if (!own) return common;
				const others = all.filter((presence) => !own.has(presence.clientId));
				return others.length > 0 ? encodeAwarenessMessage(others, others.length) : null;
			}
		};
	}

	private decide(sender: Connection, entry: AwarenessEntry, declaring: boolean): Decision {
		const presence = this.presences.get(entry.clientId);
		if (!presence) {
			if (isRemoval(entry.state)) return 'ignore';
			// Someone on another process, relayed here and echoed back by this connection's
			// browser: theirs, not this connection's (storing it would bind their client id to
			// this link, and refuse their own edits). A client announcing its own id, moved here
			// from another process, takes it.
			if (!declaring && this.isElsewhere(entry.clientId)) return 'ignore';
			return 'store';
		}
		const { owner } = presence;
		if (owner && owner !== sender) {
			// Another user's presence is theirs: only a connection of the same link may take it over.
			if (sender.access && owner.access?.linkId !== sender.access.linkId) return 'ignore';
			// A tab announcing its own id takes it over from one that only relayed it.
			if (declaring && !presence.declared) return 'adopt';
			if (isRemoval(entry.state) || entry.clock <= presence.clock) return 'ignore';
			if (this.isSilent(owner)) return 'evict';
			return entry.clock - presence.clock > MAX_RELAY_LEAD ? 'refuse' : 'ignore';
		}
		if (entry.clock > presence.clock) return 'store';
		if (entry.clock === presence.clock) {
			// The owner withdrawing its state at the same clock is allowed, as in y-protocols.
			if (owner === sender && isRemoval(entry.state) && !isRemoval(presence.state)) return 'store';
			// A client back after a reconnect re-sends its old clock; answer "gone" at that clock and
			// y-protocols makes it re-publish with a higher one.
			if (!owner && !isRemoval(entry.state)) return 'remind';
		}
		return 'ignore';
	}

	/** True when storing `entry` would set a new (non-null) state. */
	private changesState(entry: AwarenessEntry): boolean {
		const presence = this.presences.get(entry.clientId);
		return !isRemoval(entry.state) && (!presence || entry.clock >= presence.clock);
	}

	/** Makes `sender` the owner of the entry's client and records its state if newer. */
	private store(
		sender: Connection,
		entry: AwarenessEntry,
		presence: Presence | undefined,
		declaring: boolean
	): void {
		const wasPresent = presence?.owner != null;
		if (!presence) {
			presence = { ...entry, state: NULL_STATE, clock: -1, owner: null, declared: false };
			this.presences.set(entry.clientId, presence);
		}
		if (presence.owner !== sender) {
			if (presence.owner) this.disown(presence.owner, entry.clientId);
			presence.owner = sender;
			presence.declared = false;
			sender.clientIds.push(entry.clientId);
		}
		presence.declared ||= declaring;
		if (entry.clock < presence.clock) return; // adopted, but what we have is newer
		if (entry.clock === presence.clock && !isRemoval(entry.state)) return;
		presence.clock = entry.clock;
		if (isRemoval(entry.state)) {
			this.disown(sender, entry.clientId);
			presence.owner = null;
			presence.state = NULL_STATE;
			if (wasPresent) this.markChanged(entry.clientId, sender);
			return;
		}
		// Keep our own copy: the entry is a view into the frame, which we would otherwise keep whole.
		presence.state = entry.state.slice();
		this.markChanged(entry.clientId, sender);
	}

	/** Drops the longest-known departed clients once there are too many (Maps iterate oldest first). */
	private forgetOldest(): void {
		if (this.presences.size <= MAX_REMEMBERED) return;
		for (const [clientId, presence] of this.presences) {
			if (this.presences.size <= MAX_REMEMBERED) break;
			if (!presence.owner && !this.changed?.has(clientId)) this.presences.delete(clientId);
		}
	}

	private disown(owner: Connection, clientId: number): void {
		const index = owner.clientIds.indexOf(clientId);
		if (index >= 0) owner.clientIds.splice(index, 1);
	}

	private markChanged(clientId: number, by: Connection | null): void {
		(this.changed ??= new Map()).set(clientId, by);
	}
}
