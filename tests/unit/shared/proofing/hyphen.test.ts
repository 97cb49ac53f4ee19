import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('missing hyphens in compound modifiers', () => {
	it.each([
		['It was a life changing experience.', 'It was a life-changing experience.'],
		['She is a well known author.', 'She is a well-known author.'],
		['He turned twenty one today.', 'He turned twenty-one today.'],
		['My five year old son laughed.', 'My five-year-old son laughed.'],
		['The blue eyed girl waved.', 'The blue-eyed girl waved.'],
		['He felt self conscious.', 'He felt self-conscious.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'She is well known for her books.',
		'My son is five years old.',
		'We will win in the long term.',
		'She works full time.',
		'It was a brand new day.'
	])('leaves %j alone', (text) => expectClean(text));
});

describe('"half", "well" or "ill" and a participle before a noun', () => {
	it.each([
		['He left a half eaten apple on the desk.', 'He left a half-eaten apple on the desk.'],
		['She sat with a half folded map.', 'She sat with a half-folded map.'],
		['It was an ill timed joke.', 'It was an ill-timed joke.'],
		['The shelves held rows of well bound books.', 'The shelves held rows of well-bound books.'],
		['He chose another well dressed guest.', 'He chose another well-dressed guest.'],
		['We met a well read Frenchman.', 'We met a well-read Frenchman.'],
		['It was a small, well built cabin.', 'It was a small, well-built cabin.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'He was well bred and well fed.',
		'He half expected trouble.',
		'She half closed the door.',
		'The door was half opened.',
		'They did well enough.',
		'The map was half folded when I found it.',
		'He spoke of it, well aware of Paris.',
		'She knew him well, half hidden Tom said.'
	])('leaves %j alone', (text) => expectClean(text));
});

describe('"a" or "an" and "all" before a modifier', () => {
	it.each([
		['They formed an all female crew.', 'They formed an all-female crew.'],
		['It was an all night vigil.', 'It was an all-night vigil.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each(['All night long they sang.', 'She ate it all night after night.'])(
		'leaves %j alone',
		(text) => expectClean(text)
	);
});

describe('"self" and the word it makes one with', () => {
	it.each([
		['He was tired of her self pitying moods.', 'He was tired of her self-pitying moods.'],
		['The farm was self sufficient by spring.', 'The farm was self-sufficient by spring.'],
		['It took all his self control.', 'It took all his self-control.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each(['She was her former self again.', 'He found his true self in the mountains.'])(
		'leaves %j alone',
		(text) => expectClean(text)
	);
});

describe('a noun and "type" before a noun', () => {
	it.each([
		['It was a documentary type show.', 'It was a documentary-type show.'],
		['He kept a store of bachelor type meals.', 'He kept a store of bachelor-type meals.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'The clerks type letters all day.',
		'A new type engine hummed.',
		'What type of man is he?'
	])('leaves %j alone', (text) => expectClean(text));
});

describe('a noun and "like" written open', () => {
	it.each([
		['A black, snake like object swayed.', 'A black, snake-like object swayed.'],
		['He moved with cat like grace.', 'He moved with cat-like grace.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"like" as a preposition after a determiner', 'It made a pop in the air like cupped hands.'],
		['"like" before a noun phrase', 'He was a man like his father.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
