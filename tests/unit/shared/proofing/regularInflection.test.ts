import { describe, expect, it } from 'vitest';
import { regularInflection } from '#shared/proofing/regularInflection';
import { described, expectClean } from './checker';

/** A tiny verb list, so the test says exactly which stems are verbs. */
const VERBS = new Set(['speed', 'kneel', 'jerk', 'teach', 'occur', 'use', 'tweeze', 'sweep']);
const isVerb = (word: string) => VERBS.has(word);

describe('regularInflection', () => {
	it.each([
		['speeded', 'speed'],
		['kneeled', 'kneel'],
		['jerkings', 'jerk'],
		['tweezing', 'tweeze']
	])('reads %j as a form of %j', (word, verb) => {
		expect(regularInflection(word, isVerb)).toBe(verb);
	});

	it.each(['teached', 'sweeped', 'occured', 'useing', 'writting'])(
		'does not take the slip %j for a form',
		(word) => expect(regularInflection(word, isVerb)).toBeUndefined()
	);
});

describe('spelling: regular forms the dictionary lacks', () => {
	it('accepts the regular past of a verb that has both pasts', () => {
		expectClean('The car speeded up, and she kneeled by the road.');
	});

	it('still flags the regular past of a verb that has only the irregular one', () => {
		expect(described('He teached us to swim.')).toEqual(['spelling/unknown:teached']);
	});
});
