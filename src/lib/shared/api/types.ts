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
