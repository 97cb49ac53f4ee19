import type * as Y from 'yjs';
import { createAnchor } from '#shared/review/anchors';
import type { InsertAt, StoredAnchor } from '#shared/review/types';

/** Where a new suggestion is anchored. */
export interface SuggestionPlace {
	anchor: StoredAnchor;
	/** Set for an insertion (empty range): which side of the anchored character it goes. */
	insertAt?: InsertAt;
}

/**
 * Anchors a suggestion on [start, end) of the txt export. An empty range is an insertion, which
 * anchors to the character before it in the same block (so it follows that word), or, at the
 * start of a block, to the character after it. Throws a RangeError when there is nothing to
 * anchor to (an empty paragraph, or only the blank lines between blocks).
 */
export function suggestionAnchor(ydoc: Y.Doc, start: number, end: number): SuggestionPlace {
	if (end > start) return { anchor: createAnchor(ydoc, start, end) };
	const before = tryAnchor(ydoc, start - 1, start);
	if (before) return { anchor: before, insertAt: 'end' };
	const after = tryAnchor(ydoc, start, start + 1);
	if (after) return { anchor: after, insertAt: 'start' };
	throw new RangeError('There is no text here to attach an insertion to');
}

function tryAnchor(ydoc: Y.Doc, start: number, end: number): StoredAnchor | null {
	if (start < 0) return null;
	try {
		return createAnchor(ydoc, start, end);
	} catch (error) {
		if (error instanceof RangeError) return null;
		throw error;
	}
}
