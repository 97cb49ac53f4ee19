import { describe, expect, it } from 'vitest';
import { createChecker } from '#shared/proofing/createChecker';
import { loadDictionary } from '../../../../server/proofing/loadDictionaries';
import { checker, described } from './checker';

describe('real-word errors from the corpus statistics', () => {
	it.each([
		['I no the answer.', 'confusion/corpus:no'],
		['We went over they hill.', 'confusion/corpus:they']
	])('flags %j', (text, expected) => {
		expect(described(text)).toEqual([expected]);
	});

	it('offers the likelier word as the fix, as a possible error', () => {
		expect(checker.check('I no the answer.')).toMatchObject([
			{ kind: 'confusion', start: 2, end: 4, suggestions: ['know'], confidence: 'possible' }
		]);
	});

	it.each([
		'It was the first time in four years.',
		'Out there people were starving.',
		'In years past the river flooded.',
		'I love you too.',
		'How long is he going to wait?',
		'I loved the way she walked.',
		'So would she mind speaking up?',
		'I might have died there if left to myself.',
		'With care, she would live a rewarding, rich and unusual life.'
	])('leaves %j alone', (text) => {
		expect(described(text)).toEqual([]);
	});

	it('finds nothing without a lexicon', () => {
		const bare = createChecker({
			dictionaries: { 'en-US': loadDictionary('en-US') },
			lexicon: null
		});
		expect(bare.check('I no the answer.')).toEqual([]);
	});
});

describe('real-word slips: coordinators', () => {
	it.each([
		'Women are not guided by logic or common sense.',
		'He cursed command or weather alike.',
		'There was no purpose or responsibility in it.'
	])('leaves "or" between two nouns alone: %j', (text) => {
		expect(described(text).filter((found) => found.startsWith('confusion'))).toEqual([]);
	});
});
