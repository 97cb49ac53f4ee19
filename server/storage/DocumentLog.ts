/** One stored row of a room that does not read back as written: kept aside, never overwritten. */
export interface DamagedRow {
	kind: 'snapshot' | 'update';
	/** The update's sequence number; null for the snapshot. */
	seq: number | null;
	/** What is wrong with it, for the log, the quarantine table and `galley check`. */
	reason: string;
}

/** Who deleted what: one writer's delete set (see encodeDeleteSet), in the order written. */
export interface DeletionRecord {
	writer: string;
	deleteSet: Uint8Array;
}

/** What a room needs to rebuild its document: the last snapshot plus the updates logged after it. */
export interface StoredDocument {
	snapshot: Uint8Array | null;
	updates: Uint8Array[];
	/** The sequence number of each of `updates`, in the same order (increasing). */
	updateSeqs: number[];
	/**
	 * The newest sequence number the room's state covers: its last update's, or (none logged
	 * since) the snapshot's; 0 for a new room. Pass to `compact`.
	 */
	lastSeq: number;
	/** Yjs client id → the writer (link) that first wrote with it in this room. */
	writers: Map<number, string>;
	/** Rows whose bytes no longer match the checksum stored with them (the store checks on load). */
	damaged: DamagedRow[];
}

/**
 * An append that would bind a client id already bound to another writer (by another process, a
 * moment before): nothing of it was stored. `bound` holds the bindings as they stand for its ids.
 */
export class WriterConflictError extends Error {
	constructor(
		readonly room: string,
		readonly bound: ReadonlyMap<number, string>
	) {
		super(`${room}: client ids already belong to another writer: ${[...bound.keys()].join(', ')}`);
		this.name = 'WriterConflictError';
	}
}

/** What a room's log holds after a sequence number: for a process catching up with others. */
export interface LogTail {
	/**
	 * The room's snapshot when it covers updates after the sequence number asked for that the log
	 * no longer holds (another process compacted them away); null otherwise.
	 */
	snapshot: Uint8Array | null;
	/** The logged updates after the sequence number asked for (or after the snapshot), in order. */
	updates: Uint8Array[];
	updateSeqs: number[];
	/** The newest sequence number the tail covers (the one asked for when nothing is newer). */
	lastSeq: number;
}

/**
 * The document log: per room, a snapshot plus the updates logged after it, each with a sequence
 * number that grows with every append (in commit order, within a room), and the room's client id
 * → writer bindings. Every write resolves once it is durable, so a caller may broadcast an update
 * as soon as `appendUpdates` resolves.
 */
export interface DocumentLog {
	loadDocument(room: string): Promise<StoredDocument>;
	/**
	 * Appends updates to a room's log in one durable transaction, with the client ids they bound
	 * to a writer for the first time. An existing binding is never replaced: when one of those ids
	 * is bound to another writer already, nothing is stored and it rejects with
	 * WriterConflictError (the first binder wins, even against a concurrent append). Resolves
	 * with the sequence number of the last update appended (0 when there was none).
	 */
	appendUpdates(
		room: string,
		updates: Uint8Array[],
		writers?: ReadonlyMap<number, string>,
		deletions?: readonly DeletionRecord[]
	): Promise<number>;
	/**
	 * Binds client ids to writers where they are not bound yet (never replacing a binding, also
	 * against a concurrent binder) and resolves with the bindings as they now stand for those ids.
	 */
	bindWriters(room: string, writers: ReadonlyMap<number, string>): Promise<Map<number, string>>;
	/**
	 * What was logged after `afterSeq` (see LogTail); throws when a row read is damaged (a full
	 * load finds and quarantines it).
	 */
	updatesSince(room: string, afterSeq: number): Promise<LogTail>;
	/** The newest sequence number of each room asked for that has any (others are left out). */
	lastSeqs(rooms: readonly string[]): Promise<Map<string, number>>;
	/** Every deletion logged for the room, oldest first. */
	deletionLog(room: string): Promise<DeletionRecord[]>;
	/** Yjs client id → the writer bound to it in the room (see `appendUpdates`). */
	clientWriters(room: string): Promise<Map<number, string>>;
	/**
	 * Replaces the snapshot with one covering every update up to `upToSeq` and drops those
	 * updates, atomically. A snapshot covering less than the stored one is ignored: compaction
	 * never replaces a snapshot with older state.
	 */
	compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
	/**
	 * Copies damaged rows of a room (with why and when) to the quarantine, where they are kept
	 * for good; the rows themselves stay where they are. Copying the same row again is a no-op.
	 */
	quarantine(room: string, rows: readonly DamagedRow[]): Promise<void>;
}
