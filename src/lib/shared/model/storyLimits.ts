/**
 * How large and deep a story's structure may grow. The server refuses an edit past these (a
 * hostile client's 100,000 nested quotes or 7 MB attribute would otherwise stall every export and
 * every browser that opens the story); the editor never produces one, and importers stay inside.
 */
export const StoryLimits = {
	/** Nested elements from the document down (a paragraph in a quote in a list item… counts each). */
	maxDepth: 64,
	/** UTF-16 units in one run of text (one paragraph or line of a story). */
	maxTextChars: 1_000_000,
	/** Characters of one attribute value once written as JSON (a link's address, a code language). */
	maxAttributeChars: 4_096
} as const;
