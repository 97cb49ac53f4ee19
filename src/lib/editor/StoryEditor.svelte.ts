import { Editor } from '@tiptap/core';
import { countWords } from '#shared/model/countWords';
import type { CollabSession } from '$lib/collab/session.svelte';
import type { CollabUser } from '$lib/collab/identity';
import { buildExtensions } from './buildExtensions';

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

	#countTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(element: HTMLElement, session: CollabSession, user: CollabUser) {
		this.editor = new Editor({
			element,
			extensions: buildExtensions(session, user),
			editorProps: {
				attributes: {
					class: 'story-text',
					'aria-label': 'Story text',
					'aria-multiline': 'true',
					role: 'textbox',
					spellcheck: 'true'
				}
			},
			// The callback's own editor: this can fire inside the constructor, before
			// `this.editor` is assigned.
			onCreate: ({ editor }) => this.#refresh(editor, true),
			onTransaction: ({ editor, transaction }) => this.#refresh(editor, transaction.docChanged)
		});
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
		this.editor.destroy();
	}

	#refresh(editor: Editor, docChanged: boolean): void {
		this.canUndo = editor.can().undo();
		this.canRedo = editor.can().redo();
		if (!docChanged) return;
		clearTimeout(this.#countTimer);
		this.#countTimer = setTimeout(() => (this.words = wordsIn(editor)), COUNT_DELAY_MS);
	}
}
