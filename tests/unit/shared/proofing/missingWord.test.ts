import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('a dropped small word', () => {
	it.each([
		['It a long way home.', 'It was a long way home.'],
		['None her friends came.', 'None of her friends came.'],
		['Each the boys got a coin.', 'Each of the boys got a coin.'],
		['They walked on same side of the road.', 'They walked on the same side of the road.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"it" as an object', 'She made it a rule to rise early.'],
		['"each" before a noun', 'Each boy got a coin.'],
		['"the same"', 'They walked on the same side.'],
		['a bare noun after a preposition', 'He stood at attention, his face creased in pain.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
