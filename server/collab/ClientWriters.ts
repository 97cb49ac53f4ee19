import { CloseCode, type CloseCodeValue } from '#shared/protocol/closeCodes';
import type { Connection } from './Connection';

/** Why a connection may not write with a client id: another link's. */
export const CLIENT_ID_TAKEN = 'client id belongs to another user';

/**
 * How many Yjs client ids may start writing to a room. Every id stays in the room's state vector
 * for good (every joiner downloads it), and a browser makes one per page load, so an honest
 * person adds a handful a day; one update naming 200,000 would bloat the room for everyone.
 */
export const ClientIdLimits = {
	/** New ids in one update (an offline browser's sync may carry several earlier page loads'). */
	perUpdate: 64,
	/** New ids one connection may bring, over all its updates and presences. */
	perConnection: 256,
	/** Ids one link may hold in one room (years of daily page loads). */
	perLink: 20_000,
	/** Ids of all links in one room. */
	perRoom: 100_000
} as const;

/**
 * Which link each Yjs client id of a room belongs to: the first link that wrote with it, or whose
 * connection first showed it in presence. Only that link may write with it afterwards, so nobody
 * can poison another person's offline edits by writing under their id first (the server's state
 * vector would then claim to have those edits, and the owner's real ones would be dropped).
 */
export class ClientWriters {
	readonly #writers: Map<number, string>;
	readonly #perLink = new Map<string, number>();
	readonly #perConnection = new WeakMap<Connection, number>();
	#unsaved: Map<number, string> | null = null;

	/** `stored`: the bindings saved with the room. */
	constructor(stored: Map<number, string>) {
		this.#writers = stored;
		for (const writer of stored.values()) {
			this.#perLink.set(writer, (this.#perLink.get(writer) ?? 0) + 1);
		}
	}

	/** Why `writer`'s connection may not write with these client ids, or null. */
	refusal(
		connection: Connection,
		writer: string,
		clients: Iterable<number>
	): { code: CloseCodeValue; reason: string } | null {
		let fresh = 0;
		for (const client of clients) {
			const owner = this.#writers.get(client);
			if (owner === undefined) fresh++;
			else if (owner !== writer) {
				return { code: CloseCode.forbidden, reason: CLIENT_ID_TAKEN };
			}
		}
		if (fresh === 0) return null;
		const cap = (reason: string) => ({ code: CloseCode.policyViolation, reason });
		if (fresh > ClientIdLimits.perUpdate) {
			return cap(`more than ${ClientIdLimits.perUpdate} new client ids in one update`);
		}
		if ((this.#perConnection.get(connection) ?? 0) + fresh > ClientIdLimits.perConnection) {
			return cap(`more than ${ClientIdLimits.perConnection} new client ids on one connection`);
		}
		if ((this.#perLink.get(writer) ?? 0) + fresh > ClientIdLimits.perLink) {
			return cap(`more than ${ClientIdLimits.perLink} client ids for one link in this story`);
		}
		if (this.#writers.size + fresh > ClientIdLimits.perRoom) {
			return cap(`more than ${ClientIdLimits.perRoom} client ids in this story`);
		}
		return null;
	}

	/** Binds the ids not bound yet to `writer` (call after `refusal` said yes); true if any was new. */
	bind(connection: Connection, writer: string, clients: Iterable<number>): boolean {
		let fresh = 0;
		for (const client of clients) {
			if (this.#writers.has(client)) continue;
			this.#writers.set(client, writer);
			(this.#unsaved ??= new Map()).set(client, writer);
			fresh++;
		}
		if (fresh === 0) return false;
		this.#perConnection.set(connection, (this.#perConnection.get(connection) ?? 0) + fresh);
		this.#perLink.set(writer, (this.#perLink.get(writer) ?? 0) + fresh);
		return true;
	}

	/** The writer a client id is bound to, if any. */
	writerOf(client: number): string | undefined {
		return this.#writers.get(client);
	}

	/**
	 * Binds the fresh client id of a change the server makes on a writer's behalf (a restore), so
	 * the text it writes is theirs. Saved with that change.
	 */
	bindForServer(client: number, writer: string): void {
		if (this.#writers.has(client)) return;
		this.#writers.set(client, writer);
		(this.#unsaved ??= new Map()).set(client, writer);
		this.#perLink.set(writer, (this.#perLink.get(writer) ?? 0) + 1);
	}

	/**
	 * Bindings another process stored (the store keeps the first binder of an id, so its word
	 * wins over one this process made and has not stored yet).
	 */
	learn(stored: ReadonlyMap<number, string>): void {
		for (const [client, writer] of stored) {
			const known = this.#writers.get(client);
			if (known === writer) continue;
			if (known !== undefined) {
				this.#perLink.set(known, Math.max(0, (this.#perLink.get(known) ?? 1) - 1));
				this.#unsaved?.delete(client);
			}
			this.#writers.set(client, writer);
			this.#perLink.set(writer, (this.#perLink.get(writer) ?? 0) + 1);
		}
	}

	/** Bindings made since the last call, to be stored. */
	takeUnsaved(): ReadonlyMap<number, string> | undefined {
		const taken = this.#unsaved ?? undefined;
		this.#unsaved = null;
		return taken;
	}
}
