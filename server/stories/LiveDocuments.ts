import type * as Y from 'yjs';

/** A room's state as updates to apply in order, and which point of its log that is. */
export interface DocumentState {
	parts: Uint8Array[];
	/**
	 * The log's sequence number the state is exactly (every update up to it, none after), when
	 * known: equal numbers of a room mean equal content on every process of a fleet, however the
	 * bytes were put together. Null when the room cannot say (others' updates applied out of
	 * order while a gap is being filled).
	 */
	seq: number | null;
}

/**
 * What the story service needs from wherever documents live: the collaboration server when it
 * runs (rooms may be loaded and ahead of storage), or storage alone in the CLI.
 */
export interface LiveDocuments {
	/** A copy of the room's current state. */
	readDocument(room: string): Promise<Y.Doc>;
	/**
	 * The room's current state as Yjs updates to apply in order, decoded nowhere on this thread:
	 * the live room's state when it is loaded, else its stored snapshot and log as they are (a
	 * worker builds the doc). Throws DamagedDocumentError when the store knows a row is damaged.
	 */
	readState(room: string): Promise<DocumentState>;
	/** People in the room now. */
	presence(room: string): number;
	/** Disconnects everyone from the room and forgets it without saving. */
	dropRoom(room: string): Promise<void>;
}
