import type { EditorView } from '@tiptap/pm/view';

/**
 * Whether the caret at `pos` is outside the window, where ProseMirror's scrollIntoView would
 * move it (its scroll threshold is 0: it scrolls only a caret past the window's edge, and then
 * leaves it 5 px inside). Asking about those 5 px instead meant a caret left on the window's last
 * line could sit a fraction of a pixel inside them (lines are fractional heights): every key then
 * asked for a scroll that moved nothing, each laying the page out at once and firing the page's
 * scroll listeners.
 */
export function caretOffScreen(
	view: Pick<EditorView, 'coordsAtPos'>,
	pos: number,
	windowHeight = window.innerHeight
): boolean {
	try {
		const { top, bottom } = view.coordsAtPos(pos);
		return top < 0 || bottom > windowHeight;
	} catch {
		return true;
	}
}
