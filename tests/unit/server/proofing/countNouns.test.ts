import { describe, expect, it } from 'vitest';
import { findCountNouns, type TaggedWord } from '../../../../server/proofing/countNouns';

/** "the/at door/nn" → tagged words. */
const sentence = (text: string): TaggedWord[] =>
	text.split(' ').map((item) => {
		const [word, tag] = item.split('/') as [string, string];
		return { word, tag };
	});

const repeat = (text: string, times: number) => Array.from({ length: times }, () => sentence(text));

const options = {
	minHeads: 6,
	maxBare: 0.1,
	minNoun: 0.5,
	minOpeners: 2,
	minAfterPreposition: 5,
	maxBareAfterPreposition: 0.05,
	maxBareOtherwise: 0.25
};

describe('findCountNouns', () => {
	const nouns = findCountNouns(
		[
			...repeat('he/pps opened/vbd the/at door/nn ./.', 4),
			...repeat('she/pps ran/vbd to/in the/at old/jj door/nn ./.', 4),
			...repeat('they/ppss came/vbd by/in car/nn ./.', 1),
			...repeat('they/ppss saw/vbd a/at car/nn ./.', 5),
			...repeat('he/pps left/vbd his/pp$ car/nn ./.', 5),
			...repeat('we/ppss drank/vbd water/nn ./.', 6),
			...repeat('he/pps saw/vbd the/at water/nn ./.', 4),
			...repeat('he/pps read/vbd the/at newspaper/nn files/nns ./.', 10),
			...repeat('for/in the/at sake/nn of/in it/ppo', 10),
			...repeat('they/ppss joke/vb ./.', 3),
			...repeat('he/pps made/vbd a/at joke/nn ./.', 4),
			...repeat('she/pps laughed/vbd at/in the/at joke/nn ./.', 4)
		],
		options
	);

	it('keeps nouns seen with a determiner nearly always, with the words seen before them bare', () => {
		expect(nouns.door).toBe('');
		expect(nouns.car).toBe('by');
	});

	it('marks nouns tagged as verbs too as taking "to"', () => {
		expect(nouns.joke).toBe('to');
	});

	it('leaves out mass nouns, noun modifiers and nouns of one phrase', () => {
		expect(nouns).not.toHaveProperty('water');
		expect(nouns).not.toHaveProperty('newspaper');
		expect(nouns).not.toHaveProperty('sake');
	});
});
