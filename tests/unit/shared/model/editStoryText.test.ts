import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceStoryText } from '#shared/model/editStoryText';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText, writeStoryJSON, writeStoryText } from '#shared/model/storyDoc';
import { createAnchor, resolveAnchor } from '#shared/review/anchors';

function story(text: string): Y.Doc {
	const ydoc = new Y.Doc();
	writeStoryText(ydoc, text);
	return ydoc;
}

function paragraph(ydoc: Y.Doc, index: number): Y.XmlElement {
	return ydoc.getXmlFragment(STORY_FIELD).get(index) as Y.XmlElement;
}

/** The first paragraph as XML, marks shown as tags (`<bold>…</bold>`). */
function firstParagraphXml(ydoc: Y.Doc): string {
	return paragraph(ydoc, 0).toString();
}

function anchorOn(ydoc: Y.Doc, words: string) {
	const start = readStoryText(ydoc).indexOf(words);
	expect(start).toBeGreaterThanOrEqual(0);
	return createAnchor(ydoc, start, start + words.length);
}

function offsetOf(ydoc: Y.Doc, words: string): number {
	const offset = readStoryText(ydoc).indexOf(words);
	expect(offset).toBeGreaterThanOrEqual(0);
	return offset;
}

const TEXT = 'The cat sat.\n\nThe dog ran.\n';

describe('replaceStoryText', () => {
	it('replaces words inside a paragraph and leaves the other paragraphs’ Yjs items alone', () => {
		const ydoc = story(TEXT);
		const dog = anchorOn(ydoc, 'dog');
		const sat = anchorOn(ydoc, 'sat');
		const second = paragraph(ydoc, 1);
		const secondText = second.get(0) as Y.XmlText;

		replaceStoryText(ydoc, 4, 7, 'kitten');

		expect(readStoryText(ydoc)).toBe('The kitten sat.\n\nThe dog ran.\n');
		// The same, undeleted Yjs types: nothing was re-created, so anchors there keep their items.
		expect(paragraph(ydoc, 1)).toBe(second);
		expect(second.get(0)).toBe(secondText);
		expect(secondText._item?.deleted).toBe(false);
		expect(resolveAnchor(ydoc, dog)).toEqual({ start: 21, end: 24, quote: 'dog', detached: false });
		expect(resolveAnchor(ydoc, sat)).toEqual({ start: 11, end: 14, quote: 'sat', detached: false });
	});

	it('joins two paragraphs when the range spans them, like deleting that selection', () => {
		const ydoc = story(TEXT);
		replaceStoryText(ydoc, offsetOf(ydoc, 'sat.'), offsetOf(ydoc, ' ran'), 'and the dog');
		expect(readStoryText(ydoc)).toBe('The cat and the dog ran.\n');
		expect(ydoc.getXmlFragment(STORY_FIELD).length).toBe(1);
	});

	it('inserts at an empty range', () => {
		const ydoc = story(TEXT);
		replaceStoryText(ydoc, 7, 7, ' black');
		expect(readStoryText(ydoc)).toBe('The cat black sat.\n\nThe dog ran.\n');
		replaceStoryText(ydoc, 0, 0, '“');
		expect(readStoryText(ydoc)).toBe('“The cat black sat.\n\nThe dog ran.\n');
		const end = readStoryText(ydoc).length - 1;
		replaceStoryText(ydoc, end, end, '”');
		expect(readStoryText(ydoc)).toBe('“The cat black sat.\n\nThe dog ran.”\n');
	});

	it('deletes when the replacement is empty', () => {
		const ydoc = story(TEXT);
		replaceStoryText(ydoc, 3, 7, '');
		expect(readStoryText(ydoc)).toBe('The sat.\n\nThe dog ran.\n');
	});

	it('replaces across a hard break inside a paragraph', () => {
		const ydoc = story('Line one\nline two.\n');
		replaceStoryText(ydoc, 5, 13, 'and');
		expect(readStoryText(ydoc)).toBe('Line and two.\n');
	});

	it('keeps the bold and italic marks of the replaced text, and of the text typed after', () => {
		const ydoc = new Y.Doc();
		const doc: JSONContent = {
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'A ' },
						{ type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
						{ type: 'text', text: ' and ' },
						{ type: 'text', text: 'slanted', marks: [{ type: 'italic' }] },
						{ type: 'text', text: ' word.' }
					]
				}
			]
		};
		writeStoryJSON(ydoc, doc, true);

		replaceStoryText(ydoc, 2, 6, 'strong');
		replaceStoryText(ydoc, offsetOf(ydoc, 'slanted'), offsetOf(ydoc, ' word'), 'leaning');
		expect(firstParagraphXml(ydoc)).toBe(
			'<paragraph>A <bold>strong</bold> and <italic>leaning</italic> word.</paragraph>'
		);
		// Typed right after a bold word, text is bold too, as in the editor.
		const after = offsetOf(ydoc, ' and');
		replaceStoryText(ydoc, after, after, 'er');
		expect(firstParagraphXml(ydoc)).toBe(
			'<paragraph>A <bold>stronger</bold> and <italic>leaning</italic> word.</paragraph>'
		);
		// Replacing plain text stays plain.
		replaceStoryText(ydoc, offsetOf(ydoc, 'word'), offsetOf(ydoc, '.'), 'line');
		expect(firstParagraphXml(ydoc)).toBe(
			'<paragraph>A <bold>stronger</bold> and <italic>leaning</italic> line.</paragraph>'
		);
		expect(readStoryText(ydoc)).toBe('A stronger and leaning line.\n');
	});

	it('reaches other replicas as an ordinary update', () => {
		const ydoc = story(TEXT);
		const replica = new Y.Doc();
		Y.applyUpdate(replica, Y.encodeStateAsUpdate(ydoc));
		ydoc.on('update', (update: Uint8Array) => Y.applyUpdate(replica, update));
		replaceStoryText(ydoc, 14, 17, 'A');
		expect(readStoryText(replica)).toBe('The cat sat.\n\nA dog ran.\n');
	});
});
