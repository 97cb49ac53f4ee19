import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"now" where "not" was meant', () => {
	it('corrects a form of "do", "now", a plain verb', () =>
		expectFix('She did now touch him.', 'She did not touch him.'));

	it.each([
		['"now" after another helping verb', 'He could now see the shore.'],
		['"now" after "did" at the end', 'Did he? He did now.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"form" where "from" was meant', () => {
	it.each([
		['It was a mile form the road.', 'It was a mile from the road.'],
		[
			'He rode hard form Boston to the coast, and Boston was far.',
			'He rode hard from Boston to the coast, and Boston was far.'
		]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['after its subject', 'They form a circle, and the crystals form the lattice.'],
		['after a helping verb', 'Clouds can form a storm.'],
		['the noun', 'She filled in the form the clerk gave her.']
	])('leaves the verb or noun alone %s', (_, text) => expectClean(text));
});
