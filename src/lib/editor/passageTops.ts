import type { EditorView } from '@tiptap/pm/view';
import { REVIEW_ID_ATTRIBUTE } from './reviewHighlights';

/** Something with a place in the editor: a review item or the draft. */
export interface Passage {
	id: string;
	from: number;
}

/**
 * How far down each passage starts, in pixels below `base` (a viewport y). With thousands of
 * passages, asking ProseMirror for the coordinates of each (a DOM range and its client rects)
 * costs a quarter of a second; the highlights are already elements carrying their item's id,
 * whose offsets the layout just computed cost next to nothing. Passages without a highlight
 * (detached ones, the draft) are asked for the usual way. Call with the layout up to date.
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
	const parentTop = (parent: HTMLElement): number => {
		let top = parentTops.get(parent);
		if (top === undefined) {
			top = parent.getBoundingClientRect().top + parent.clientTop - base;
			parentTops.set(parent, top);
		}
		return top;
	};
	const size = view.state.doc.content.size;
	const tops = new Map<string, number>();
	for (const { id, from } of passages) {
		const element = firsts.get(id);
		const parent = element?.offsetParent;
		if (element && parent instanceof HTMLElement) {
			tops.set(id, parentTop(parent) + element.offsetTop);
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
