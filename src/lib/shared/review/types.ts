import { z } from 'zod';

/** Longest message body, suggestion replacement or quote (UTF-16 code units). */
export const MAX_BODY = 10_000;
/** Longest display name. */
export const MAX_NAME = 80;
/** Longest id (thread, message, suggestion, per-browser author id). */
export const MAX_ID = 64;
/** Context kept on each side of an anchor's quote. */
export const CONTEXT_LENGTH = 32;
/** Longest stored state vector (about 8 bytes per client that ever edited the story). */
export const MAX_SEEN = 200_000;
/** Most messages read from one thread (any further ones are ignored). */
export const MAX_MESSAGES = 1_000;

const id = z
	.string()
	.regex(/^[A-Za-z0-9_-]+$/)
	.max(MAX_ID);
const timestamp = z.iso.datetime();
/** An encoded Y.RelativePosition, base64 (encodeRelativePosition output is tiny). */
const relativePosition = z
	.string()
	.regex(/^[A-Za-z0-9+/]+={0,2}$/)
	.max(256);

/** Who wrote something: a display name plus a stable per-browser id. */
export const authorSchema = z.object({
	id,
	name: z.string().trim().min(1).max(MAX_NAME)
});
export type Author = z.infer<typeof authorSchema>;

/** One message of a thread; the body is plain text. */
export const messageSchema = z.object({
	id,
	author: authorSchema,
	body: z.string().trim().min(1).max(MAX_BODY),
	createdAt: timestamp,
	/** Set when its author changed the body. */
	editedAt: timestamp.optional()
});
export type Message = z.infer<typeof messageSchema>;

/**
 * Where a thread or suggestion sits, as stored in `notes:<id>`: Yjs relative positions into the
 * story's "content" fragment (start sticks to the first quoted character, end to the last), the
 * quoted text when the anchor was made, some text either side of it, and what the document held
 * then — together enough to find words y-tiptap moved by re-creating them (split, join).
 */
export const storedAnchorSchema = z.object({
	start: relativePosition,
	end: relativePosition,
	quote: z.string().min(1).max(MAX_BODY),
	prefix: z.string().max(CONTEXT_LENGTH),
	suffix: z.string().max(CONTEXT_LENGTH),
	/** Yjs state vector (base64) when the anchor was made: which characters existed then. */
	seen: z
		.string()
		.regex(/^[A-Za-z0-9+/]*={0,2}$/)
		.max(MAX_SEEN)
});
export type StoredAnchor = z.infer<typeof storedAnchorSchema>;

export const threadStatusSchema = z.enum(['open', 'resolved']);
export type ThreadStatus = z.infer<typeof threadStatusSchema>;

/** A margin comment thread as stored (and validated on read). */
export const storedThreadSchema = z.object({
	id,
	status: threadStatusSchema,
	anchor: storedAnchorSchema,
	messages: z.array(messageSchema).max(MAX_MESSAGES),
	createdAt: timestamp
});
export type StoredThread = z.infer<typeof storedThreadSchema>;

/** What a suggestion can be stored as; `stale` is never stored, it is read off the text. */
export const storedSuggestionStatusSchema = z.enum(['open', 'accepted', 'rejected']);
export type StoredSuggestionStatus = z.infer<typeof storedSuggestionStatusSchema>;

/**
 * Where an insertion goes relative to its anchor. An anchor needs at least one character, so an
 * insertion anchors to a neighbouring character that it keeps: `end` inserts right after the
 * quote, `start` right before it (used at the very start of a block).
 */
export const insertAtSchema = z.enum(['start', 'end']);
export type InsertAt = z.infer<typeof insertAtSchema>;

/** Replacements are inline text: a suggestion never splits or adds paragraphs. */
const replacement = z
	.string()
	.max(MAX_BODY)
	.refine((text) => !/[\r\n\u2028\u2029]/.test(text), 'A replacement cannot contain line breaks');

/**
 * A proposed fix as stored: replace the anchored words (`anchor.quote`) by `replacement`, or,
 * with `insertAt`, insert `replacement` next to them and keep them.
 */
export const storedSuggestionSchema = z.object({
	id,
	status: storedSuggestionStatusSchema,
	anchor: storedAnchorSchema,
	replacement,
	insertAt: insertAtSchema.optional(),
	author: authorSchema,
	createdAt: timestamp,
	/** Who accepted or rejected it, and when. */
	decidedBy: authorSchema.optional(),
	decidedAt: timestamp.optional()
});
export type StoredSuggestion = z.infer<typeof storedSuggestionSchema>;

/** An anchor resolved against the current story, in UTF-16 offsets into its txt export. */
export interface ResolvedAnchor {
	start: number;
	end: number;
	/** The current text of [start, end), or the original quote when detached. */
	quote: string;
	/** The anchored words are gone; start === end is where they were, as near as known. */
	detached: boolean;
}

/** A thread as the API shows it. */
export interface Thread {
	id: string;
	status: ThreadStatus;
	anchor: ResolvedAnchor;
	messages: Message[];
}

export type SuggestionStatus = StoredSuggestionStatus | 'stale';

/** A suggestion as the API shows it; `stale` when its words changed (or vanished) under it. */
export interface Suggestion {
	id: string;
	status: SuggestionStatus;
	/** The range the replacement takes; start === end for an insertion. */
	start: number;
	end: number;
	/** The words it replaces ('' for an insertion). */
	original: string;
	replacement: string;
	author: Author;
	createdAt: string;
	decidedBy?: Author;
	decidedAt?: string;
	/** The anchored words are gone. */
	detached: boolean;
}

/**
 * Validates a stored thread read from the shared notes document (any client can write junk).
 * Malformed messages are dropped one by one; anything else malformed rejects the whole thread.
 */
export function parseThread(value: unknown): StoredThread | null {
	if (typeof value !== 'object' || value === null) return null;
	const raw = value as { messages?: unknown };
	const messages = Array.isArray(raw.messages)
		? raw.messages.slice(0, MAX_MESSAGES).flatMap((message) => {
				const parsed = messageSchema.safeParse(message);
				return parsed.success ? [parsed.data] : [];
			})
		: raw.messages;
	const parsed = storedThreadSchema.safeParse({ ...raw, messages });
	return parsed.success ? parsed.data : null;
}

/** Validates a stored suggestion read from the shared notes document. */
export function parseSuggestion(value: unknown): StoredSuggestion | null {
	const parsed = storedSuggestionSchema.safeParse(value);
	return parsed.success ? parsed.data : null;
}
