import { z } from 'zod';
import { MAX_BODY, MAX_ID, MAX_NAME, type Author } from '#shared/review/types';
import { authorFromName } from './apiAuthor';

// The bodies the review API accepts. Every message is written to follow the field's name
// (see parseBody), so a 400 says exactly which field is wrong and why.

/** A request once the server has settled who writes it (see writerOf). */
type WithAuthor<T> = Omit<T, 'author'> & { author: Author };

const offset = z.int({ error: 'must be an integer (a UTF-16 offset into the txt export)' });

const name = z
	.string({ error: 'must be a string' })
	.trim()
	.min(1, 'must not be empty')
	.max(MAX_NAME, `must be at most ${MAX_NAME} characters`);

/**
 * `"author": "Ana"` (a display name; the id is derived from it) or `{"id","name"}` with a
 * browser's author id, to write as that person.
 */
const author = z
	.preprocess(
		(value) => (typeof value === 'string' ? { name: value } : value),
		z.object(
			{
				id: z
					.string({ error: 'must be a string' })
					.regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, digits, "_" and "-"')
					.max(MAX_ID, `must be at most ${MAX_ID} characters`)
					.optional(),
				name
			},
			{ error: 'must be a display name or an object {"id","name"}' }
		)
	)
	.transform((value) =>
		value.id ? { id: value.id, name: value.name } : authorFromName(value.name)
	);

const body = z
	.string({ error: 'must be a string' })
	.trim()
	.min(1, 'must not be empty')
	.max(MAX_BODY, `must be at most ${MAX_BODY} characters`);

const replacement = z
	.string({ error: 'must be a string' })
	.max(MAX_BODY, `must be at most ${MAX_BODY} characters`)
	.refine((text) => !/[\r\n\u2028\u2029]/.test(text), 'cannot contain line breaks');

export const threadStatusQuery = z.enum(['open', 'resolved'], {
	error: 'must be "open" or "resolved"'
});

export const suggestionStatusQuery = z.enum(['open', 'accepted', 'rejected', 'stale'], {
	error: 'must be "open", "accepted", "rejected" or "stale"'
});

// `author` may be left out: the token's link says who writes (and for a commenter, only that).
export const newCommentRequest = z.object({
	start: offset,
	end: offset,
	body,
	author: author.optional()
});
export type NewComment = WithAuthor<z.infer<typeof newCommentRequest>>;

export const replyRequest = z.object({ body, author: author.optional() });
export type NewReply = WithAuthor<z.infer<typeof replyRequest>>;

export const threadPatchRequest = z.object({ status: threadStatusQuery });

export const newSuggestionRequest = z.object({
	start: offset,
	end: offset,
	replacement,
	author: author.optional()
});
export type NewSuggestion = WithAuthor<z.infer<typeof newSuggestionRequest>>;

/** Accept or reject: who decided is optional (an empty body is fine). */
export const decisionRequest = z.object({ author: author.optional() });
