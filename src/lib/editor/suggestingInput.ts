import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { REVIEW_EDIT_META, type ReviewState } from '$lib/review/ReviewState.svelte';
import { caretOffScreen } from './caretOffScreen';

const suggestingInputKey = new PluginKey('galleySuggestingInput');

/**
 * Suggesting mode: typing, deleting and pasting become suggestions in `notes:<id>` instead of
 * edits of the text. Keystrokes that continue where the last one left off grow the same
 * suggestion, so a retyped word is one proposal, not one per letter. Any other local edit is
 * refused while the mode is on; remote edits, undo (Yjs) and accepted suggestions pass.
 */
export function suggestingInputPlugin(review: ReviewState): Plugin {
	return new Plugin({
		key: suggestingInputKey,
		filterTransaction(tr) {
			if (!review.suggesting || !tr.docChanged) return true;
			if (tr.getMeta(ySyncPluginKey) || tr.getMeta(REVIEW_EDIT_META)) return true;
			review.say('You are suggesting: type, delete or paste to propose a change.');
			return false;
		},
		props: {
			// Typed characters are taken at keypress, before the browser inserts them into the
			// page: otherwise it edits the paragraph, ProseMirror reads the change back, and the
			// paragraph is drawn again without it, at every keystroke. IME composition and
			// input without key events still arrive through handleTextInput.
			handleKeyPress(view, event) {
				if (!review.suggesting || view.composing || !event.charCode) return false;
				if ((event.ctrlKey && !event.altKey) || event.metaKey) return false;
				const text = String.fromCodePoint(event.charCode);
				if (/[\r\n]/.test(text)) return false;
				const { from, to } = view.state.selection;
				// Read now, while the layout is still clean: reading it after the change would lay
				// the page out once more, at every keystroke.
				const offScreen = caretOffScreen(view, to);
				typeText(review, view, from, to, text);
				// As the browser would have, typing brings the caret into view.
				if (offScreen) view.dispatch(view.state.tr.scrollIntoView());
				return true;
			},
			handleTextInput(view, from, to, text) {
				if (!review.suggesting) return false;
				typeText(review, view, from, to, text);
				return true;
			},
			handlePaste(view, _event, slice) {
				if (!review.suggesting) return false;
				const text = slice.content.textBetween(0, slice.content.size, ' ', ' ');
				const { from, to } = view.state.selection;
				if (text) typeText(review, view, from, to, text);
				return true;
			},
			handleDrop: () => review.suggesting,
			handleKeyDown(view, event) {
				if (!review.suggesting || event.altKey || event.ctrlKey || event.metaKey) return false;
				if (event.key === 'Backspace') return deleteText(review, view, -1);
				if (event.key === 'Delete') return deleteText(review, view, 1);
				if (event.key === 'Enter') {
					review.say('Suggestions stay within a paragraph: Enter does nothing while suggesting.');
					return true;
				}
				return false;
			}
		}
	});
}

function typeText(review: ReviewState, view: EditorView, from: number, to: number, text: string) {
	const active = from === to ? activeSuggestion(review) : null;
	if (active && active.to === from) {
		review.growSuggestion(active.id, active.replacement + text);
		return;
	}
	// Typing right after deleting words (caret where they start) proposes their replacement.
	if (active && active.replacement === '' && active.original !== '' && active.from === from) {
		review.growSuggestion(active.id, text);
		moveCaret(view, active.to);
		return;
	}
	const id = review.suggest(from, to, text);
	if (!id) return;
	review.activeSuggestionId = id;
	// Typing on continues after the replaced words, where the proposed text is shown.
	if (from !== to) moveCaret(view, to);
}

/** Backspace (-1) or Delete (1) while suggesting; always handled. */
function deleteText(review: ReviewState, view: EditorView, direction: -1 | 1): boolean {
	const { from, to, empty, $from } = view.state.selection;
	if (!empty) {
		const id = review.suggest(from, to, '');
		if (id) review.activeSuggestionId = id;
		moveCaret(view, direction < 0 ? from : to);
		return true;
	}
	const active = activeSuggestion(review);
	// Taking back letters just typed into the active suggestion.
	if (direction < 0 && active && active.to === from && active.replacement) {
		const letters = Array.from(active.replacement);
		letters.pop();
		if (letters.length === 0 && active.original === '') review.withdraw(active.id);
		else review.growSuggestion(active.id, letters.join(''));
		return true;
	}
	const atEdge =
		direction < 0 ? $from.parentOffset === 0 : $from.parentOffset === $from.parent.content.size;
	if (atEdge) {
		review.say('Suggestions stay within a paragraph: joining paragraphs needs editing mode.');
		return true;
	}
	// Growing a deletion on the side the caret is on.
	if (active && active.replacement === '' && active.original !== '') {
		if (direction < 0 && (from === active.from || from === active.to)) {
			review.reshapeSuggestion(active.id, active.from - 1, active.to, '');
			moveCaret(view, active.from - 1);
			return true;
		}
		if (direction > 0 && (from === active.to || from === active.from)) {
			review.reshapeSuggestion(active.id, active.from, active.to + 1, '');
			moveCaret(view, active.to + 1);
			return true;
		}
	}
	const [start, end] = direction < 0 ? [from - 1, from] : [from, from + 1];
	const id = review.suggest(start, end, '');
	if (id) review.activeSuggestionId = id;
	moveCaret(view, direction < 0 ? start : end);
	return true;
}

function activeSuggestion(review: ReviewState) {
	const id = review.activeSuggestionId;
	return id ? review.suggestionNow(id) : null;
}

function moveCaret(view: EditorView, pos: number): void {
	const { doc } = view.state;
	const clamped = Math.max(0, Math.min(pos, doc.content.size));
	view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, clamped)));
}
