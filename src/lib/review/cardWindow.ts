import { firstIndex } from './firstIndex';

/**
 * Which laid-out margin cards overlap a band of the margin (the viewport and some overscan),
 * so only those are rendered. Cards are in layout order: their tops increase and they never
 * overlap, so their bottoms increase too and both ends of the window are binary searches.
 */
export interface CardWindow {
	/** First card in the band. */
	start: number;
	/** One past the last card in the band (`start === end`: none). */
	end: number;
}

/** Cards (by index) whose box [top, top + height) overlaps [from, to). */
export function cardWindow(
	tops: readonly number[],
	heights: readonly number[],
	from: number,
	to: number
): CardWindow {
	// First card whose bottom is below `from`, then first card whose top is at or past `to`.
	const start = firstIndex(tops.length, (i) => tops[i]! + heights[i]! > from);
	const end = firstIndex(tops.length, (i) => tops[i]! >= to);
	return { start, end: Math.max(start, end) };
}
