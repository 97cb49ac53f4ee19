import type { JSONContent } from '@tiptap/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToStoryJSON } from '#shared/formats/markdownToStory';
import { storySchema } from '#shared/model/schema';
import { storyJSONToText } from '#shared/model/storyText';
import { fixturesDir } from '../storyCorpus.js';

const fixture = (name: string) => readFileSync(path.join(fixturesDir, 'markdown', name), 'utf8');
const blocks = (markdown: string) => markdownToStoryJSON(markdown).content ?? [];
const text = (value: string, ...marks: string[]): JSONContent =>
	marks.length > 0
		? { type: 'text', text: value, marks: marks.map((type) => ({ type })) }
		: { type: 'text', text: value };

describe('markdownToStoryJSON', () => {
	it('parses a representative document into the story schema', () => {
		const doc = markdownToStoryJSON(fixture('representative.md'));
		expect(() => storySchema.nodeFromJSON(doc).check()).not.toThrow();
		expect(doc.content?.map((block) => block.type)).toEqual([
			'heading',
			'heading',
			'paragraph',
			'bulletList',
			'orderedList',
			'blockquote',
			'codeBlock',
			'horizontalRule',
			'paragraph',
			'paragraph',
			'paragraph',
			'paragraph'
		]);
		expect(storyJSONToText(doc, true)).toBe(fixture('representative.txt'));
	});

	it('maps headings, emphasis, strike, code and links to nodes and marks', () => {
		expect(blocks('## *It* was **so** ~~not~~ `x` [here](https://a.example)')).toEqual([
			{
				type: 'heading',
				attrs: { level: 2 },
				content: [
					text('It', 'italic'),
					text(' was '),
					text('so', 'bold'),
					text(' '),
					text('not', 'strike'),
					text(' '),
					text('x', 'code'),
					text(' '),
					{
						type: 'text',
						text: 'here',
						marks: [{ type: 'link', attrs: expect.objectContaining({ href: 'https://a.example' }) }]
					}
				]
			}
		]);
		expect(blocks('***both***')[0]?.content).toEqual([text('both', 'bold', 'italic')]);
	});

	it('keeps line structure: soft and hard breaks both become hard breaks', () => {
		expect(blocks('one\ntwo  \nthree\\\nfour')[0]?.content).toEqual([
			text('one'),
			{ type: 'hardBreak' },
			text('two'),
			{ type: 'hardBreak' },
			text('three'),
			{ type: 'hardBreak' },
			text('four')
		]);
	});

	it('keeps extra blank lines between blocks as empty paragraphs, like a text import', () => {
		expect(blocks('a\n\nb\n\n\n\nc\n\n\n\n\n\n# d').map((block) => block.type)).toEqual([
			'paragraph',
			'paragraph',
			'paragraph',
			'paragraph',
			'paragraph',
			'paragraph',
			'heading'
		]);
		expect(blocks('')).toEqual([{ type: 'paragraph' }]);
	});

	it('nests lists and quotes and gives every list item a first paragraph', () => {
		const [list] = blocks('3. ```\n   code\n   ```\n4. > quoted');
		expect(list).toMatchObject({ type: 'orderedList', attrs: { start: 3 } });
		expect(list?.content?.map((item) => item.content?.map((block) => block.type))).toEqual([
			['paragraph', 'codeBlock'],
			['paragraph', 'blockquote']
		]);
	});

	it('decodes entities in text but not in code, and keeps unknown HTML literal', () => {
		expect(blocks('&amp; &mdash; &#x201C; `&amp;` <span>s</span> <!-- c -->')[0]?.content).toEqual([
			text('& — “ '),
			text('&amp;', 'code'),
			text(' <span>s</span> <!-- c -->')
		]);
		expect(blocks('<div>\nblock *html*\n</div>')).toEqual([
			{
				type: 'paragraph',
				content: [
					text('<div>'),
					{ type: 'hardBreak' },
					text('block *html*'),
					{ type: 'hardBreak' },
					text('</div>')
				]
			}
		]);
	});

	it('maps simple inline HTML tags to marks and <br> to a hard break', () => {
		expect(blocks('<b>bold <i>both</i></b><br>plain <u>u</u>')[0]?.content).toEqual([
			text('bold ', 'bold'),
			text('both', 'bold', 'italic'),
			{ type: 'hardBreak' },
			text('plain '),
			text('u', 'underline')
		]);
	});

	it('drops links to unsafe targets but keeps their text', () => {
		expect(blocks('[x](javascript:alert(1)) and ![alt text](a.png)')[0]?.content).toEqual([
			text('x and alt text')
		]);
	});

	it('turns tables and task items into plain text', () => {
		expect(
			storyJSONToText(markdownToStoryJSON('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] todo'), false)
		).toBe('a | b\n\n1 | 2\n\n- [ ] todo');
	});
});
