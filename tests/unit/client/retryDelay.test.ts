import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../src/lib/collab/retryDelay';

describe('retryDelayMs', () => {
	it('doubles from 2 s to a minute', () => {
		const middle = () => 0.5;
		expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => retryDelayMs(attempt, middle))).toEqual([
			2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000
		]);
	});

	it('spreads each wait by a quarter either way', () => {
		expect(retryDelayMs(0, () => 0)).toBe(1_500);
		expect(retryDelayMs(0, () => 0.999_999)).toBe(2_500);
	});
});
