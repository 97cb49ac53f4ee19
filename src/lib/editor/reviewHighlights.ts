import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { ReviewItem } from '$lib/review/reviewItems';
import { editMapping } from './editMapping';

/**
 * Highlights for comment threads and suggestions: decorations, never marks, so the text stays
 * exactly what the author wrote. A new set arrives whenever anchors are re-read; in between, the
 * set is mapped through every transaction, so highlights follow typing (anyone's) for free.
 */
/** The attribute naming the item on each highlight element. */
export const REVIEW_ID_ATTRIBUTE = 'data-review-id';

export const reviewHighlightsKey = new PluginKey<DecorationSet>('galleyReviewHighlights');

export function reviewHighlightsPlugin(onClick: (pos: number) => boolean): Plugin<DecorationSet> {
	return new Plugin<DecorationSet>({
		key: reviewHighlightsKey,
		state: {
			init: () => DecorationSet.empty,
			apply(tr, set) {
				const next = tr.getMeta(reviewHighlightsKey) as DecorationSet | undefined;
				if (next) return next;
				// Narrowed: a collaborator's edit arrives as one step replacing the whole document.
				return tr.docChanged ? set.map(editMapping(tr), tr.doc) : set;
			}
		},
		props: {
			decorations: (state: EditorState) => reviewHighlightsKey.getState(state),
			handleClick: (_view, pos) => onClick(pos)
		}
	});
}

/** Replaces the highlights with those of `items`; the focused one is drawn stronger. */
export function paintReviewHighlights(
	view: EditorView,
	items: readonly ReviewItem[],
	focusedId: string | null
): void {
	const { doc } = view.state;
	const decorations = items.flatMap((item) => itemDecorations(item, focusedId, doc.content.size));
	// Usually the highlights mapped through the edits are exactly where the anchors say: then a
	// new set would only make ProseMirror compare thousands of decorations to change nothing.
	const current = reviewHighlightsKey.getState(view.state);
	if (current && sameHighlights(current.find(), decorations)) return;
	publish(view, DecorationSet.create(doc, decorations));
}

/** Whether two lists hold the same highlights (same item, place and look), in any order. */
function sameHighlights(current: readonly Decoration[], next: readonly Decoration[]): boolean {
	if (current.length !== next.length) return false;
	const key = (decoration: Decoration) => {
		const spec = decoration.spec as ReviewSpec;
		return `${spec.reviewId} ${decoration.from} ${decoration.to} ${spec.look}`;
	};
	const counts = new Map<string, number>();
	for (const decoration of current) {
		const name = key(decoration);
		counts.set(name, (counts.get(name) ?? 0) + 1);
	}
	for (const decoration of next) {
		const name = key(decoration);
		const left = counts.get(name) ?? 0;
		if (left === 0) return false;
		counts.set(name, left - 1);
	}
	return true;
}

/**
 * Redraws only the items in `ids` (their new look in `items`, a subset: the others are gone or
 * hidden). The rest of the set is kept as mapped, so the editor redraws just those passages.
 */
export function patchReviewHighlights(
	view: EditorView,
	ids: ReadonlySet<string>,
	items: readonly ReviewItem[],
	focusedId: string | null
): void {
	const { doc } = view.state;
	const current = reviewHighlightsKey.getState(view.state) ?? DecorationSet.empty;
	const old = current.find(undefined, undefined, (spec: ReviewSpec) => ids.has(spec.reviewId));
	const fresh = items.flatMap((item) => itemDecorations(item, focusedId, doc.content.size));
	publish(view, current.remove(old).add(doc, fresh));
}

/**
 * Each decoration's spec names its item, so one item's highlights can be found and replaced,
 * and how it looks, so a set can be compared with another without rendering either.
 */
interface ReviewSpec {
	reviewId: string;
	look: string;
}

function publish(view: EditorView, set: DecorationSet): void {
	view.dispatch(view.state.tr.setMeta(reviewHighlightsKey, set).setMeta('addToHistory', false));
}

function itemDecorations(item: ReviewItem, focusedId: string | null, size: number): Decoration[] {
	const from = Math.min(item.from, size);
	const to = Math.min(Math.max(item.to, from), size);
	const focused = item.id === focusedId ? ' is-focused' : '';
	// The item's id on the element too: the margin finds passages by it (see passageTops).
	const attrs = (className: string) => ({ class: className, [REVIEW_ID_ATTRIBUTE]: item.id });
	const inline = (className: string) =>
		Decoration.inline(from, to, attrs(className), { reviewId: item.id, look: className });
	if (item.kind === 'thread') {
		if (item.thread.anchor.detached || from === to) return [];
		const resolved = item.thread.status === 'resolved' ? ' is-resolved' : '';
		return [inline(`review-comment${focused}${resolved}`)];
	}
	const { suggestion } = item;
	if (suggestion.detached || suggestion.status === 'rejected') return [];
	if (suggestion.status === 'accepted') return [];
	const stale = suggestion.status === 'stale' ? ' is-stale' : '';
	const decorations: Decoration[] = [];
	if (from < to) decorations.push(inline(`review-delete${focused}${stale}`));
	if (suggestion.replacement) {
		const text = suggestion.replacement;
		const key = `${item.id}:${focused}${stale}:${text}`;
		decorations.push(
			Decoration.widget(
				to,
				() => insertionElement(item.id, text, `review-insert${focused}${stale}`),
				{
					reviewId: item.id,
					look: key,
					side: -1,
					key,
					ignoreSelection: true
				}
			)
		);
	}
	return decorations;
}

/** The proposed text, shown inline; built as text so nothing in it is ever parsed as HTML. */
function insertionElement(id: string, text: string, className: string): HTMLElement {
	const element = document.createElement('ins');
	element.className = className;
	element.setAttribute(REVIEW_ID_ATTRIBUTE, id);
	element.textContent = text;
	element.contentEditable = 'false';
	return element;
}
