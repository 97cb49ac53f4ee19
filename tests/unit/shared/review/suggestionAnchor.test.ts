import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { resolveAnchor } from '#shared/review/anchors';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';

function story(text: string): Y.Doc {
	const ydoc = new Y.Doc();
	writeStoryText(ydoc, text);
	return ydoc;
}

// Offsets: "The cat sat." 0–12, blank line 12–14, empty paragraph at 14, blank line 14–16,
// "The dog ran." 16–28, final newline 28.
const TEXT = 'The cat sat.\n\n\n\nThe dog ran.\n';

describe('suggestionAnchor', () => {
	it('anchors a range to exactly its words, with no insertAt', () => {
		const ydoc = story(TEXT);
		const place = suggestionAnchor(ydoc, 4, 7);
		expect(place.insertAt).toBeUndefined();
		expect(place.anchor.quote).toBe('cat');
		expect(resolveAnchor(ydoc, place.anchor)).toMatchObject({ start: 4, end: 7 });
	});

	it('anchors an insertion after a word to the character before it ("end")', () => {
		const ydoc = story(TEXT);
		const place = suggestionAnchor(ydoc, 7, 7);
		expect(place).toMatchObject({ insertAt: 'end', anchor: { quote: 't', prefix: 'The ca' } });
		// At the end of a paragraph too: the last character, not the blank line after it.
		expect(suggestionAnchor(ydoc, 12, 12)).toMatchObject({
			insertAt: 'end',
			anchor: { quote: '.' }
		});
	});

	it('anchors an insertion at the start of a block to the character after it ("start")', () => {
		const ydoc = story(TEXT);
		expect(suggestionAnchor(ydoc, 0, 0)).toMatchObject({
			insertAt: 'start',
			anchor: { quote: 'T', suffix: 'he cat sat.\n\n\n\nThe dog ran.\n' }
		});
		const second = suggestionAnchor(ydoc, 16, 16);
		expect(second.insertAt).toBe('start');
		expect(resolveAnchor(ydoc, second.anchor)).toMatchObject({ start: 16, end: 17, quote: 'T' });
	});

	it('throws a RangeError where there is no text to attach to', () => {
		const ydoc = story(TEXT);
		// The empty paragraph, the blank lines around it, and the final newline.
		for (const offset of [13, 14, 15, 29]) {
			expect(() => suggestionAnchor(ydoc, offset, offset), String(offset)).toThrow(RangeError);
		}
		expect(() => suggestionAnchor(story(''), 0, 0)).toThrow(RangeError);
		expect(() => suggestionAnchor(ydoc, 12, 16)).toThrow(RangeError);
		expect(readStoryText(ydoc)).toBe(TEXT);
	});
});
