import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"is" where "as" was meant', () => {
	it.each([
		['He sang is he walked along.', 'He sang as he walked along.'],
		['She sighed is if relieved.', 'She sighed as if relieved.'],
		['You stayed is long as you liked.', 'You stayed as long as you liked.'],
		['We might is well go home.', 'We might as well go home.'],
		['So stay is long as you like.', 'So stay as long as you like.'],
		['The boy was neither is tall nor as strong.', 'The boy was neither as tall nor as strong.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a question', 'Where is he going?'],
		['"is" after its subject', 'The night is long as ever, and he is tall as a tree.'],
		['a free relative', 'What he wanted is if anything more money.'],
		['a subject and a present tense', 'The trouble is he thinks he knows.'],
		['"neither" opening a sentence', 'Neither is he happy, nor is she.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"as" where "is" was meant', () => {
	it.each([
		['"So there it as," he said.', '"So there it is," he said.'],
		['What as beyond this fog?', 'What is beyond this fog?']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"it as" going on', 'He took it as, well, a joke.'],
		['"as yet" after a question word', 'What as yet remains?']
	])('leaves %s alone', (_, text) => expectClean(text));
});
