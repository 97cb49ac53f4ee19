import { describe, expect, it } from 'vitest';
import { countWords } from '#shared/model/countWords';

describe('countWords', () => {
	it.each([
		['', 0],
		['   \n\n\t ', 0],
		['One Last Wish', 3],
		['"Hi Buffy." I replied, smiling a tiny smile. "What\'s up?"', 10],
		['well-known T-T-Tara didn’t', 3],
		['1,000 wishes cost 3.5 dollars — maybe…', 6],
		['naïve café Ω', 3],
		['e\u0301te\u0301', 1],
		['שלום עולם مرحبا بالعالم', 4],
		['😀 !!! — …', 0],
		['word—word', 2]
	])('counts %j as %i words', (text, words) => {
		expect(countWords(text)).toBe(words);
	});

	it('gives the same answer when called again (the expression is global)', () => {
		expect([countWords('a b c'), countWords('a b c')]).toEqual([3, 3]);
	});
});
