import type { JSONContent } from '@tiptap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storySchema } from '#shared/model/schema';
import { storyJSONToText, textToStoryJSON } from '#shared/model/storyText';
import { corpusStories, generateStory, storyTextArbitrary } from '../storyCorpus.js';

const paragraph = (...content: JSONContent[]): JSONContent =>
	content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
const text = (value: string): JSONContent => ({ type: 'text', text: value });
const hardBreak: JSONContent = { type: 'hardBreak' };

describe('textToStoryJSON', () => {
	it('splits paragraphs on blank lines and lines on hard breaks', () => {
		expect(textToStoryJSON('One\ntwo\n\nThree\n')).toEqual({
			doc: {
				type: 'doc',
				content: [paragraph(text('One'), hardBreak, text('two')), paragraph(text('Three'))]
			},
			finalNewline: true
		});
	});

	it('keeps extra blank lines as empty paragraphs and leading breaks', () => {
		expect(textToStoryJSON('a\n\n\n\nb\n\n\nc').doc.content).toEqual([
			paragraph(text('a')),
			paragraph(),
			paragraph(text('b')),
			paragraph(hardBreak, text('c'))
		]);
	});

	it('strips exactly one final newline', () => {
		expect(textToStoryJSON('a\n\n')).toEqual({
			doc: { type: 'doc', content: [paragraph(text('a'), hardBreak)] },
			finalNewline: true
		});
		expect(textToStoryJSON('a\n\n\n').doc.content).toEqual([paragraph(text('a')), paragraph()]);
		expect(textToStoryJSON('a').finalNewline).toBe(false);
	});

	it('makes one empty paragraph of empty text', () => {
		expect(textToStoryJSON('')).toEqual({
			doc: { type: 'doc', content: [paragraph()] },
			finalNewline: false
		});
	});

	it('keeps whitespace and odd characters verbatim and fits the schema', () => {
		const source = ' \t lead\u00a0and trail \t\n😀 עברית\u200f ';
		const { doc } = textToStoryJSON(source);
		expect(doc.content).toEqual([
			paragraph(text(' \t lead\u00a0and trail \t'), hardBreak, text('😀 עברית\u200f '))
		]);
		expect(() => storySchema.nodeFromJSON(doc).check()).not.toThrow();
	});
});

describe('storyJSONToText', () => {
	it('round-trips every fixture and shared story exactly', () => {
		const stories = corpusStories();
		expect(stories.length).toBeGreaterThanOrEqual(7);
		for (const story of stories) {
			const { doc, finalNewline } = textToStoryJSON(story.text);
			expect(storyJSONToText(doc, finalNewline), story.name).toBe(story.text);
		}
	});

	it('round-trips a generated 2 MB story', () => {
		const { text: story } = generateStory(2_000_000);
		const { doc, finalNewline } = textToStoryJSON(story);
		expect(storyJSONToText(doc, finalNewline)).toBe(story);
	});

	it('is the inverse of textToStoryJSON for every text without "\\r"', () => {
		fc.assert(
			fc.property(storyTextArbitrary, (source) => {
				const { doc, finalNewline } = textToStoryJSON(source);
				storySchema.nodeFromJSON(doc).check();
				expect(storyJSONToText(doc, finalNewline)).toBe(source);
			}),
			{ numRuns: 2000 }
		);
	});

	it('gives readable text for blocks that come from Markdown', () => {
		const doc: JSONContent = {
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
				{
					type: 'bulletList',
					content: [
						{ type: 'listItem', content: [paragraph(text('one'))] },
						{
							type: 'listItem',
							content: [
								paragraph(text('two'), hardBreak, text('more')),
								{
									type: 'orderedList',
									attrs: { start: 3 },
									content: [{ type: 'listItem', content: [paragraph(text('nested'))] }]
								}
							]
						}
					]
				},
				{
					type: 'blockquote',
					content: [paragraph(text('quoted'), hardBreak, text('line')), paragraph(text('again'))]
				},
				{ type: 'codeBlock', attrs: { language: null }, content: [text('let a;\n\nlet b;')] },
				{ type: 'horizontalRule' },
				{
					type: 'orderedList',
					content: [{ type: 'listItem', content: [paragraph(text('first'))] }]
				}
			]
		};
		expect(storyJSONToText(doc, true)).toBe(
			[
				'Title',
				'- one\n- two\n  more\n  3. nested',
				'> quoted\n> line\n>\n> again',
				'let a;\n\nlet b;',
				'* * *',
				'1. first\n'
			].join('\n\n')
		);
	});
});
