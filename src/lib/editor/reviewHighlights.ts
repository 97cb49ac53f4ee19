import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { ReviewItem } from '$lib/review/reviewItems';

/**
 * Highlights for comment threads and suggestions: decorations, never marks, so the text stays
 * exactly what the author wrote. A new set arrives whenever anchors are re-read; in between, the
 * set is mapped through every transaction, so highlights follow typing (anyone's) for free.
 */
export const reviewHighlightsKey = new PluginKey<DecorationSet>('galleyReviewHighlights');

export function reviewHighlightsPlugin(onClick: (pos: number) => boolean): Plugin<DecorationSet> {
	return new Plugin<DecorationSet>({
		key: reviewHighlightsKey,
		state: {
			init: () => DecorationSet.empty,
			apply(tr, set) {
				const next = tr.getMeta(reviewHighlightsKey) as DecorationSet | undefined;
				if (next) return next;
				return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
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
	const size = doc.content.size;
	const decorations: Decoration[] = [];
	for (const item of items) {
		const from = Math.min(item.from, size);
		const to = Math.min(Math.max(item.to, from), size);
		const focused = item.id === focusedId ? ' is-focused' : '';
		if (item.kind === 'thread') {
			if (item.thread.anchor.detached || from === to) continue;
			const resolved = item.thread.status === 'resolved' ? ' is-resolved' : '';
			decorations.push(
				Decoration.inline(from, to, { class: `review-comment${focused}${resolved}` })
			);
			continue;
		}
		const { suggestion } = item;
		if (suggestion.detached || suggestion.status === 'rejected') continue;
		if (suggestion.status === 'accepted') continue;
		const stale = suggestion.status === 'stale' ? ' is-stale' : '';
		if (from < to) {
			decorations.push(Decoration.inline(from, to, { class: `review-delete${focused}${stale}` }));
		}
		if (suggestion.replacement) {
			const text = suggestion.replacement;
			decorations.push(
				Decoration.widget(to, () => insertionElement(text, `review-insert${focused}${stale}`), {
					side: -1,
					key: `${item.id}:${focused}${stale}:${text}`,
					ignoreSelection: true
				})
			);
		}
	}
	const set = DecorationSet.create(doc, decorations);
	view.dispatch(view.state.tr.setMeta(reviewHighlightsKey, set).setMeta('addToHistory', false));
}

/** The proposed text, shown inline; built as text so nothing in it is ever parsed as HTML. */
function insertionElement(text: string, className: string): HTMLElement {
	const element = document.createElement('ins');
	element.className = className;
	element.textContent = text;
	element.contentEditable = 'false';
	return element;
}
