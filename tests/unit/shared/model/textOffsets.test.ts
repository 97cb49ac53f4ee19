import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { markdownToStoryJSON } from '#shared/formats/markdownToStory';
import { STORY_FIELD, storySchema } from '#shared/model/schema';
import { readStoryTextMap, writeStoryJSON, writeStoryText } from '#shared/model/storyDoc';
import { storyJSONToText, textToStoryJSON } from '#shared/model/storyText';
import { textOffsetsOf, type StoryTextMap } from '#shared/model/textOffsets';
import { storyTextArbitrary } from '../storyCorpus.js';

function docOf(text: string): { doc: ProseMirrorNode; finalNewline: boolean } {
	const { doc, finalNewline } = textToStoryJSON(text);
	return { doc: storySchema.nodeFromJSON(doc), finalNewline };
}

/**
 * Every position inside a textblock maps to the offset of the character after it (text, or
 * "\n" for a hard break) and back; offsets and positions move together; offsets that map to no
 * content are characters the text added (`gapCharacters`).
 */
function expectConsistent(doc: ProseMirrorNode, map: StoryTextMap, gapCharacters: RegExp): void {
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		for (let offsetInNode = 0; offsetInNode <= node.content.size; offsetInNode++) {
			const position = pos + 1 + offsetInNode;
			const offset = map.toOffset(position);
			expect(map.toPos(offset)).toBe(position);
			if (offsetInNode === node.content.size) continue;
			// nodeAfter of a position inside a text node is the rest of that text.
			const inline = doc.resolve(position).nodeAfter;
			expect(map.text[offset]).toBe(inline?.isText ? inline.text?.[0] : '\n');
		}
		return false;
	});
	let previous = 0;
	for (let offset = 0; offset <= map.text.length; offset++) {
		const position = map.toPos(offset);
		expect(position).toBeGreaterThanOrEqual(previous);
		expect(position).toBeLessThanOrEqual(doc.content.size);
		previous = position;
		if (map.toOffset(position) !== offset && offset < map.text.length) {
			expect(map.text[offset]).toMatch(gapCharacters);
		}
	}
}

describe('textOffsetsOf', () => {
	it('gives the exact text and a consistent map for any text', () => {
		fc.assert(
			fc.property(storyTextArbitrary, (source) => {
				const { doc, finalNewline } = docOf(source);
				const map = textOffsetsOf(doc, finalNewline);
				expect(map.text).toBe(source);
				expectConsistent(doc, map, /\n/);
			}),
			{ numRuns: 500 }
		);
	});

	it('maps a range of text to the ProseMirror range that holds it', () => {
		const { doc } = docOf('Hi Buffy.\n\nI replied,\nsmiling.');
		const map = textOffsetsOf(doc);
		const range = (text: string) => {
			const start = map.text.indexOf(text);
			return doc.textBetween(map.toPos(start, 1), map.toPos(start + text.length, -1), '\n\n', '\n');
		};
		expect(range('Buffy.')).toBe('Buffy.');
		expect(range('I replied,\nsmiling')).toBe('I replied,\nsmiling');
		expect(range('Buffy.\n\nI')).toBe('Buffy.\n\nI');
		expect(map.toOffset(doc.content.size)).toBe(map.text.length);
	});

	it('leans by assoc for offsets between paragraphs and positions between blocks', () => {
		const { doc } = docOf('ab\n\n\n\ncd');
		const map = textOffsetsOf(doc);
		// "ab" is 1..3, the empty paragraph's content 5, "cd" 7..9.
		expect([map.toPos(2), map.toPos(3, 1), map.toPos(3, -1), map.toPos(4)]).toEqual([3, 5, 3, 5]);
		expect([map.toPos(5, 1), map.toPos(5, -1), map.toPos(6)]).toEqual([7, 5, 7]);
		expect([map.toOffset(4, 1), map.toOffset(4, -1), map.toOffset(0), map.toOffset(99)]).toEqual([
			4, 2, 0, 8
		]);
	});

	it('maps Markdown blocks, where the text adds markers and prefixes', () => {
		const doc = storySchema.nodeFromJSON(
			markdownToStoryJSON('# T\n\n- a\n- b\n  1. c\n\n> q\n> r\n\n```\nx\ny\n```\n\n---\n\nend')
		);
		const map = textOffsetsOf(doc);
		expect(map.text).toBe(storyJSONToText(doc.toJSON(), false));
		expectConsistent(doc, map, /[\n\-.> 1*]/);
	});

	it('reads the same map straight from Yjs as from ProseMirror', () => {
		const ydoc = new Y.Doc();
		writeStoryText(ydoc, 'Line one\nline two\n\n\n\n\t“Quoted” 😀\n');
		const markdown = new Y.Doc();
		writeStoryJSON(markdown, markdownToStoryJSON('> a\n> b\n\n1. x\n2. *y*\n\ntext'), false);
		for (const each of [ydoc, markdown]) {
			const fromYjs = readStoryTextMap(each);
			const doc = yXmlFragmentToProseMirrorRootNode(each.getXmlFragment(STORY_FIELD), storySchema);
			const fromProseMirror = textOffsetsOf(doc, each === ydoc);
			expect(fromYjs.text).toBe(fromProseMirror.text);
			for (let offset = 0; offset <= fromYjs.text.length; offset++) {
				expect(fromYjs.toPos(offset, -1)).toBe(fromProseMirror.toPos(offset, -1));
				expect(fromYjs.toPos(offset, 1)).toBe(fromProseMirror.toPos(offset, 1));
			}
			for (let position = 0; position <= doc.content.size; position++) {
				expect(fromYjs.toOffset(position)).toBe(fromProseMirror.toOffset(position));
			}
		}
	});
});
