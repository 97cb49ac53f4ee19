import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"off" where "of" was meant', () => {
	it.each([
		['She was the best student off her class.', 'She was the best student of her class.'],
		['Most off the guests had gone home.', 'Most of the guests had gone home.'],
		['He kept a picture off his mother.', 'He kept a picture of his mother.'],
		['We won, off course.', 'We won, of course.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a verb that takes "off" before it', 'He knocked the glass off the table.'],
		['a phrasal verb', 'She took her coat off and sat down.'],
		['"off" at the end of a clause', 'He took the day off.'],
		['"off" before "to"', 'They were off to the coast.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
