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
		'"Why?" she asked. "Because!" he said.'
	])('leaves %j alone', (text) => expectClean(text));
});
