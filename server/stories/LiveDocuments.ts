import type * as Y from 'yjs';

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
	readState(room: string): Promise<Uint8Array[]>;
	/** People in the room now. */
	presence(room: string): number;
	/** Disconnects everyone from the room and forgets it without saving. */
	dropRoom(room: string): Promise<void>;
}
