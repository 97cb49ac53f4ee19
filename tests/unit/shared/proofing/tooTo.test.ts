import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"too" where "to" was meant', () => {
	it.each([
		['They talked too each other.', 'They talked to each other.'],
		['He came into town too see her.', 'He came into town to see her.'],
		['She pointed too the door.', 'She pointed to the door.'],
		['He sent the letter too Mrs. Hale.', 'He sent the letter to Mrs. Hale.'],
		['She kept too herself all winter.', 'She kept to herself all winter.'],
		['He tore a strip too wrap the cut.', 'He tore a strip to wrap the cut.'],
		['The blast tore it too ribbons.', 'The blast tore it to ribbons.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['an adjective that is also a verb', 'It was too close to call, and too late.'],
		['a quantity', 'There was too much noise and too many people.'],
		['"too well"', 'She knew him too well.'],
		['an adjective in -y', 'Her walk was too steady.'],
		['"also" at the end', 'I want one too.'],
		['"also" before a verb in -s', 'He too runs every day, and she too swims.'],
		['"too" before a name after a comma', 'I missed you too, Anna.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"to" alone at the end of a clause', () => {
	it.each([
		['The others were singing, to, all evening.', 'The others were singing, too, all evening.'],
		['She wanted a dog, to.', 'She wanted a dog, too.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"to" before its object after a comma', 'He went home, to his mother.'],
		['"to" ending a question', 'Who did you give it to?']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"to" before an adjective and its infinitive', () => {
	it.each([
		['It was a ditch to broad to leap over.', 'It was a ditch too broad to leap over.'],
		['The box was to heavy for him to lift.', 'The box was too heavy for him to lift.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a range after "from"', 'Things went from bad to worse to ruin.'],
		['a verb after "to"', 'He wanted to warm to her. I came to like him.'],
		['a noun after "to"', 'She turned to stone to spite them.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
