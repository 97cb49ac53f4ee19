import { describe, expect, it } from 'vitest';
import { checker, expectClean, expectFix } from './checker';

describe('a / an', () => {
	it.each([
		['She ate a apple.', 'She ate an apple.'],
		['He was an university student.', 'He was a university student.'],
		['She had a honest face.', 'She had an honest face.'],
		['It was an unique chance.', 'It was a unique chance.'],
		['It was an one-time deal.', 'It was a one-time deal.'],
		['That was a unimportant detail.', 'That was an unimportant detail.'],
		['A owl hooted.', 'An owl hooted.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'It took an hour.',
		'He is an FBI agent with a UFO habit.',
		'She wore a uniform and a European coat.',
		'We took Plan A or Plan B.',
		'He said a, um, thing.'
	])('leaves %j alone', (text) => expectClean(text));

	it('suggests a conjunction for an article before a possessive name', () => {
		const text = "Mara ran. There was a crash a Mara's bag fell. Everyone saw Mara.";
		const flags = checker.check(text);
		expect(flags.map((flag) => text.slice(flag.start, flag.end))).toEqual(['a']);
		expect(flags[0]!.suggestions).toContain('and');
	});
});
