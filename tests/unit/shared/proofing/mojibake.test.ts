import { describe, expect, it } from 'vitest';
import { checker, expectClean, expectFix } from './checker';

describe('text damaged by a wrong encoding', () => {
	it.each([
		['She donít know. Sheís here.', 'She don’t know. She’s here.'],
		['I donít know. Itís Maraís book.', 'I don’t know. It’s Mara’s book.'],
		[
			'ìHello,î she said. I donít know. Youíre late. WellÖ',
			'“Hello,” she said. I don’t know. You’re late. Well…'
		],
		['It\u00e2\u20ac\u2122s fine, caf\u00c3\u00a9 time.', 'It\u2019s fine, caf\u00e9 time.'],
		['\u00e2\u20ac\u0153Hi,\u00e2\u20ac\u009d she said.', '\u201cHi,\u201d she said.'],
		['I don?t care.', "I don't care."],
		['I don\ufffdt care.', "I don't care."]
	])('repairs %j', (text, corrected) => expectFix(text, corrected));

	it('offers the exact repair and marks every damaged character', () => {
		const text = 'Sheís sure. Weíre late. Theyíll wait.';
		const flags = checker.check(text);
		expect(
			flags.map((flag) => [flag.kind, text.slice(flag.start, flag.end), flag.suggestions])
		).toEqual([
			['mojibake', 'í', ['’']],
			['mojibake', 'í', ['’']],
			['mojibake', 'í', ['’']]
		]);
	});

	it.each([
		'They flew to Bogotá to see María. María was happy.',
		'Is it true? She said so.',
		'She loved the café in Zürich.'
	])('leaves %j alone', (text) => expectClean(text));
});
