import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"now" where "not" was meant', () => {
	it('corrects a form of "do", "now", a plain verb', () =>
		expectFix('She did now touch him.', 'She did not touch him.'));

	it.each([
		['It was now murder at all.', 'It was not murder at all.'],
		['The camp was now growing any larger.', 'The camp was not growing any larger.'],
		['Now only was he late, he was rude.', 'Not only was he late, he was rude.'],
		['Now long after, the rain stopped.', 'Not long after, the rain stopped.']
	])('corrects "now" in a clause that asks for a negative: %j', (text, corrected) =>
		expectFix(text, corrected)
	);

	it.each([
		['"now" after another helping verb', 'He could now see the shore.'],
		['"now" after "did" at the end', 'Did he? He did now.'],
		['a negative already in the clause', 'He could not now see any better.'],
		['"at all" in a question', 'I wonder if he is now at all happy.'],
		['"now only" before a subject', 'Now only the wind was left. Now long live the king.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"not" where "now" was meant', () => {
	it.each([
		["There's nothing to stop me not.", "There's nothing to stop me now."],
		[
			'Nobody thought about his wife not, and he left.',
			'Nobody thought about his wife now, and he left.'
		]
	])('corrects "not" ending a clause after an object or a noun: %j', (text, corrected) =>
		expectFix(text, corrected)
	);

	it.each([
		'I hope not.',
		'Of course not.',
		'Believe it or not, he came.',
		'Is it not? And why not?',
		'It matters not.',
		'Tea? I think not.',
		'We are friends, are we not?'
	])('leaves %j alone', (text) => expectClean(text));
});

describe('"form" where "from" was meant', () => {
	it.each([
		['It was a mile form the road.', 'It was a mile from the road.'],
		[
			'He rode hard form Boston to the coast, and Boston was far.',
			'He rode hard from Boston to the coast, and Boston was far.'
		],
		['The shop sold anything form soap to nails.', 'The shop sold anything from soap to nails.'],
		['She kept aloof form such games.', 'She kept aloof from such games.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['after its subject', 'They form a circle, and the crystals form the lattice.'],
		['after a helping verb', 'Clouds can form a storm.'],
		['the noun', 'She filled in the form the clerk gave her.'],
		['the noun after an adjective', 'He wrote a free form poem to please her.'],
		['the verb before a range', 'Such cells form groups to protect themselves.']
	])('leaves the verb or noun alone %s', (_, text) => expectClean(text));
});

describe('"not" before a whole clause', () => {
	it.each([
		['Not it would have another death.', 'Now it would have another death.'],
		["They had done it, and not it's all over.", "They had done it, and now it's all over."]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"whether or not"', 'Whether or not it was true, we left.'],
		['"if not"', 'If not it would rain.'],
		['"not" before a relative clause', 'It was not he who did it.'],
		['a speech tag with its comma left out', 'Not I said the duck.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
