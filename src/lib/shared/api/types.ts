import type { Role } from '../protocol/roles';
import type { ResolvedAnchor, SuggestionStatus, ThreadStatus } from '../review/types';

// What Galley's HTTP API answers, defined once: the server's routes build these and the
// browser's API client (and tests) read them.

/** Every error: `{"error":{"code":"too_large","message":"…"}}`. */
export interface ApiErrorBody {
	error: { code: string; message: string };
}

/** A reader as their link names them (the server stamps it; the browser only shows it). */
export interface LinkIdentity {
	id: string;
	name: string;
	role: Role;
}

/** A story as listed. */
export interface StorySummary {
	id: string;
	title: string;
	words: number;
	createdAt: string;
	updatedAt: string;
	/** People in the story right now. */
	present: number;
	/** What this request's link to it may do (the most of the links it carries). */
	role?: Role;
	/** Who the link says this reader is (GET /api/stories/<id> only). */
	you?: LinkIdentity;
}

/** GET /api/stories: the stories the request holds a working link to, each with its role. */
export interface StoryListResponse {
	stories: Array<StorySummary & { role: Role }>;
}

/** One imported story in POST /api/stories's answer. */
export interface ImportedStory {
	id: string;
	title: string;
	url: string;
	/** Full share links (with their tokens) for each role. */
	links?: Record<Role, string>;
}

/** POST /api/stories (201). */
export interface ImportResponse {
	stories: ImportedStory[];
}

/** One link in GET …/links: without its secret (only hashes are stored). */
export interface ShareLink {
	id: string;
	role: Role;
	/** Who it is for: the name everyone sees of whoever opens it. */
	name: string;
	/** The story's address, without `?token=`. */
	url: string;
	expiresAt: string | null;
	/** The link this request came with. */
	you?: boolean;
}

/** GET …/links. */
export interface LinkListResponse {
	links: ShareLink[];
}

/** POST …/links (201): the only answer that carries the new link's secret, in `url`. */
export interface NewLinkResponse {
	id: string;
	name: string;
	url: string;
}

/** PATCH …/links/<linkId>. */
export interface LinkPatchResponse {
	id: string;
	role: Role;
	name: string;
}

// Review: scripts want the display name as `author`; the per-browser id that tells two people
// of the same name apart comes beside it as `authorId`.

export interface MessageJson {
	id: string;
	author: string;
	authorId: string;
	body: string;
	createdAt: string;
	editedAt?: string;
}

export interface ThreadJson {
	id: string;
	status: ThreadStatus;
	anchor: ResolvedAnchor;
	messages: MessageJson[];
	createdAt: string;
}

export interface SuggestionJson {
	id: string;
	status: SuggestionStatus;
	start: number;
	end: number;
	original: string;
	replacement: string;
	author: string;
	authorId: string;
	createdAt: string;
	decidedBy?: string;
	decidedAt?: string;
	detached: boolean;
}

/** POST …/comments, …/replies, …/suggestions (201). */
export interface CreatedResponse {
	id: string;
}

// History (issue 13): versions, compare, restore, authorship.

/** Why a version was made: on import, after a pause in editing, when the last person left, by hand, around a restore. */
export type VersionKind =
	| 'import'
	| 'auto'
	| 'unload'
	| 'named'
	| 'before-restore'
	| 'restore'
	| 'before-accept-all'
	| 'before-fix-all';

/** Bulk actions of the desk that save a version of the story before they change it. */
export const BULK_ACTIONS = ['accept-all', 'fix-all'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** A person in the history: `id` as in `you.id` and review `authorId`s; null for the original text. */
export interface HistoryAuthor {
	id: string | null;
	name: string;
}

/** One version as listed. */
export interface VersionSummary {
	id: string;
	createdAt: string;
	/** Null for automatic versions not named since. */
	name: string | null;
	kind: VersionKind;
	/** Who changed the text since the previous version. */
	authors: HistoryAuthor[];
	words: number;
	/** Words gained (negative: lost) since the previous version. */
	wordsDelta: number;
	/** Bytes the version takes in storage. */
	storedBytes: number;
}

/** GET …/versions: newest first. */
export interface VersionListResponse {
	versions: VersionSummary[];
}

/** GET …/versions/<vid>: the version with its txt export. */
export interface VersionResponse extends VersionSummary {
	text: string;
}

/** One change in GET …/diff: a run of text one person inserted or deleted. */
export interface DiffChange {
	type: 'insert' | 'delete';
	/** Offsets in the `to` text (insertions) or the `from` text (deletions), UTF-16. */
	start: number;
	end: number;
	text: string;
	/** Who (for a deletion whose deleter is not known: id null, name "unknown"). */
	author: HistoryAuthor;
	/** Where the change sits in the `to` text (insertions: `start`). */
	at: number;
}

/** GET …/diff?from=<vid|baseline>&to=<vid|current>. */
export interface DiffResponse {
	/** The version ids compared (`current` for the story now). */
	from: string;
	to: string;
	fromText: string;
	toText: string;
	/** In story order. */
	changes: DiffChange[];
	/** Per person: changes, characters inserted and deleted. */
	people: Array<HistoryAuthor & { changes: number; inserted: number; deleted: number }>;
}

/** POST …/versions/<vid>/restore: the versions made just before and by the restore. */
export interface RestoreResponse {
	restored: string;
	before: VersionSummary;
	version: VersionSummary;
}

/** GET …/authorship: who wrote each run of the txt export. */
export interface AuthorshipResponse {
	/** The txt export of the story now, which `ranges` cover. */
	text: string;
	/** Everyone with text in the story, with how many characters are theirs. */
	authors: Array<HistoryAuthor & { chars: number }>;
	/** Runs of the txt export (UTF-16 offsets); `author` indexes `authors`. */
	ranges: Array<{ start: number; end: number; author: number }>;
}
