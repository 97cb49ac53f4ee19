import { Editor } from '@tiptap/core';
import type { CollabSession } from '$lib/collab/session.svelte';
import type { CollabUser } from '$lib/collab/identity';
import { buildExtensions } from './buildExtensions';

/** Word counts on long stories are not free: count once typing pauses. */
const COUNT_DELAY_MS = 400;

function countWords(editor: Editor): number {
	const { doc } = editor.state;
	const text = doc.textBetween(0, doc.content.size, ' ', ' ');
	const matches = text.match(/\S+/g);
	return matches ? matches.length : 0;
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
		this.#countTimer = setTimeout(() => (this.words = countWords(editor)), COUNT_DELAY_MS);
	}
}
