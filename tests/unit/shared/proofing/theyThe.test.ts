import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"they" where "the" was meant', () => {
	it.each([
		['He put they shells on the table.', 'He put the shells on the table.'],
		['She went to they bedroom.', 'She went to the bedroom.'],
		['She saw they idiotic boy.', 'She saw the idiotic boy.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a verb after it', 'They cover the floor with rugs.'],
		['a verb whose -ed form doubles its consonant', 'When they drop the box, run.'],
		['a past tense', 'They kept the keys.'],
		['a floating quantifier', 'They all laughed, and they both left.'],
		['an adverb', 'They never knew.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
