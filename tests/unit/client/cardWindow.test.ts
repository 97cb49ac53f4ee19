import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardWindow } from '../../../src/lib/review/cardWindow';

/** Cards stacked with a gap: tops and heights as the margin's layout gives them. */
function stacked(heights: number[], gap = 10): number[] {
	const tops: number[] = [];
	let next = 0;
	for (const height of heights) {
		tops.push(next);
		next += height + gap;
	}
	return tops;
}

describe('cardWindow', () => {
	it('picks the cards overlapping the band, partly visible ones included', () => {
		const heights = [100, 100, 100, 100, 100];
		const tops = stacked(heights); // 0, 110, 220, 330, 440
		expect(cardWindow(tops, heights, 150, 300)).toEqual({ start: 1, end: 3 });
		expect(cardWindow(tops, heights, 105, 110)).toEqual({ start: 1, end: 1 });
		expect(cardWindow(tops, heights, -500, 10_000)).toEqual({ start: 0, end: 5 });
	});

	it('is empty above, below, and for no cards', () => {
		const heights = [50, 50];
		const tops = stacked(heights);
		expect(cardWindow(tops, heights, 1000, 2000)).toEqual({ start: 2, end: 2 });
		expect(cardWindow(tops, heights, -300, -100)).toEqual({ start: 0, end: 0 });
		expect(cardWindow([], [], 0, 100)).toEqual({ start: 0, end: 0 });
	});

	it('agrees with checking every card', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 80 }),
				fc.integer({ min: -500, max: 20_000 }),
				fc.nat(5000),
				(heights, from, span) => {
					const tops = stacked(heights);
					const to = from + span;
					const expected = tops
						.map((top, i) => (top + heights[i]! > from && top < to ? i : -1))
						.filter((i) => i >= 0);
					const { start, end } = cardWindow(tops, heights, from, to);
					expect(Array.from({ length: end - start }, (_, i) => start + i)).toEqual(expected);
				}
			)
		);
	});
});
