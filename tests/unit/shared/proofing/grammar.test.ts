import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('verb forms after "have"', () => {
	it.each([
		['She had went home.', 'She had gone home.'],
		["I'd ran all the way.", "I'd run all the way."],
		['He had never saw it before.', 'He had never seen it before.'],
		['The house had shook all night.', 'The house had shaken all night.'],
		['She has came back.', 'She has come back.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'She had gone home.',
		'They had rose bushes in the garden.',
		'He had a bit of luck.',
		'She went home and had dinner.'
	])('leaves %j alone', (text) => expectClean(text));
});
