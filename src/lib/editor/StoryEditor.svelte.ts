import { Editor } from '@tiptap/core';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { countWords } from '#shared/model/countWords';
import type { CollabSession } from '$lib/collab/session.svelte';
import type { CollabUser } from '$lib/collab/identity';
import type { CheckerState } from '$lib/proofing/CheckerState.svelte';
import type { ReviewState } from '$lib/review/ReviewState.svelte';
import { buildExtensions } from './buildExtensions';
import { HighlightWindow } from './HighlightWindow';

/** Word counts on long stories are not free: count once typing pauses. */
const COUNT_DELAY_MS = 400;

/** The same count the library shows: the shared rule, over the editor's text. */
function wordsIn(editor: Editor): number {
	const { doc } = editor.state;
	return countWords(doc.textBetween(0, doc.content.size, '\n', '\n'));
}

/**
 * The TipTap editor for one story, with the bits of its state the toolbar shows (can undo,
 * can redo, word count) as runes.
 */
export class StoryEditor {
	readonly editor: Editor;
	canUndo = $state(false);
	canRedo = $state(false);
	/** Null until the first count, so callers can fall back to the server's figure. */
	words = $state<number | null>(null);
	/** The current selection, for the bubble menu (a caret's place is not kept up to date). */
	selection = $state<{ from: number; to: number; empty: boolean }>({ from: 0, to: 0, empty: true });
	focused = $state(false);
	/** Bumped on every change of the text, so the margin can follow the passages. */
	docVersion = $state(0);
	/** Bumped when scrolling brought new highlights, so the margin can measure their passages. */
	highlightsVersion = $state(0);

	/** Null only while the editor is being made (its first transactions come before). */
	#highlights: HighlightWindow | null = null;
	#countTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		element: HTMLElement,
		session: CollabSession,
		user: CollabUser,
		review: ReviewState,
		onStep: (id: string) => void,
		checker: CheckerState | null = null
	) {
		this.editor = new Editor({
			element,
			extensions: buildExtensions(session, user, review, onStep, checker),
			editorProps: {
				attributes: {
					class: 'story-text',
					'aria-label': 'Story text',
					'aria-multiline': 'true',
					role: 'textbox',
					// Galley's checker underlines misspellings in the story's own dictionary. The
					// browser's, in the browser's language, drew a second set of squiggles and
					// re-checked the paragraph on every key.
					spellcheck: checker ? 'false' : 'true'
				}
			},
			// The callback's own editor: this can fire inside the constructor, before
			// `this.editor` is assigned.
			onCreate: ({ editor }) => this.#refresh(editor, true),
			onTransaction: ({ editor, transaction }) => this.#refresh(editor, transaction.docChanged),
			onFocus: () => (this.focused = true),
			onBlur: () => (this.focused = false)
		});
		const view = () => (this.editor.isDestroyed ? null : this.editor.view);
		const highlights = new HighlightWindow(
			view,
			{
				items: () => review.visible,
				focusedId: () => review.focusedId,
				current: () => review.placesCurrent
			},
			() => this.highlightsVersion++
		);
		this.#highlights = highlights;
		review.attach(this.editor, highlights);
		checker?.attach(this.editor);
	}

	undo(): void {
		this.editor.chain().focus().undo().run();
	}

	redo(): void {
		this.editor.chain().focus().redo().run();
	}

	setEditable(editable: boolean): void {
		if (this.editor.isEditable !== editable) this.editor.setEditable(editable);
	}

	destroy(): void {
		clearTimeout(this.#countTimer);
		this.#highlights?.destroy();
		this.editor.destroy();
	}

	#refresh(editor: Editor, docChanged: boolean): void {
		// What the Collaboration extension's undo and redo commands check first; asking the
		// commands (editor.can()) built a whole command chain twice per keystroke.
		const undoManager = yUndoPluginKey.getState(editor.state)?.undoManager;
		this.canUndo = (undoManager?.undoStack.length ?? 0) > 0;
		this.canRedo = (undoManager?.redoStack.length ?? 0) > 0;
		const { from, to, empty } = editor.state.selection;
		const last = this.selection;
		// A caret's place is of no use to the bubble menu, which shows over selected words only:
		// a caret moving as this person or someone else types wakes nothing.
		const caretStill = empty && last.empty;
		if (!caretStill && (last.from !== from || last.to !== to)) this.selection = { from, to, empty };
		if (!docChanged) return;
		this.docVersion++;
		this.#highlights?.schedule();
		clearTimeout(this.#countTimer);
		this.#countTimer = setTimeout(() => (this.words = wordsIn(editor)), COUNT_DELAY_MS);
	}
}
