import type { VersionKind } from '#shared/api/types';
import type { Role } from '#shared/protocol/roles';

export type { VersionKind };

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

/** A share link as stored: the token itself never is, only its SHA-256 (see auth/tokens). */
export interface LinkRecord {
	id: string;
	storyId: string;
	/** Checked by the reader (LinkService): a stored role it does not know grants nothing. */
	role: string;
	/** Who the link is for ('' on links made before names: named by role). */
	name: string;
	createdAt: string;
	expiresAt: string | null;
	revokedAt: string | null;
}

export interface NewLink extends Omit<LinkRecord, 'revokedAt' | 'role'> {
	role: Role;
	tokenHash: string;
}

/** A link as copied from another store: everything stored, revocation included. */
export type StoredLink = NewLink & { revokedAt: string | null };

/** What a revocation or update did: refused when it would leave the story without an owner link. */
export type LinkChange =
	{ ok: true; link: LinkRecord } | { ok: false; reason: 'not-found' | 'last-owner' };

/**
 * The catalog: stories with their titles, word counts and baselines, share links and versions.
 * Every method resolves once what it wrote is durable.
 */
export interface StoryCatalog {
	/** Stores the story, its first snapshot and version, and `links`, in one transaction. */
	createStory(story: NewStory, links?: readonly NewLink[]): Promise<void>;
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
	 * it did not exist. Its links stay, so their holders learn "deleted" rather than "bad link".
	 */
	deleteStory(id: string): Promise<boolean>;
	baselineText(id: string): Promise<string | null>;

	/** Stores links (e.g. one made on the Share dialog) in one transaction. */
	createLinks(links: readonly NewLink[]): Promise<void>;
	getLink(id: string): Promise<LinkRecord | null>;
	linkByTokenHash(tokenHash: string): Promise<LinkRecord | null>;
	/** Every link of the story, revoked and expired ones too, with its token hash (for copying). */
	storyLinks(storyId: string): Promise<StoredLink[]>;
	/** The story's working links (neither revoked nor expired at `now`), oldest first. */
	listLinks(storyId: string, now: string): Promise<LinkRecord[]>;
	/**
	 * Revokes a working link, unless it is the story's last working owner link: checked and
	 * written in one transaction, so two owners revoking each other's links cannot both succeed.
	 */
	revokeLink(storyId: string, linkId: string, now: string): Promise<LinkChange>;
	/** Changes a working link's role and name; refuses to downgrade the last working owner link. */
	updateLink(
		storyId: string,
		linkId: string,
		change: { role: Role; name: string },
		now: string
	): Promise<LinkChange>;

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
}
