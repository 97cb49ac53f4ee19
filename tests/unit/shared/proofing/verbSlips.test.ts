import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"write" for "right", "where" for "were"', () => {
	it.each([
		['"All write," he said, and stood.', '"All right," he said, and stood.'],
		["You're write about that.", "You're right about that."],
		['She turned to the write and waved.', 'She turned to the right and waved.'],
		['She looked as if she where lying.', 'She looked as if she were lying.'],
		['By noon they where gone.', 'By noon they were gone.'],
		['The men where huddled in the barn.', 'The men were huddled in the barn.'],
		['There we more women than men.', 'There were more women than men.'],
		['Were ran out of money.', 'We ran out of money.'],
		["That is why I say were just can't go.", "That is why I say we just can't go."],
		['Are were in Wyoming?', 'Are we in Wyoming?']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a verb after its subject', 'They all write letters home.'],
		['a pseudo-cleft', 'All she did was write me a note.'],
		['"you" as an object', 'I will show you where it is.'],
		['"where" after a noun', 'The town where they lived was small.'],
		['a place before a participle and its noun', 'They saw fields where planted crops grew.'],
		['"there we" before a verb', 'There we sat, and there we go again.'],
		['"were" before a noun that is a modal too', 'If they were can openers, fine.'],
		['"were" before a compound', 'They were would-be heroes.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"we" for "were", "thought" for "through"', () => {
	it.each([
		['The boats we not allowed in the harbor.', 'The boats were not allowed in the harbor.'],
		['The children we singing in the yard.', 'The children were singing in the yard.'],
		['The road wound down thought the valley.', 'The road wound down through the valley.'],
		['He was halfway thought his meal.', 'He was halfway through his meal.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a relative clause with a past', 'The songs we sang were old.'],
		['"not only"', 'The places we not only saw but loved.'],
		['"thought" after its subject', 'She looked up and thought the rain would stop.'],
		['"thought" after a particle, then a clause', 'He sat down, thought a while, and left.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
