/** A story as the library lists it. Timestamps are ISO 8601 strings. */
export interface StoryRecord {
	id: string;
	title: string;
	words: number;
	createdAt: string;
	updatedAt: string;
}

/** What an edit changed about a story as the library lists it. */
export interface StoryEdit {
	id: string;
	words: number;
	updatedAt: string;
}

export interface NewStory {
	id: string;
	title: string;
	/** Full Yjs state of `story:<id>` as imported (also stored as its first version, kind `import`). */
	initialState: Uint8Array;
	/** The decoded, LF-normalised text the story was first imported with (the review baseline). */
	baselineText: string;
	words: number;
}

/** One stored row of a room that does not read back as written: kept aside, never overwritten. */
export interface DamagedRow {
	kind: 'snapshot' | 'update';
	/** The update's sequence number; null for the snapshot. */
	seq: number | null;
	/** What is wrong with it, for the log, the quarantine table and `galley check`. */
	reason: string;
}

import type { VersionKind } from '#shared/api/types';

export type { VersionKind };

/** A version as listed: everything but its state. */
export interface VersionRecord {
	id: string;
	storyId: string;
	createdAt: string;
	/** Null for versions made automatically and not named since. */
	name: string | null;
	kind: VersionKind;
	/** The writers (link ids, `admin`) who changed the text since the previous version. */
	authors: string[];
	words: number;
	/** Words gained (or lost, negative) since the previous version. */
	wordsDelta: number;
	/** Bytes of the Yjs state as stored (compressed). */
	storedBytes: number;
}

export interface NewVersion extends Omit<VersionRecord, 'storedBytes'> {
	/**
	 * The story's full Yjs state then, as an update in Yjs's V2 encoding
	 * (`Y.encodeStateAsUpdateV2`: about half the bytes of V1 once compressed, as fast to apply).
	 */
	state: Uint8Array;
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
	/** The sequence number of each of `updates`, in the same order. */
	updateSeqs: number[];
	/** Sequence number of the last update in `updates` (0 when none); pass to `compact`. */
	lastSeq: number;
	/** Yjs client id → the writer (link) that first wrote with it in this room. */
	writers: Map<number, string>;
	/** Rows whose bytes no longer match the checksum stored with them (the store checks on load). */
	damaged: DamagedRow[];
}

/**
 * Durable storage for stories and their Yjs documents. Every method resolves only once the
 * data is durable, so a caller may broadcast an update as soon as `appendUpdates` resolves.
 * Async so that a networked database (Postgres) can stand behind the same interface.
 */
export interface DocumentStore {
	createStory(story: NewStory): Promise<void>;
	listStories(): Promise<StoryRecord[]>;
	getStory(id: string): Promise<StoryRecord | null>;
	/** Patch title and/or word count and/or updatedAt; false when the story does not exist. */
	updateStory(
		id: string,
		patch: Partial<Pick<StoryRecord, 'title' | 'words' | 'updatedAt'>>
	): Promise<boolean>;
	/** Records word counts and edit times of many stories in one durable transaction. */
	recordEdits(edits: StoryEdit[]): Promise<void>;
	/**
	 * Removes the story with every document, update, version and deletion of its rooms; false when
	 * it did not exist.
	 */
	deleteStory(id: string): Promise<boolean>;
	baselineText(id: string): Promise<string | null>;

	loadDocument(room: string): Promise<StoredDocument>;
	/**
	 * Appends updates to a room's log in one durable transaction, with the client ids they bound
	 * to a writer for the first time (an existing binding is never replaced).
	 */
	appendUpdates(
		room: string,
		updates: Uint8Array[],
		writers?: ReadonlyMap<number, string>,
		deletions?: readonly DeletionRecord[]
	): Promise<void>;
	/** Every deletion logged for the room, oldest first. */
	deletionLog(room: string): Promise<DeletionRecord[]>;
	/** Yjs client id → the writer bound to it in the room (see `appendUpdates`). */
	clientWriters(room: string): Promise<Map<number, string>>;

	/** Stores a version (its id is new); resolves with it as listed. */
	addVersion(version: NewVersion): Promise<VersionRecord>;
	/** The story's versions, newest first, without their states. */
	listVersions(storyId: string): Promise<VersionRecord[]>;
	/** One version with its state (V2, see NewVersion); null when the story has no such version. */
	getVersion(
		storyId: string,
		versionId: string
	): Promise<(VersionRecord & { state: Uint8Array }) | null>;
	/** Names (or, with null, unnames) a version; null when the story has no such version. */
	renameVersion(
		storyId: string,
		versionId: string,
		name: string | null
	): Promise<VersionRecord | null>;
	/** Drops versions (thinning); unknown ids are ignored. */
	deleteVersions(storyId: string, versionIds: readonly string[]): Promise<void>;
	/** Replaces the snapshot and drops logged updates with seq <= upToSeq, atomically. */
	compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
	/**
	 * Copies damaged rows of a room (with why and when) to the quarantine, where they are kept
	 * for good; the rows themselves stay where they are. Copying the same row again is a no-op.
	 */
	quarantine(room: string, rows: readonly DamagedRow[]): Promise<void>;
	/** Writes a few bytes durably, to learn whether writing works again (throws when not). */
	probeWrite(): Promise<void>;
	/** True when the database answers a trivial query. */
	ping(): Promise<boolean>;
	close(): Promise<void>;
}
