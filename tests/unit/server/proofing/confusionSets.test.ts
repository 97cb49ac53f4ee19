import { describe, expect, it } from 'vitest';
import { deriveConfusionSets } from '../../../../server/proofing/confusionSets';

describe('deriveConfusionSets', () => {
	const counts = new Map(
		Object.entries({
			peace: 40,
			piece: 60,
			form: 300,
			from: 900,
			walk: 200,
			walks: 150,
			zebra: 400,
			through: 500,
			thought: 400,
			mile: 200,
			male: 150,
			mole: 120,
			smile: 130
		})
	);
	const sets = deriveConfusionSets(counts, () => true);

	it('groups homophones from the pronouncing dictionary', () => {
		expect(sets).toContainEqual(['peace', 'piece']);
	});

	it('pairs common words one edit apart', () => {
		expect(sets).toContainEqual(['form', 'from']);
	});

	it('pairs long common words two edits apart, short ones only one', () => {
		expect(sets).toContainEqual(['thought', 'through']);
		expect(sets).toContainEqual(['male', 'mile']);
		expect(sets).not.toContainEqual(['male', 'smile']);
	});

	it('leaves out inflections, words with no partner and words the dictionary lacks', () => {
		expect(sets.flat()).not.toContain('walks');
		expect(sets.flat()).not.toContain('zebra');
		const unknownPiece = deriveConfusionSets(counts, (word) => word !== 'piece');
		expect(unknownPiece).not.toContainEqual(['peace', 'piece']);
	});
});
