import { EditorState } from '@tiptap/pm/state';
import {
	updateYFragment,
	yXmlFragmentToProseMirrorRootNode,
	yXmlFragmentToProsemirrorJSON
} from '@tiptap/y-tiptap';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { markdownToStoryJSON } from '#shared/formats/markdownToStory';
import { META_MAP, STORY_FIELD, storySchema } from '#shared/model/schema';
import {
	countWords,
	readFinalNewline,
	readStoryText,
	writeStoryJSON,
	writeStoryText
} from '#shared/model/storyDoc';
import { storyJSONToText } from '#shared/model/storyText';
import {
	corpusStories,
	fixturesDir,
	generateStory,
	wellFormedStoryTextArbitrary
} from '../storyCorpus.js';

/** A fresh document holding only what `source` encoded, as a client or a restart would see it. */
function reloaded(source: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
	return copy;
}

/** The text as TipTap's own converter sees the Yjs document. */
function textViaYTiptap(ydoc: Y.Doc): string {
	const json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(STORY_FIELD));
	return storyJSONToText(json, readFinalNewline(ydoc));
}

function storyDoc(text: string): Y.Doc {
	const ydoc = new Y.Doc();
	writeStoryText(ydoc, text);
	return ydoc;
}

describe('writeStoryText / readStoryText', () => {
	it('round-trips every fixture and shared story through an encoded update', () => {
		for (const story of corpusStories()) {
			const copy = reloaded(storyDoc(story.text));
			expect(readStoryText(copy), story.name).toBe(story.text);
			expect(textViaYTiptap(copy), story.name).toBe(story.text);
		}
	});

	it('round-trips any well-formed text, and agrees with y-tiptap', () => {
		fc.assert(
			fc.property(wellFormedStoryTextArbitrary, (text) => {
				const copy = reloaded(storyDoc(text));
				expect(readStoryText(copy)).toBe(text);
				expect(textViaYTiptap(copy)).toBe(text);
			}),
			{ numRuns: 300 }
		);
	});

	it('records finalNewline in the meta map', () => {
		expect(storyDoc('a\n').getMap(META_MAP).get('finalNewline')).toBe(true);
		expect(readFinalNewline(storyDoc('a'))).toBe(false);
		expect(readStoryText(new Y.Doc())).toBe('');
	});

	it('builds the structure the Collaboration extension reads', () => {
		const fragment = storyDoc('One\ntwo\n\n\n\nThree').getXmlFragment(STORY_FIELD);
		const names = (nodes: (Y.XmlElement | Y.XmlText)[]): unknown[] =>
			nodes.map((node) =>
				node instanceof Y.XmlText
					? node.toString()
					: { [node.nodeName]: names(node.toArray() as (Y.XmlElement | Y.XmlText)[]) }
			);
		expect(names(fragment.toArray() as Y.XmlElement[])).toEqual([
			{ paragraph: ['One', { hardBreak: [] }, 'two'] },
			{ paragraph: [] },
			{ paragraph: ['Three'] }
		]);
		expect(yXmlFragmentToProseMirrorRootNode(fragment, storySchema).toJSON()).toEqual({
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'One' },
						{ type: 'hardBreak' },
						{ type: 'text', text: 'two' }
					]
				},
				{ type: 'paragraph' },
				{ type: 'paragraph', content: [{ type: 'text', text: 'Three' }] }
			]
		});
	});

	it('refuses to write into a document that has content, or JSON outside the schema', () => {
		const ydoc = storyDoc('Already here');
		expect(() => writeStoryText(ydoc, 'again')).toThrow(/already has content/);
		expect(() =>
			writeStoryJSON(new Y.Doc(), { type: 'doc', content: [{ type: 'table' }] }, false)
		).toThrow();
		expect(() => writeStoryJSON(new Y.Doc(), { type: 'doc', content: [] }, false)).toThrow();
	});

	it('agrees with storyJSONToText after editor-style edits with marks', () => {
		const ydoc = storyDoc('"Hi Buffy." I replied.\n\nShe smiled.\n');
		const fragment = ydoc.getXmlFragment(STORY_FIELD);
		const state = EditorState.create({
			schema: storySchema,
			doc: yXmlFragmentToProseMirrorRootNode(fragment, storySchema)
		});
		const transaction = state.tr
			.insertText(',', 10, 11)
			.addMark(2, 7, storySchema.marks.bold!.create())
			.addMark(4, 12, storySchema.marks.italic!.create())
			.split(15)
			.insert(1, storySchema.nodes.hardBreak!.create());
		// The same call the Collaboration binding makes for every editor transaction.
		updateYFragment(ydoc, fragment, transaction.doc, { mapping: new Map(), isOMark: new Map() });
		const expected = storyJSONToText(transaction.doc.toJSON(), true);
		expect(expected).toBe('\n"Hi Buffy," I \n\nreplied.\n\nShe smiled.\n');
		expect(readStoryText(ydoc)).toBe(expected);
		expect(readStoryText(reloaded(ydoc))).toBe(expected);
	});

	it('reads a Markdown import as storyJSONToText does', () => {
		const markdown = readFileSync(path.join(fixturesDir, 'markdown/representative.md'), 'utf8');
		const json = markdownToStoryJSON(markdown);
		const ydoc = new Y.Doc();
		writeStoryJSON(ydoc, json, true);
		expect(readStoryText(reloaded(ydoc))).toBe(storyJSONToText(json, true));
		expect(textViaYTiptap(ydoc)).toBe(storyJSONToText(json, true));
	});

	it('handles a 2 MB story quickly', () => {
		const { text, words } = generateStory(2_000_000);
		const ydoc = reloaded(storyDoc(text));
		const started = performance.now();
		const read = readStoryText(ydoc);
		const readMs = performance.now() - started;
		expect(read).toBe(text);
		expect(textViaYTiptap(ydoc)).toBe(text);
		const counted = performance.now();
		expect(countWords(read)).toBe(words);
		const countMs = performance.now() - counted;
		// Generous bounds for a slow CI machine; typical runs take a fraction of these.
		expect(readMs).toBeLessThan(1000);
		expect(countMs).toBeLessThan(1000);
	});
});
