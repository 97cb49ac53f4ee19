import { describe, expect, it } from 'vitest';
import { applyFixes } from '#shared/proofing/applyFixes';
import type { Flag } from '#shared/proofing/types';

const flag = (start: number, end: number, suggestions: string[]): Flag => ({
	start,
	end,
	suggestions,
	kind: 'spelling',
	message: 'm',
	rule: 'spelling/unknown',
	confidence: 'likely'
});

describe('applyFixes', () => {
	it('applies first suggestions from the end so offsets stay valid', () => {
		expect(applyFixes('teh cat adn dog', [flag(8, 11, ['and']), flag(0, 3, ['the', 'tea'])])).toBe(
			'the cat and dog'
		);
	});

	it('skips flags without suggestions and flags overlapping an earlier one', () => {
		expect(applyFixes('abcdef', [flag(0, 3, ['X']), flag(2, 4, ['Y']), flag(4, 5, [])])).toBe(
			'Xdef'
		);
	});

	it('inserts at zero-width flags', () => {
		expect(applyFixes('"Hi', [flag(3, 3, ['"'])])).toBe('"Hi"');
	});
});
