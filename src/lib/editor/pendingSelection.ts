import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type Selection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { Doc } from 'yjs';

/**
 * The selection the browser shows but ProseMirror has not read yet, or null when the two agree.
 *
 * ProseMirror learns of a caret moved by a key (Home, an arrow) from the `selectionchange`
 * event, which Chromium queues behind input events and network messages. A key pressed right
 * after, or an update arriving in between, would otherwise act on the old caret: Enter splits
 * the paragraph where the caret was, and redrawing the view puts the caret back there.
 */
export function pendingSelection(view: EditorView): Selection | null {
	if (view.composing || !view.hasFocus()) return null;
	const dom = view.dom.ownerDocument.getSelection();
	if (!dom?.anchorNode || !dom.focusNode) return null;
	if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return null;
	const current = view.state.selection;
	// Node and whole-document selections are ProseMirror's own; the browser's view of them is not.
	if (!(current instanceof TextSelection)) return null;
	let anchor: number;
	let head: number;
	try {
		// Typed text the editor has not taken in yet (or is about to undo, as suggesting mode
		// does) makes the browser's offsets wrong for the document: leave those to ProseMirror.
		if (!showsDocument(view, dom.anchorNode) || !showsDocument(view, dom.focusNode)) return null;
		anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
		head = view.posAtDOM(dom.focusNode, dom.focusOffset);
	} catch {
		return null; // inside a widget (someone's caret label): nothing to read
	}
	if (anchor === current.anchor && head === current.head) return null;
	const { doc } = view.state;
	const size = doc.content.size;
	if (anchor < 0 || head < 0 || anchor > size || head > size) return null;
	const selection = TextSelection.between(doc.resolve(anchor), doc.resolve(head));
	return selection.eq(current) ? null : selection;
}

/** False when a text node on screen differs from the document's text at its place. */
function showsDocument(view: EditorView, node: Node): boolean {
	if (node.nodeType !== Node.TEXT_NODE) return true;
	const text = (node as Text).data;
	const start = view.posAtDOM(node, 0);
	const end = start + text.length;
	const { doc } = view.state;
	return end <= doc.content.size && doc.textBetween(start, end) === text;
}

/** Makes ProseMirror's selection the browser's before anything acts on it. */
function adoptPendingSelection(view: EditorView): void {
	const pending = pendingSelection(view);
	if (pending) view.dispatch(view.state.tr.setSelection(pending));
}

interface PendingSelectionOptions {
	/** The story's Yjs document: others' updates are applied to it outside the editor. */
	document: Doc | null;
}

interface PendingSelectionStorage {
	/** True while a transaction goes through the editor (and so any Yjs write it makes). */
	dispatching: boolean;
	detach: () => void;
}

/**
 * Reads a caret the browser moved but ProseMirror has not yet heard of, at the three moments
 * something would act on the stale one: a key press (before any key binding), a transaction
 * that only redraws (the checker's underlines, the review's highlights, others' carets), and a
 * Yjs transaction from outside the editor (someone else's typing), whose binding remembers the
 * caret before it applies.
 */
export const PendingSelection = Extension.create<PendingSelectionOptions, PendingSelectionStorage>({
	name: 'pendingSelection',
	// Before every key binding, so that Enter or Ctrl+Shift+End start from the caret shown.
	priority: 100_000,

	addOptions() {
		return { document: null };
	},

	addStorage() {
		return { dispatching: false, detach: () => {} };
	},

	onBeforeCreate() {
		const { document } = this.options;
		if (!document) return;
		// Registered before the editor's view exists, so it runs before the Yjs binding's own
		// listener takes its note of the caret (lib0 calls listeners in the order they came).
		const beforeAll = () => {
			// A transaction the editor itself started (typing written to Yjs) is not news.
			if (this.storage.dispatching || !this.editor.isInitialized || this.editor.isDestroyed) {
				return;
			}
			adoptPendingSelection(this.editor.view);
		};
		document.on('beforeAllTransactions', beforeAll);
		this.storage.detach = () => document.off('beforeAllTransactions', beforeAll);
	},

	onDestroy() {
		this.storage.detach();
	},

	dispatchTransaction({ transaction, next }) {
		if (!transaction.docChanged && !transaction.selectionSet && this.editor.isInitialized) {
			const pending = pendingSelection(this.editor.view);
			if (pending) transaction.setSelection(pending);
		}
		this.storage.dispatching = true;
		try {
			next(transaction);
		} finally {
			this.storage.dispatching = false;
		}
	},

	addProseMirrorPlugins() {
		return [
			new Plugin({
				key: new PluginKey('pendingSelection'),
				props: {
					// Runs after ProseMirror has read the DOM's pending changes and before any key
					// binding (this extension's priority puts its plugin first).
					handleKeyDown: (view) => {
						adoptPendingSelection(view);
						return false;
					}
				}
			})
		];
	}
});
