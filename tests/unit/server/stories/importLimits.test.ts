import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { StoryLimits } from '#shared/model/storyLimits';
import { checkImportLimits } from '../../../../server/stories/importLimits';

/** A paragraph inside `quotes` nested blockquotes: its depth is quotes + 1. */
function quoted(quotes: number, text = 'x'): JSONContent {
	let node: JSONContent = { type: 'paragraph', content: [{ type: 'text', text }] };
	for (let level = 0; level < quotes; level++) node = { type: 'blockquote', content: [node] };
	return { type: 'doc', content: [node] };
}

describe('checkImportLimits', () => {
	it('takes a story exactly as deep as the limit and refuses one level more', () => {
		expect(() => checkImportLimits(quoted(StoryLimits.maxDepth - 1), 'It')).not.toThrow();
		expect(() => checkImportLimits(quoted(StoryLimits.maxDepth), 'It')).toThrow(
			/nested more than 64 levels deep/
		);
	});

	it('walks 100,000 levels without overflowing the stack', () => {
		expect(() => checkImportLimits(quoted(100_000), 'It')).toThrow(/64 levels/);
	});

	it('refuses a run of text past the limit, with its length', () => {
		expect(() =>
			checkImportLimits(quoted(0, 'a'.repeat(StoryLimits.maxTextChars)), 'It')
		).not.toThrow();
		expect(() =>
			checkImportLimits(quoted(0, 'a'.repeat(StoryLimits.maxTextChars + 1)), 'It')
		).toThrow('a paragraph of 1,000,001 characters');
	});
});
