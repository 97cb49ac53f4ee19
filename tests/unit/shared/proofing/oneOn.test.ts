import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"one" for "on" and "an" for "and"', () => {
	it.each([
		['He sat one the train to Lublin.', 'He sat on the train to Lublin.'],
		['She stayed calm, an it worked.', 'She stayed calm, and it worked.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"one" as a pronoun', 'No one the police asked knew, and one by one the men left.'],
		['"one" before a noun', 'One day the rain stopped; one another, one that stayed.'],
		['the article before a vowel', 'It was an hour, an apple and an idea.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
