import { getSchema, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { isSafeHref } from '#shared/model/safeHref';

/** Name of the Y.XmlFragment in `story:<id>` that TipTap's Collaboration extension binds. */
export const STORY_FIELD = 'content';

/** Name of the Y.Map in `story:<id>` holding the story's metadata (e.g. `finalNewline`). */
export const META_MAP = 'meta';

/**
 * The TipTap extensions that define the story document schema. The browser editor uses exactly
 * these plus Collaboration/CollaborationCaret; the server and CLI use them through `storySchema`.
 */
export function storyExtensions(): Extensions {
	return [
		StarterKit.configure({
			// Collaboration brings its own (Yjs-aware) undo.
			undoRedo: false,
			// TrailingNode appends a paragraph whenever the document ends in another block: every
			// client opening such a story would edit it, concurrently, and the text would change.
			trailingNode: false,
			// The server refuses any other link (see safeHref.ts): a pasted ftp: or javascript:
			// link would otherwise be refused on every reconnect and the edit never saved.
			link: { isAllowedUri: (url) => isSafeHref(url) }
		})
	];
}

/** The ProseMirror schema of a story, built without an editor or a DOM. */
export const storySchema = getSchema(storyExtensions());
