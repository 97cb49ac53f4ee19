import type * as Y from 'yjs';
import type { ReviewWriteBudget } from '../review/ReviewWriteBudget';
import type { DocumentStore } from '../storage/DocumentStore';
import type { AwarenessLimits } from './validateAwareness';
import type { Fleet } from '../fleet/Fleet';

/** Tunables shared by every room. */
export interface RoomSettings {
	unloadAfterMs: number;
	compactAfterUpdates: number;
	/** Awareness changes are relayed in batches this far apart (clients echo each one back). */
	awarenessBatchMs: number;
	/** onDocumentChanged is called at most this often per room. */
	notifyAfterMs: number;
	/** An awareness owner silent this long may be replaced by a new connection of the same client. */
	silentAfterMs: number;
	awarenessLimits: AwarenessLimits;
	/** MAX_STORY_BYTES: the text a story may grow to through edits (Infinity: no limit). */
	maxStoryBytes: number;
	/** A story gets an automatic version this long after its last edit, and on unload (0: never). */
	versionPauseMs: number;
}

/** What a room needs from the server that holds it. */
export interface RoomContext {
	store: DocumentStore;
	settings: RoomSettings;
	onDocumentChanged?: (room: string, doc: Y.Doc) => void;
	/** Comments, replies and suggestions per link per minute, shared with the API (none: unlimited). */
	reviewWrites?: ReviewWriteBudget;
	/** The processes sharing rooms with this one (REDIS_URL); absent when it is alone. */
	fleet?: Fleet;
	/** Connections to a room on the fleet's other processes (see FleetCounts). */
	connectionsElsewhere?: (room: string) => number;
	/** The room has been empty for unloadAfterMs (or cannot go on): unload it if still the live one. */
	requestUnload(room: { readonly name: string }): void;
}

/** The room unloaded or was dropped between being looked up and used: look it up again. */
export class RoomClosedError extends Error {
	constructor(room: string) {
		super(`room ${room} is closed`);
		this.name = 'RoomClosedError';
	}
}
