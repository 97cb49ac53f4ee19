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
			zebra: 400
		})
	);
	const sets = deriveConfusionSets(counts, () => true);

	it('groups homophones from the pronouncing dictionary', () => {
		expect(sets).toContainEqual(['peace', 'piece']);
	});

	it('pairs common words one edit apart', () => {
		expect(sets).toContainEqual(['form', 'from']);
	});

	it('leaves out inflections, words with no partner and words the dictionary lacks', () => {
		expect(sets.flat()).not.toContain('walks');
		expect(sets.flat()).not.toContain('zebra');
		const unknownPiece = deriveConfusionSets(counts, (word) => word !== 'piece');
		expect(unknownPiece).not.toContainEqual(['peace', 'piece']);
	});
});
