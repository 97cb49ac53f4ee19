import type * as Y from 'yjs';

/**
 * What the story service needs from wherever documents live: the collaboration server when it
 * runs (rooms may be loaded and ahead of storage), or storage alone in the CLI.
 */
export interface LiveDocuments {
	/** A copy of the room's current state. */
	readDocument(room: string): Promise<Y.Doc>;
	/** People in the room now. */
	presence(room: string): number;
	/** Disconnects everyone from the room and forgets it without saving. */
	dropRoom(room: string): Promise<void>;
}
