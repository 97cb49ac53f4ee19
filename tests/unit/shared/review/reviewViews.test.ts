import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceStoryText } from '#shared/model/editStoryText';
import { readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { suggestionView } from '#shared/review/reviewViews';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';
import type { StoredSuggestion } from '#shared/review/types';

const author = { id: 'browser-1', name: 'Ana' };

function story(text: string): Y.Doc {
	const ydoc = new Y.Doc();
	writeStoryText(ydoc, text);
	return ydoc;
}

function suggest(ydoc: Y.Doc, start: number, end: number, replacement: string): StoredSuggestion {
	const place = suggestionAnchor(ydoc, start, end);
	return {
		id: 's1',
		status: 'open',
		anchor: place.anchor,
		replacement,
		...(place.insertAt && { insertAt: place.insertAt }),
		author,
		createdAt: '2026-11-22T04:00:00.000Z'
	};
}

describe('suggestionView', () => {
	it('shows an insertion after a word as an empty range with no original', () => {
		const ydoc = story('The cat sat.\n');
		const suggestion = suggest(ydoc, 7, 7, ' black');
		expect(suggestionView(ydoc, suggestion)).toEqual({
			id: 's1',
			status: 'open',
			start: 7,
			end: 7,
			original: '',
			replacement: ' black',
			author,
			createdAt: '2026-11-22T04:00:00.000Z',
			detached: false
		});
		// It follows its word when text is typed before it.
		replaceStoryText(ydoc, 0, 0, 'Look: ');
		expect(suggestionView(ydoc, suggestion)).toMatchObject({ status: 'open', start: 13, end: 13 });
	});

	it('shows an insertion at the start of a paragraph before its first character', () => {
		const ydoc = story('The cat sat.\n\nThe dog ran.\n');
		const suggestion = suggest(ydoc, 14, 14, 'Then ');
		expect(suggestionView(ydoc, suggestion)).toMatchObject({
			status: 'open',
			start: 14,
			end: 14,
			original: ''
		});
		replaceStoryText(ydoc, 4, 7, 'kitten');
		expect(suggestionView(ydoc, suggestion)).toMatchObject({ status: 'open', start: 17, end: 17 });
	});

	it('is stale when the words changed or vanished, and open while they are as they were', () => {
		const ydoc = story('The cat sat on the mat.\n');
		const replace = suggest(ydoc, 8, 11, 'sits');
		const insert = suggest(ydoc, 22, 22, 'tt');
		// Text typed elsewhere changes nothing.
		replaceStoryText(ydoc, 0, 3, 'A');
		expect(readStoryText(ydoc)).toBe('A cat sat on the mat.\n');
		expect(suggestionView(ydoc, replace)).toMatchObject({ status: 'open', start: 6, end: 9 });
		expect(suggestionView(ydoc, insert)).toMatchObject({ status: 'open', start: 20, end: 20 });

		// Edited inside: stale, and its original stays what it was made on.
		replaceStoryText(ydoc, 7, 7, 'a');
		expect(readStoryText(ydoc)).toBe('A cat saat on the mat.\n');
		expect(suggestionView(ydoc, replace)).toMatchObject({
			status: 'stale',
			original: 'sat',
			detached: false
		});
		// The character an insertion hangs on is deleted: stale and detached.
		replaceStoryText(ydoc, 20, 21, '');
		expect(readStoryText(ydoc)).toBe('A cat saat on the ma.\n');
		expect(suggestionView(ydoc, insert)).toMatchObject({ status: 'stale', detached: true });
	});

	it('keeps a decided suggestion’s status even when its words are gone', () => {
		const ydoc = story('The cat sat.\n');
		const suggestion = { ...suggest(ydoc, 4, 7, 'dog'), status: 'rejected' as const };
		replaceStoryText(ydoc, 4, 7, '');
		expect(suggestionView(ydoc, suggestion)).toMatchObject({ status: 'rejected', detached: true });
	});
});
