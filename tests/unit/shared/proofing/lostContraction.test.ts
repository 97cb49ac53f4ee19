import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('contractions that lost their apostrophe and became another word', () => {
	it.each([
		['"Were not really hungry," she said.', '"We\'re not really hungry," she said.'],
		['Were almost there. Keep walking.', "We're almost there. Keep walking."],
		['Well need some rope for the climb.', "We'll need some rope for the climb."],
		['If it rains, well get wet.', "If it rains, we'll get wet."],
		['She said shed be home by ten.', "She said she'd be home by ten."],
		["I'm sure hell know the way.", "I'm sure he'll know the way."],
		['Ask her and shell tell you.', "Ask her and she'll tell you."],
		['We were tired, and wed never walked so far.', "We were tired, and we'd never walked so far."]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a question', 'Were not the others told?'],
		['"were" after its subject', 'The boys were not ready.'],
		['"well" as an interjection', '"Well, look at you!" she said. Well look at that.'],
		['"well" as an adverb', 'The house stood well back from the road.'],
		['"shed" as a noun', 'The shed had a tin roof. What the hell do you want?'],
		['"shell" as a noun before a noun', 'Shell people were taught to sing.'],
		['"shed" as a verb', 'The trees shed their leaves, and she shed a tear.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"were" after a comma, "wed" after its noun', () => {
	it.each([
		['Hurry up, were late for dinner.', "Hurry up, we're late for dinner."],
		['If the bridge is out, were done for.', "If the bridge is out, we're done for."],
		['It was the summer wed had in Maine.', "It was the summer we'd had in Maine."]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a subject with a comma before its verb', 'The coats they wore, were all they had.'],
		['"were" after a comma in a question', 'Tell me, were you there?'],
		['"wed" as a verb', 'They wed in June and had a son.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"shed", "shell", "hell" before a verb and its object; "wed" before a participle', () => {
	it.each([
		['Give her a day and shed forgive him.', "Give her a day and she'd forgive him."],
		['Ask Mary; maybe shell lend you the car.', "Ask Mary; maybe she'll lend you the car."],
		['Wed seen the film twice.', "We'd seen the film twice."]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"shed" as a verb before its object', 'The lamps shed light on the path.'],
		['"shed" as a noun before a verb in -s', 'The shed needs paint on its door.'],
		['"wed" as a verb', 'They wed the next spring.'],
		['a question after "hell"', 'What in hell do you mean?']
	])('leaves %s alone', (_, text) => expectClean(text));
});
