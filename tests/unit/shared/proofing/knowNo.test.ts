import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"know" where "no" was meant', () => {
	it.each([
		['There was know church in the town.', 'There was no church in the town.'],
		['He felt know grief at all.', 'He felt no grief at all.'],
		['She made know effort to stand.', 'She made no effort to stand.'],
		['He wore know hat of any kind.', 'He wore no hat of any kind.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a subject before it', 'They know things we do not.'],
		['"to" before it', 'She wanted to know everything.'],
		['"did" before it', 'I did know people there.'],
		['a function word after it', 'You were the one I used to know, the only one.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
