import type { EditorView } from '@tiptap/pm/view';
import type { HighlightPainter } from '$lib/review/ReviewState.svelte';
import type { ReviewItem } from '$lib/review/reviewItems';
import { blocksInBand, covers, itemsInRange, type BlockBox, type DocRange } from './highlightBand';
import { paintReviewHighlights, patchReviewHighlights } from './reviewHighlights';

/** Highlights are drawn this many viewport heights above and below the viewport… */
const DRAWN_SCREENS = 3;
/** …and drawn again once scrolling brings less than this many screens' margin into view. */
const KEPT_SCREENS = 1.5;

/** What the review would draw now: every shown item and the focused one. */
export interface HighlightSource {
	items(): readonly ReviewItem[];
	focusedId(): string | null;
	/** Whether the items' places are those of the text as it is now (not before an edit). */
	current(): boolean;
}

/**
 * Draws the review's highlights only for the passages near the viewport (see highlightBand),
 * and again as scrolling nears the edge of what was drawn. Everything else about the items
 * (counts, navigation, the margin's layout) still covers all of them.
 */
export class HighlightWindow implements HighlightPainter {
	#view: () => EditorView | null;
	#source: HighlightSource;
	#onRedraw: () => void;
	/** The document range drawn last (null: nothing yet, or the editor was empty). */
	#drawn: DocRange | null = null;
	#frame = 0;
	#cleanup: () => void;

	/** `onRedraw`: called after a redraw caused by scrolling (the margin measures again). */
	constructor(view: () => EditorView | null, source: HighlightSource, onRedraw: () => void) {
		this.#view = view;
		this.#source = source;
		this.#onRedraw = onRedraw;
		const schedule = () => this.#schedule();
		// Capture: any scrolling container, not only the window, may move the text.
		const options = { capture: true, passive: true };
		window.addEventListener('scroll', schedule, options);
		window.addEventListener('resize', schedule);
		this.#cleanup = () => {
			window.removeEventListener('scroll', schedule, options);
			window.removeEventListener('resize', schedule);
			cancelAnimationFrame(this.#frame);
		};
	}

	paint(items: readonly ReviewItem[], focusedId: string | null): void {
		const view = this.#view();
		if (!view) return;
		this.#drawn = this.#band(view, DRAWN_SCREENS);
		paintReviewHighlights(view, itemsInRange(items, this.#drawn, focusedId), focusedId);
	}

	patch(ids: ReadonlySet<string>, items: readonly ReviewItem[], focusedId: string | null): void {
		const view = this.#view();
		if (!view) return;
		patchReviewHighlights(view, ids, itemsInRange(items, this.#drawn, focusedId), focusedId);
	}

	destroy(): void {
		this.#cleanup();
	}

	/**
	 * Checks at the next frame whether the viewport nears the edge of what is drawn. Scrolling
	 * calls it; so does each change of the text, which may fill an empty editor or move blocks.
	 */
	schedule(): void {
		this.#schedule();
	}

	#schedule(): void {
		if (this.#frame) return;
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			this.#follow();
		});
	}

	/** Draws again when the viewport nears the edge of the drawn range. */
	#follow(): void {
		const view = this.#view();
		// After an edit the items' places are stale until the review reads the anchors again,
		// which it does once typing settles, and then draws everything anew anyway.
		if (!view || !this.#source.current()) return;
		if (covers(this.#drawn, this.#band(view, KEPT_SCREENS))) return;
		this.paint(this.#source.items(), this.#source.focusedId());
		this.#onRedraw();
	}

	/** The document range of the blocks within `screens` viewport heights of the viewport. */
	#band(view: EditorView, screens: number): DocRange | null {
		const { doc } = view.state;
		const starts: number[] = [];
		doc.forEach((_node, offset) => starts.push(offset));
		const boxes = new Map<number, BlockBox>();
		const block = (index: number): BlockBox => {
			let box = boxes.get(index);
			if (!box) {
				const pos = starts[index]!;
				const size = doc.child(index).nodeSize;
				const element = view.nodeDOM(pos);
				const rect = element instanceof HTMLElement ? element.getBoundingClientRect() : null;
				// A block without an element of its own is placed by its neighbours' order only.
				box = { pos, size, top: rect?.top ?? 0, bottom: rect?.bottom ?? 0 };
				boxes.set(index, box);
			}
			return box;
		};
		const margin = screens * window.innerHeight;
		return blocksInBand(starts.length, block, -margin, window.innerHeight + margin);
	}
}
