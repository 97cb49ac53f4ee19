import { describe, expect, it } from 'vitest';
import { described, expectFix } from './checker';

describe('a preposition dropped between two noun phrases', () => {
	it.each([
		['Martha picked up the hem her gown.', 'Martha picked up the hem of her gown.'],
		[
			'He could not lose a drop the precious water, so he waited.',
			'He could not lose a drop of the precious water, so he waited.'
		],
		[
			'He went to the foot the stairs and shouted.',
			'He went to the foot of the stairs and shouted.'
		]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'It was the day the music died.',
		'She gave the boy his book.',
		'They called the man their friend.',
		'He had a dress the color of wine.',
		'We met at the station the next morning.',
		'He was out in the air a little.',
		'In one of the huts a group of men sat.',
		'They left the widow her own land.',
		'She put on a dress an fix her hair.'
	])('leaves %j alone', (text) => {
		expect(described(text).filter((found) => found.startsWith('grammar'))).toEqual([]);
	});
});
