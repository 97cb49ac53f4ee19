import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"and" where the article "an" was meant', () => {
	it.each([
		['It happened within and hour.', 'It happened within an hour.'],
		['She rode up in and elevator.', 'She rode up in an elevator.'],
		['It was and alien land to her.', 'It was an alien land to her.'],
		['He spoke with and unkind voice.', 'He spoke with an unkind voice.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a particle pair', 'People went in and out all day.'],
		['a pronoun after it', 'He talked with and everyone listened.'],
		['a verb form after it', 'She looked up and ordered coffee.'],
		['"be" said twice', 'It was and always will be.'],
		['"uni-" said with a consonant', 'He came with and united them.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"they\'re" where "there" was meant', () => {
	it.each([
		["They're was nobody home.", 'There was nobody home.'],
		["His car was still they're.", 'His car was still there.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each(["They're late again.", "I know they're coming, and they're glad."])(
		'leaves %j alone',
		(text) => expectClean(text)
	);
});

describe('"an" for "and" before a past with its own object', () => {
	it.each([
		['She smiled an opened the door.', 'She smiled and opened the door.'],
		['He nodded an handed me the key.', 'He nodded and handed me the key.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a participle before its noun', 'It was an embittered man.'],
		['a pronoun made a noun', 'She met an improved you.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"an" for "and" joining a pair', () => {
	it.each([
		['Between 1935 an 1939 we made ten films.', 'Between 1935 and 1939 we made ten films.'],
		['The room was warm an bright.', 'The room was warm and bright.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['an adjective before its noun', 'She was as calm an old lady as any.'],
		['a number read with a vowel', 'He saw in 1935 an 1800s house.'],
		['an adjective before "an hour"', 'It was quiet an hour later.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
