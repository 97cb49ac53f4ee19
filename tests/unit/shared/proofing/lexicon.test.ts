import { describe, expect, it } from 'vitest';
import { Lexicon, type LexiconData } from '#shared/proofing/Lexicon';

const data: LexiconData = {
	source: 'test fixture',
	unigrams: {
		'<s>': 10,
		the: 50,
		their: 6,
		there: 8,
		was: 20,
		house: 5,
		weird: 4,
		wired: 2,
		'.': 10
	},
	bigrams: { their: { house: 5 }, there: { was: 7 }, '<s>': { there: 4 } },
	tokens: 120,
	confusionSets: [['their', 'there']],
	words: ['unhurried'],
	compounds: ['grief-stricken'],
	compoundHeads: ['filled'],
	closedCompounds: ['bed room'],
	countNouns: { door: '', car: 'by to' }
};

describe('Lexicon', () => {
	const lexicon = new Lexicon(data);

	it('knows the confusion sets both ways', () => {
		expect([...(lexicon.alternatives('their') ?? [])]).toEqual(['there']);
		expect([...(lexicon.alternatives('there') ?? [])]).toEqual(['their']);
		expect(lexicon.alternatives('house')).toBeUndefined();
	});

	it('prefers the word seen in the context', () => {
		expect(lexicon.logNext('their', 'house')).toBeGreaterThan(lexicon.logNext('there', 'house'));
		expect(lexicon.logNext('there', 'was')).toBeGreaterThan(lexicon.logNext('their', 'was'));
	});

	it('finds corpus words up to two edits away, and not further', () => {
		expect(lexicon.similar('wierd').sort()).toEqual(['weird', 'wired']);
		expect(lexicon.similar('hoose')).toContain('house');
		expect(lexicon.similar('zzzzz')).toEqual([]);
	});

	it('knows its extra words and the hyphenated form of open compounds', () => {
		expect(lexicon.hasWord('unhurried')).toBe(true);
		expect(lexicon.hasWord('unhurry')).toBe(false);
		expect(lexicon.compound('grief stricken')).toBe('grief-stricken');
		expect(lexicon.isCompoundHead('filled')).toBe(true);
		expect(lexicon.closedCompound('bed room')).toBe('bedroom');
		expect(lexicon.closedCompound('bedr oom')).toBeUndefined();
	});

	it('says which count nouns want a determiner after which words', () => {
		expect(lexicon.wantsDeterminer('door', 'across')).toBe(true);
		expect(lexicon.wantsDeterminer('car', 'into')).toBe(true);
		expect(lexicon.wantsDeterminer('car', 'by')).toBe(false);
		expect(lexicon.wantsDeterminer('car', 'to')).toBe(false);
		expect(lexicon.wantsDeterminer('water', 'into')).toBe(false);
	});
});
