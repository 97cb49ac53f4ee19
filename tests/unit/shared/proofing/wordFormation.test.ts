import { describe, expect, it } from 'vitest';
import { droppedG, wordFormation } from '#shared/proofing/wordFormation';

/** A tiny dictionary, so the test says exactly which stems are known. */
const KNOWN = new Set([
	'shaved',
	'smiling',
	'white',
	'swing',
	'cackle',
	'stagy',
	'hug',
	'coming',
	'true'
]);
const isKnown = (word: string) => KNOWN.has(word);

describe('wordFormation', () => {
	it.each([
		['unshaved', ['un', 'shaved']],
		['unsmilingly', ['un', 'smiling', 'ly']],
		['whitely', ['white', 'ly']],
		['swingy', ['swing', 'y']],
		['cackly', ['cackle', 'y']],
		['staginess', ['stagy', 'ness']],
		['huggings', ['hug', 'ings']]
	])('takes %j apart', (word, parts) => {
		expect(wordFormation(word, isKnown)?.parts).toEqual(parts);
	});

	it('finds nothing in a word with no known stem, nor in a bare stem too short to take affixes', () => {
		expect(wordFormation('wierd', isKnown)).toBeUndefined();
		expect(wordFormation('undo', isKnown)).toBeUndefined();
	});

	it('goes at most two affixes deep', () => {
		expect(wordFormation('reunsmilingly', isKnown)).toBeUndefined();
	});

	it('reads a dropped g only where the -ing form is a word', () => {
		expect(droppedG('comin', isKnown)).toBe('coming');
		expect(droppedG("comin'", isKnown)).toBe('coming');
		expect(droppedG('cousin', isKnown)).toBeUndefined();
	});
});
