import { Extension } from '@tiptap/core';
import { Selection, TextSelection } from '@tiptap/pm/state';

/**
 * Ctrl+Home / Ctrl+End (with Shift: select to there) done by the editor, from the document,
 * rather than by the browser from its layout: blocks far from the screen are not laid out
 * (`content-visibility: auto`, see Editor.svelte), and the browser stops at the last block it has
 * laid out instead of the story's start or end (tests/e2e/longStory.e2e.ts copies to the end).
 */
export const DocumentEdgeKeys = Extension.create({
	name: 'documentEdgeKeys',

	addKeyboardShortcuts() {
		const go = (edge: 'start' | 'end', extend: boolean) => () => {
			const { state, view } = this.editor;
			const target = edge === 'start' ? Selection.atStart(state.doc) : Selection.atEnd(state.doc);
			const selection = extend
				? TextSelection.between(state.selection.$anchor, target.$head)
				: target;
			view.dispatch(state.tr.setSelection(selection).scrollIntoView());
			return true;
		};
		return {
			'Mod-Home': go('start', false),
			'Mod-End': go('end', false),
			'Mod-Shift-Home': go('start', true),
			'Mod-Shift-End': go('end', true)
		};
	}
});
