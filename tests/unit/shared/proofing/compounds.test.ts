import { describe, expect, it } from 'vitest';
import { createChecker } from '#shared/proofing/createChecker';
import { loadDictionary } from '../../../../server/proofing/loadDictionaries';
import { described, expectClean, expectFix } from './checker';

describe('compounds from the lexicon', () => {
	it.each([
		['It was a grief stricken face.', 'It was a grief-stricken face.'],
		['She was grief stricken.', 'She was grief-stricken.'],
		['He carried a water filled bucket.', 'He carried a water-filled bucket.'],
		['A nice looking man came in.', 'A nice-looking man came in.'],
		['They walked down a quiet, tree lined road.', 'They walked down a quiet, tree-lined road.'],
		['He looked through bleary, tear filled eyes.', 'He looked through bleary, tear-filled eyes.'],
		['She went to the class room.', 'She went to the classroom.'],
		['He tore away the blood soaked parts.', 'He tore away the blood-soaked parts.'],
		[
			'She showed the stumps of betel stained teeth.',
			'She showed the stumps of betel-stained teeth.'
		]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it('leaves a shade and a colour open', () => {
		expectClean('She had dark brown hair and pale blue eyes.');
	});

	it('says how sure it is: a listed compound is likely, a productive one and a closed one possible', () => {
		expect(described('It was a grief stricken face.')).toEqual(['hyphen/lexicon:grief stricken']);
		const checker = createChecker({ dictionaries: { 'en-US': loadDictionary('en-US') } });
		const confidence = (text: string) => checker.check(text).map((found) => found.confidence);
		expect(confidence('It was a grief stricken face.')).toEqual(['likely']);
		expect(confidence('He carried a water filled bucket.')).toEqual(['possible']);
		expect(confidence('She went to the class room.')).toEqual(['possible']);
	});

	it.each([
		['a verb after a noun', 'The dog chased cats.'],
		['a participle after a plural subject', 'The meetings taking place were long.'],
		['a phrase with a function word', 'He slid the bag over the counter to her.'],
		['a noun compound not before a noun', 'He left half an hour later.'],
		['a name', 'They met Grief Stricken at the door.'],
		['a subject and its verb', 'Then the air filled with dust.'],
		['a noun compound in -ing at the end of its phrase', 'The train slowed at a road crossing.'],
		['a participle before an adverb', 'The manager said, his voice pitched low, "Wait."'],
		['"another" before a participle', 'He was waiting for another acting job.']
	])('leaves %s alone', (_, text) => expectClean(text));

	it('finds nothing without a lexicon', () => {
		const bare = createChecker({
			dictionaries: { 'en-US': loadDictionary('en-US') },
			lexicon: null
		});
		expect(bare.check('It was a grief stricken face.')).toEqual([]);
	});
});
