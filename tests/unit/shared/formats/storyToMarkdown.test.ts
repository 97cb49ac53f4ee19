import fc from 'fast-check';
import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { markdownToStoryJSON } from '#shared/formats/markdownToStory';
import { storyToMarkdown } from '#shared/formats/storyToMarkdown';
import { storySchema } from '#shared/model/schema';
import { textToStoryJSON } from '#shared/model/storyText';
import { corpusStories, generateStory, wellFormedStoryTextArbitrary } from '../storyCorpus';

/**
 * The document as the schema normalises it (what an import stores). Markdown has no way to say
 * "an empty paragraph" before the first block or after the last, so those are not expected back.
 */
function normal(doc: JSONContent): JSONContent {
	const content = [...(doc.content ?? [])];
	const empty = (block?: JSONContent) => block?.type === 'paragraph' && !block.content?.length;
	while (content.length > 1 && empty(content[0])) content.shift();
	while (content.length > 1 && empty(content[content.length - 1])) content.pop();
	return storySchema.nodeFromJSON({ ...doc, content }).toJSON() as JSONContent;
}

function roundTrip(doc: JSONContent): void {
	const markdown = storyToMarkdown(doc);
	expect(markdownToStoryJSON(markdown), markdown).toEqual(normal(doc));
}

const text = (value: string, ...marks: string[]): JSONContent =>
	marks.length > 0
		? { type: 'text', text: value, marks: marks.map((type) => ({ type })) }
		: { type: 'text', text: value };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

describe('storyToMarkdown', () => {
	it('round-trips text full of Markdown syntax', () => {
		roundTrip({
			type: 'doc',
			content: [
				paragraph(text('# not a heading *nor* _emphasis_ [link](x) <b>tag</b> &amp; &copy 1\\2')),
				paragraph(
					text('- not a list'),
					{ type: 'hardBreak' },
					text('1. nor this'),
					{ type: 'hardBreak' },
					text('---')
				),
				paragraph(text('> quote? ~~no~~ | pipe | `tick` http://example.com a@b.c www.x.org')),
				paragraph(text('  leading and trailing\t '), { type: 'hardBreak' }, { type: 'hardBreak' }),
				paragraph({ type: 'hardBreak' }, text('==='))
			]
		});
	});

	it('round-trips marks, headings, lists, quotes, code and rules', () => {
		roundTrip({
			type: 'doc',
			content: [
				{
					type: 'heading',
					attrs: { level: 2 },
					content: [text('Chapter '), text('One', 'italic')]
				},
				paragraph(
					text('She '),
					text('said', 'bold'),
					text(' "no," ', 'italic'),
					text('then', 'bold', 'italic'),
					text(' left', 'strike'),
					text(' under', 'underline'),
					text(' a `b`', 'code'),
					{
						type: 'text',
						text: 'here',
						marks: [{ type: 'link', attrs: { href: 'https://x.org/a b', title: 'T "q"' } }]
					}
				),
				{ type: 'paragraph' },
				{ type: 'paragraph' },
				{ type: 'horizontalRule' },
				{ type: 'blockquote', content: [paragraph(text('quoted')), paragraph(text('twice'))] },
				{
					type: 'bulletList',
					content: [
						{ type: 'listItem', content: [paragraph(text('one'))] },
						{ type: 'listItem', content: [paragraph(text('two'))] }
					]
				},
				{
					type: 'orderedList',
					attrs: { start: 3 },
					content: [{ type: 'listItem', content: [paragraph(text('three'))] }]
				},
				{ type: 'codeBlock', attrs: { language: 'js' }, content: [text('let a = `x`;\n*b*')] }
			]
		});
	});

	it('round-trips every corpus story and generated stories', () => {
		const stories = [
			...corpusStories().map((story) => story.text),
			generateStory(5_000, 3).text,
			generateStory(5_000, 4).text
		];
		for (const story of stories) roundTrip(textToStoryJSON(story).doc);
	});
});

describe('storyToMarkdown on any text', () => {
	it('round-trips every text a .txt import can hold', () => {
		fc.assert(
			fc.property(wellFormedStoryTextArbitrary, (value) => {
				roundTrip(textToStoryJSON(value).doc);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('storyToMarkdown on any formatting', () => {
	const markSets = fc.subarray(['bold', 'italic', 'strike', 'underline', 'code', 'link']);
	const run = fc.record({
		text: fc.oneof(
			fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }),
			fc.constantFrom(' ', 'a b', '*', '_x_', '`', ' - ', '1.', '\\', '&amp;', '<em>', 'é')
		),
		marks: markSets,
		hardBreak: fc.boolean()
	});
	const docArbitrary = fc
		.array(fc.array(run, { maxLength: 6 }), { minLength: 1, maxLength: 4 })
		.map((paragraphs): JSONContent => ({
			type: 'doc',
			content: paragraphs.map((runs) => ({
				type: 'paragraph',
				content: runs.flatMap((each) => [
					...(each.hardBreak ? [{ type: 'hardBreak' }] : []),
					{
						type: 'text',
						text: each.text,
						marks: (each.marks.includes('code') ? ['code'] : each.marks).map((type) =>
							type === 'link' ? { type, attrs: { href: 'https://x.test/' } } : { type }
						)
					}
				])
			}))
		}));

	it('round-trips paragraphs of marked text', () => {
		fc.assert(
			fc.property(docArbitrary, (doc) => {
				roundTrip(doc);
			}),
			{ numRuns: 1000 }
		);
	});
});
