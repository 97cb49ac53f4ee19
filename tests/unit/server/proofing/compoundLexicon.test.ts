import { describe, expect, it } from 'vitest';
import { buildCompoundLexicon } from '../../../../server/proofing/compoundLexicon';

const KNOWN = new Set([
	'water',
	'tear',
	'oil',
	'sand',
	'fill',
	'filled',
	'over',
	'counter',
	'bed',
	'room',
	'bedroom',
	'half',
	'hour'
]);
const isKnown = (word: string) => KNOWN.has(word);

describe('buildCompoundLexicon', () => {
	const sentences = [
		['a', 'water-filled', 'tank'],
		['a', 'tear-filled', 'eye'],
		['an', 'oil-filled', 'lamp'],
		['a', 'sand-filled', 'bag'],
		['half', 'hour'],
		['half', 'hour'],
		['a', 'half-hour'],
		['the', 'bedroom', 'and', 'the', 'bedroom', 'and', 'the', 'bedroom']
	];
	const counts = new Map(Object.entries({ bed: 40, room: 50, bedroom: 3, water: 30 }));
	const lexicon = buildCompoundLexicon(
		sentences,
		new Set(['over-the-counter', 'bedroom']),
		isKnown,
		counts
	);

	it('keeps hyphenated compounds whose open form is rarer', () => {
		expect(lexicon.compounds).toContain('water-filled');
		expect(lexicon.compounds).not.toContain('half-hour');
	});

	it('leaves out compounds with a function word', () => {
		expect(lexicon.compounds).not.toContain('over-the-counter');
	});

	it('finds productive heads and closed compounds', () => {
		expect(lexicon.heads).toEqual(['filled']);
		expect(lexicon.closed).toEqual(['bed room']);
	});
});
