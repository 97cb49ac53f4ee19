import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import { Transform } from '@tiptap/pm/transform';
import type * as Y from 'yjs';
import { STORY_FIELD, storySchema } from '#shared/model/schema';
import { readStoryTextMap } from '#shared/model/storyDoc';

/**
 * Replaces [start, end) of the story's txt export by `text` (inline text, no line breaks),
 * directly on the Yjs document — how the server and the CLI edit a story without an editor.
 *
 * The edit is made on the ProseMirror document the fragment maps to and written back with
 * y-tiptap's own diffing (`updateYFragment`), so it touches only what changed, exactly as an
 * edit typed in a browser would: anchors, carets and concurrent edits elsewhere are kept.
 * A range across blocks joins them, as deleting that selection in the editor would.
 */
export function replaceStoryText(ydoc: Y.Doc, start: number, end: number, text: string): void {
	const map = readStoryTextMap(ydoc);
	// An empty range at a paragraph's end belongs to that paragraph, not to the next one.
	const from = map.toPos(start, start === end ? -1 : 1);
	const to = Math.max(from, map.toPos(end, -1));
	const fragment = ydoc.getXmlFragment(STORY_FIELD);
	const { doc, meta } = initProseMirrorDoc(fragment, storySchema);
	const transform = new Transform(doc);
	if (text === '') transform.delete(from, to);
	else {
		// Keep the formatting of the text being replaced, or for an insertion the marks typing there
		// would get (`marksAcross` would take those of the text after it).
		const $from = doc.resolve(from);
		const marks = from < to ? ($from.marksAcross(doc.resolve(to)) ?? $from.marks()) : $from.marks();
		transform.replaceWith(from, to, storySchema.text(text, marks));
	}
	if (!transform.docChanged) return;
	ydoc.transact(() => updateYFragment(ydoc, fragment, transform.doc, meta));
}
