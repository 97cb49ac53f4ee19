import type { EditorView } from '@tiptap/pm/view';
import { REVIEW_ID_ATTRIBUTE } from './reviewHighlights';

/** Something with a place in the editor: a review item or the draft. */
export interface Passage {
	id: string;
	from: number;
}

/** Passages farther than this many viewport heights from it are placed by their block only. */
const EXACT_SCREENS = 2;

/**
 * How far down each passage starts, in pixels below `base` (a viewport y). With thousands of
 * passages, asking ProseMirror for the coordinates of each (a DOM range and its client rects)
 * costs a quarter of a second; the highlights are already elements carrying their item's id,
 * whose offsets the layout just computed cost next to nothing. Passages without a highlight
 * near the viewport (detached ones, the draft) are asked for the usual way; far from it, where
 * no highlights are drawn (see HighlightWindow), a passage is placed at the top of its block:
 * its card is not rendered, and by the time it is, its highlight is there. Call with the layout
 * up to date.
 */
export function passageTops(
	view: EditorView,
	passages: readonly Passage[],
	base: number
): Map<string, number> {
	// The first element of each item, in document order, is where its passage starts.
	const firsts = new Map<string, HTMLElement>();
	for (const element of view.dom.querySelectorAll<HTMLElement>(`[${REVIEW_ID_ATTRIBUTE}]`)) {
		const id = element.getAttribute(REVIEW_ID_ATTRIBUTE)!;
		if (!firsts.has(id)) firsts.set(id, element);
	}
	// Offsets are from the element's offset parent (normally the editor itself): one rect each.
	const parentTops = new Map<Element, number>();
	const offsetTop = (element: HTMLElement): number | null => {
		const parent = element.offsetParent;
		if (!(parent instanceof HTMLElement)) return null;
		let top = parentTops.get(parent);
		if (top === undefined) {
			top = parent.getBoundingClientRect().top + parent.clientTop - base;
			parentTops.set(parent, top);
		}
		return top + element.offsetTop;
	};
	const blocks = blockTops(view, offsetTop);
	const margin = EXACT_SCREENS * window.innerHeight;
	const near = (top: number) => top + base > -margin && top + base < window.innerHeight + margin;
	const size = view.state.doc.content.size;
	const tops = new Map<string, number>();
	for (const { id, from } of passages) {
		const element = firsts.get(id);
		const top = element ? offsetTop(element) : null;
		if (top !== null) {
			tops.set(id, top);
			continue;
		}
		const blockTop = blocks(from);
		if (blockTop !== null && !near(blockTop)) {
			tops.set(id, blockTop);
			continue;
		}
		try {
			tops.set(id, view.coordsAtPos(Math.min(from, size)).top - base);
		} catch {
			// Positions moved under us; the next measure catches up.
		}
	}
	return tops;
}

/** Finds the top of the top-level block holding a position (each block measured once). */
function blockTops(
	view: EditorView,
	offsetTop: (element: HTMLElement) => number | null
): (pos: number) => number | null {
	const starts: number[] = [];
	view.state.doc.forEach((_node, offset) => starts.push(offset));
	const tops = new Map<number, number | null>();
	return (pos) => {
		// The last block starting at or before `pos`.
		let low = 0;
		let high = starts.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (starts[middle]! <= pos) low = middle + 1;
			else high = middle;
		}
		const start = starts[low - 1];
		if (start === undefined) return null;
		let top = tops.get(start);
		if (top === undefined) {
			const element = view.nodeDOM(start);
			top = element instanceof HTMLElement ? offsetTop(element) : null;
			tops.set(start, top);
		}
		return top;
	};
}
