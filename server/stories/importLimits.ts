import type { JSONContent } from '@tiptap/core';
import { StoryLimits } from '#shared/model/storyLimits';
import { StoryError } from './StoryError';

/**
 * Refuses an imported document that the editor could not hold (see StoryLimits): nested deeper
 * than a story may be (100,000 `>` in Markdown, 10,000 nested `<div>`s) or with one paragraph
 * longer than a run of text may be. Walks without recursion, so the depth itself cannot
 * overflow the stack here.
 */
export function checkImportLimits(doc: JSONContent, label: string): void {
	const stack: Array<[JSONContent, number]> = [[doc, 0]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		// Elements count from the document (0) down; text sits inside its paragraph.
		if (node.type !== 'text' && depth > StoryLimits.maxDepth) {
			throw new StoryError(
				'too-complex',
				`${label} is nested more than ${StoryLimits.maxDepth} levels deep (quotes or lists inside each other); a story may be at most ${StoryLimits.maxDepth}.`
			);
		}
		if (node.type === 'text' && (node.text?.length ?? 0) > StoryLimits.maxTextChars) {
			throw new StoryError(
				'too-large',
				`${label} has a paragraph of ${node.text!.length.toLocaleString('en-US')} characters; a paragraph may have at most ${StoryLimits.maxTextChars.toLocaleString('en-US')}.`
			);
		}
		for (const child of node.content ?? []) stack.push([child, depth + 1]);
	}
}
