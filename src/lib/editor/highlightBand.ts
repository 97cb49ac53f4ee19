import { firstIndex } from '../review/firstIndex';

/**
 * Which part of the story gets review highlights: the top-level blocks on screen plus a margin
 * of some screens. Thousands of highlights cost half a second to build, draw and lay out, and
 * nobody sees those far off-screen; the band moves with scrolling (see HighlightWindow).
 * Pure: block geometry comes in as numbers, so it is tested without a browser.
 */

/** Editor positions [from, to]. */
export interface DocRange {
	from: number;
	to: number;
}

/** A top-level block: where it starts in the document, its size, its box in pixels. */
export interface BlockBox {
	pos: number;
	size: number;
	top: number;
	bottom: number;
}

/**
 * The document range of the blocks whose boxes overlap pixels [from, to) (blocks in document
 * order, so their tops increase: two binary searches, a handful of layout reads). `block(i)` is
 * only called for the blocks the search visits. Null when there are no blocks.
 */
export function blocksInBand(
	count: number,
	block: (index: number) => BlockBox,
	from: number,
	to: number
): DocRange | null {
	if (count === 0) return null;
	const first = Math.min(
		count - 1,
		firstIndex(count, (i) => block(i).bottom > from)
	);
	const end = firstIndex(count, (i) => block(i).top >= to);
	const last = Math.max(first, end - 1);
	const lastBlock = block(last);
	return { from: block(first).pos, to: lastBlock.pos + lastBlock.size };
}

/** Whether `outer` holds all of `inner`. */
export function covers(outer: DocRange | null, inner: DocRange | null): boolean {
	if (inner === null) return true;
	return outer !== null && outer.from <= inner.from && inner.to <= outer.to;
}

/**
 * The items with a passage touching `range`, plus the one with id `keep` wherever it is (the
 * focused one: going to it draws it before the scroll arrives). No range (an empty editor):
 * only that one.
 */
export function itemsInRange<T extends { id: string; from: number; to: number }>(
	items: readonly T[],
	range: DocRange | null,
	keep: string | null
): T[] {
	return items.filter(
		(item) => (range !== null && item.from <= range.to && item.to >= range.from) || item.id === keep
	);
}
