import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	blocksInBand,
	covers,
	itemsInRange,
	type BlockBox
} from '../../../src/lib/editor/highlightBand';

/** Blocks of the given sizes and heights, stacked from pixel `top` (a scrolled page: negative). */
function stacked(sizes: number[], heights: number[], top = 0): BlockBox[] {
	const blocks: BlockBox[] = [];
	let pos = 0;
	let y = top;
	sizes.forEach((size, index) => {
		blocks.push({ pos, size, top: y, bottom: y + heights[index]! });
		pos += size;
		y += heights[index]!;
	});
	return blocks;
}

describe('blocksInBand', () => {
	const blocks = stacked([10, 20, 30, 40, 50], [100, 100, 100, 100, 100], -150);
	// Boxes: [-150, -50) [-50, 50) [50, 150) [150, 250) [250, 350); positions 0, 10, 30, 60, 100.

	it('covers the blocks overlapping the band, partly visible ones included', () => {
		expect(blocksInBand(5, (i) => blocks[i]!, 0, 200)).toEqual({ from: 10, to: 100 });
		expect(blocksInBand(5, (i) => blocks[i]!, -1000, 1000)).toEqual({ from: 0, to: 150 });
	});

	it('keeps the nearest block when the band is above or below the text, and none for no blocks', () => {
		expect(blocksInBand(5, (i) => blocks[i]!, 2000, 3000)).toEqual({ from: 100, to: 150 });
		expect(blocksInBand(5, (i) => blocks[i]!, -900, -800)).toEqual({ from: 0, to: 10 });
		expect(blocksInBand(0, () => blocks[0]!, 0, 100)).toBeNull();
	});

	it('reads only a few blocks of a long story', () => {
		const many = stacked(
			Array.from({ length: 5000 }, () => 100),
			Array.from({ length: 5000 }, () => 60)
		);
		let reads = 0;
		const range = blocksInBand(
			many.length,
			(i) => {
				reads++;
				return many[i]!;
			},
			60_000,
			61_000
		);
		expect(range).toEqual({ from: 100_000, to: 101_700 });
		expect(reads).toBeLessThan(40);
	});

	it('agrees with checking every block', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 60 }),
				fc.integer({ min: -2000, max: 8000 }),
				fc.integer({ min: 1, max: 3000 }),
				(heights, from, length) => {
					const boxes = stacked(
						heights.map(() => 7),
						heights
					);
					const to = from + length;
					const overlapping = boxes.filter((box) => box.bottom > from && box.top < to);
					const range = blocksInBand(boxes.length, (i) => boxes[i]!, from, to)!;
					if (overlapping.length === 0) return range.to - range.from === 7;
					const last = overlapping.at(-1)!;
					return range.from === overlapping[0]!.pos && range.to === last.pos + last.size;
				}
			)
		);
	});
});

describe('covers', () => {
	it('holds when the inner range is inside the outer one', () => {
		expect(covers({ from: 0, to: 100 }, { from: 10, to: 100 })).toBe(true);
		expect(covers({ from: 20, to: 100 }, { from: 10, to: 50 })).toBe(false);
		expect(covers({ from: 0, to: 40 }, { from: 10, to: 50 })).toBe(false);
		expect(covers(null, { from: 10, to: 50 })).toBe(false);
		expect(covers({ from: 0, to: 1 }, null)).toBe(true);
	});
});

describe('itemsInRange', () => {
	const items = [
		{ id: 'before', from: 1, to: 9 },
		{ id: 'touching', from: 5, to: 10 },
		{ id: 'inside', from: 20, to: 30 },
		{ id: 'across', from: 0, to: 100 },
		{ id: 'after', from: 51, to: 60 },
		{ id: 'focused', from: 200, to: 210 }
	];

	it('keeps the items whose passage touches the range, and the focused one wherever it is (even with no range)', () => {
		const ids = (list: { id: string }[]) => list.map((item) => item.id);
		expect(ids(itemsInRange(items, { from: 10, to: 50 }, null))).toEqual([
			'touching',
			'inside',
			'across'
		]);
		expect(ids(itemsInRange(items, { from: 10, to: 50 }, 'focused'))).toEqual([
			'touching',
			'inside',
			'across',
			'focused'
		]);
		expect(ids(itemsInRange(items, null, 'focused'))).toEqual(['focused']);
		expect(itemsInRange(items, null, null)).toEqual([]);
	});
});
