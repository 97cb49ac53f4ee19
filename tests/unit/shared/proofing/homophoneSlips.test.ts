import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('words one sound or letter from another, read from where they stand', () => {
	it.each([
		["She didn't went to ask.", "She didn't want to ask."],
		['He want back to work on Monday.', 'He went back to work on Monday.'],
		['"Why, of coarse," she said.', '"Why, of course," she said.'],
		['They came in hour direction.', 'They came in our direction.'],
		['She could get hear quick.', 'She could get here quick.'],
		["He didn't here the bell.", "He didn't hear the bell."],
		['His father past away in May.', 'His father passed away in May.'],
		['They had past the mill by noon.', 'They had passed the mill by noon.'],
		['Nobody had though of it.', 'Nobody had thought of it.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"went" after "did" with no "to"', 'Where did he go? He went to town, and so did I.'],
		['"want" after a plural subject', 'They want back what they lost.'],
		['the adjective before its noun', 'It was made of coarse wool.'],
		['an hour with its article', 'In an hour he left; they waited hour after hour.'],
		['"hear" as a verb', 'Come here and hear this.'],
		['"past" as an adjective', 'They had past experience of it.'],
		['"though" at the end', 'He had, though.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"their" with no noun, "they\'re" after a preposition', () => {
	it.each([
		[
			'Picnickers still stray up their, from time to time.',
			'Picnickers still stray up there, from time to time.'
		],
		["The officers shouted at they're men.", 'The officers shouted at their men.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"their" before its noun', 'They took their coats.'],
		['"they\'re" after a conjunction', "Call me after they're gone, like they're supposed to."]
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"knew" after an article or a possessive', () => {
	it.each([
		['He wore a knew hat to church.', 'He wore a new hat to church.'],
		['They showed us their knew house.', 'They showed us their new house.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a subject before it', 'All his friends knew it, and the man knew too.'],
		['a pronoun before it', 'Of those who knew him, few knew why.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"you\'re" after a form of "be"', () => {
	it.each([
		["Where are you're keys?", 'Where are your keys?'],
		["Was you're brother at home?", 'Was your brother at home?']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a comma between', "Of course you are, you're my friend."],
		['a subject before it', "I see what you're doing, and who you're with."]
	])('leaves %s alone', (_, text) => expectClean(text));
});
