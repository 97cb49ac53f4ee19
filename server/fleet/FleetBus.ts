/**
 * What one Galley process tells the others about a room. Updates carry the sequence numbers the
 * store gave them, so a process can tell a missed message from a late one and catch up from the
 * store (the source of truth); the bus itself may lose messages.
 */
export type FleetMessage =
	| {
			kind: 'update';
			/** The process that accepted and stored it (its own messages come back: ignored). */
			origin: string;
			/** The store's sequence numbers of the updates merged here, first and last. */
			fromSeq: number;
			toSeq: number;
			update: Uint8Array;
			/** Client ids bound to a writer by this batch: the other processes refuse them to others. */
			writers: ReadonlyArray<readonly [number, string]>;
	  }
	| {
			kind: 'awareness';
			origin: string;
			/** An awareness frame as relayed to clients (y-websocket's message, type byte first). */
			frame: Uint8Array;
	  }
	/** A process opened the room: the others answer with their clients' presence (as 'awareness'). */
	| { kind: 'presenceQuery'; origin: string };

/** The bus's state for `/healthz`: rooms keep working while it is down, only slower. */
export type BusStatus = { ok: true } | { ok: false; reason: string };

/** How the processes of a fleet reach each other (Redis pub/sub; see RedisBus). */
export interface FleetBus {
	/** This process's id, different on every start. */
	readonly processId: string;
	/** Listens to a room's messages (others' and this process's own); returns the unsubscribe. */
	subscribe(room: string, listener: (message: FleetMessage) => void): () => void;
	/** Sends to every process listening to the room; never throws (a lost message is caught up). */
	publish(room: string, message: FleetMessage): void;
	/** Listens to messages about the fleet as a whole (limits), not a room; returns the unsubscribe. */
	subscribeFleet(listener: (bytes: Uint8Array) => void): () => void;
	/** Sends to every process (this one included); dropped while the bus is down. */
	publishFleet(bytes: Uint8Array): void;
	status(): BusStatus;
	/** Called when the bus comes back after being down (rooms check for what they missed). */
	onReconnect(listener: () => void): void;
	close(): Promise<void>;
}
