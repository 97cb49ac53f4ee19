import type * as Y from 'yjs';
import { anchorResolver, type AnchorResolver } from '#shared/review/anchors';
import type { StoredSuggestion, StoredThread, Suggestion, Thread } from '#shared/review/types';

/**
 * A stored thread as the API shows it, its anchor resolved against the current story. Pass one
 * `anchorResolver(story)` when showing many, so the story is read once.
 */
export function threadView(
	story: Y.Doc,
	thread: StoredThread,
	resolve: AnchorResolver = anchorResolver(story)
): Thread {
	return {
		id: thread.id,
		status: thread.status,
		anchor: resolve(thread.anchor),
		messages: thread.messages
	};
}

/**
 * A stored suggestion as the API shows it. An open suggestion whose words are no longer exactly
 * the original (edited, partly deleted or detached) is `stale`: applying it would lose an edit.
 */
export function suggestionView(
	story: Y.Doc,
	suggestion: StoredSuggestion,
	resolve: AnchorResolver = anchorResolver(story)
): Suggestion {
	const anchor = resolve(suggestion.anchor);
	const changed = anchor.detached || anchor.quote !== suggestion.anchor.quote;
	const at = suggestion.insertAt === 'start' ? anchor.start : anchor.end;
	const range = suggestion.insertAt
		? { start: at, end: at, original: '' }
		: { start: anchor.start, end: anchor.end, original: suggestion.anchor.quote };
	return {
		id: suggestion.id,
		status: suggestion.status === 'open' && changed ? 'stale' : suggestion.status,
		...range,
		replacement: suggestion.replacement,
		author: suggestion.author,
		createdAt: suggestion.createdAt,
		...(suggestion.decidedBy && { decidedBy: suggestion.decidedBy }),
		...(suggestion.decidedAt && { decidedAt: suggestion.decidedAt }),
		detached: anchor.detached
	};
}
