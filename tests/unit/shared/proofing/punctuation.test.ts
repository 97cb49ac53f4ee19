import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('punctuation', () => {
	it.each([
		['Oh,Tara, you came.', 'Oh, Tara, you came.'],
		['She left.Then he cried.', 'She left. Then he cried.'],
		['"Hello,"she said.', '"Hello," she said.'],
		["Well.. I don't know.", "Well... I don't know."],
		['Then how..?', 'Then how...?'],
		['Wait.... what?', 'Wait... what?'],
		['I was tired. the end came soon.', 'I was tired. The end came soon.'],
		['Then i left, and i was glad.', 'Then I left, and I was glad.'],
		[
			'We saw everything (even the roof.) It was grand.',
			'We saw everything (even the roof). It was grand.'
		],
		['Hello,, world.', 'Hello, world.'],
		['She saw him by the door; Tomas.', 'She saw him by the door: Tomas.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'Mr. Smith arrived at 5 p.m. and left.',
		'She paused... then smiled.',
		'Visit www.example.com today.',
		'(She left early.) Nobody noticed.',
		'I came; I saw the rest.',
		'It cost 3.50 dollars, or 1,000 cents.',
		'"Why?" she asked. "Because!" he said.',
		'Mara: ok. on my way. i think the bus is late',
		'Ollie: fine. see you there',
		'She counted . . . and counted again.',
		'"Go on," he said. "And then?"',
		'Nothing bold, nothing open; but enough.',
		"He sank into the back seat; didn't answer.",
		'The firm had ambitions; that Mrs. Garth would run was clear.'
	])('leaves %j alone', (text) => expectClean(text));

	it('capitalises a quotation that starts a new sentence', () => {
		expectFix('"Fine," she said. "do what you like."', '"Fine," she said. "Do what you like."');
	});

	it('still wants capitals in a text message that uses them', () => {
		expectFix('Mara: On my way. the bus is late.', 'Mara: On my way. The bus is late.');
	});
});

describe('punctuation: a sentence start after a quotation or a paragraph break', () => {
	it.each([
		['He stood there.\n\nthe door opened.', 'He stood there.\n\nThe door opened.'],
		[
			'"He\'ll be stronger soon." his stethoscope lay on the table.',
			'"He\'ll be stronger soon." His stethoscope lay on the table.'
		],
		['"They are coming!" we heard him shout.', '"They are coming!" We heard him shout.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a dialogue tag after a question', '"Why?" he asked.'],
		['a tag two words on', '"Where?" his mother called.'],
		['a paragraph that goes on a broken line', 'He said that\n\nthe door was open.'],
		['a sentence that goes on after an ellipsis', '"Well..." maybe not.'],
		[
			'a sentence that goes on after a quoted exclamation',
			'She said, "No, silly!" and stepped aside.'
		]
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a capital after a contraction, a possessive or a parenthesis', () => {
	it.each([
		["It wasn't. two days later it was.", "It wasn't. Two days later it was."],
		["We went to Ann's. after that we slept.", "We went to Ann's. After that we slept."],
		['It was cold. (we had no coats.)', 'It was cold. (We had no coats.)']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['an initial', 'We asked J. smith, the clerk.'],
		['a comment after a question', 'Was it cold? (he wondered that aloud.)']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a capital at the text start and after a quotation broken off with a dash', () => {
	it.each([
		['"fools," she said, and laughed.', '"Fools," she said, and laughed.'],
		['once more the bell rang.', 'Once more the bell rang.'],
		['"You never\u2014"\n\n"that is not fair!"', '"You never\u2014"\n\n"That is not fair!"'],
		['"Wait"\u2014 "no, go on."', '"Wait"\u2014 "No, go on."']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a sentence continued after the break', '"I was going\u2014"\n\n"\u2014to the store."'],
		['a murmur cutting in', '"And then I\u2014"\n\n"uh-huh."'],
		['a list of quoted words', 'They called him "rude," "lazy" and worse.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
