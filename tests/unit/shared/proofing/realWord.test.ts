import { describe, expect, it } from 'vitest';
import { createChecker } from '#shared/proofing/createChecker';
import { loadDictionary } from '../../../../server/proofing/loadDictionaries';
import { checker, described } from './checker';

describe('real-word errors from the corpus statistics', () => {
	it.each([
		['He could here the music.', 'confusion/corpus:here'],
		['I no the answer.', 'confusion/corpus:no'],
		['They bought a loaf of bred.', 'confusion/corpus:bred']
	])('flags %j', (text, expected) => {
		expect(described(text)).toEqual([expected]);
	});

	it('offers the likelier word as the fix, with a confidence', () => {
		const [found] = checker.check('He could here the music.');
		expect(found).toMatchObject({ kind: 'confusion', suggestions: ['hear'] });
		expect(['likely', 'possible']).toContain(found!.confidence);
	});

	it.each([
		'It was the first time in four years.',
		'Out there people were starving.',
		'In years past the river flooded.',
		'I love you too.'
	])('leaves %j alone', (text) => {
		expect(described(text)).toEqual([]);
	});

	it('finds nothing without a lexicon', () => {
		const bare = createChecker({
			dictionaries: { 'en-US': loadDictionary('en-US') },
			lexicon: null
		});
		expect(bare.check('He could here the music.')).toEqual([]);
	});
});
