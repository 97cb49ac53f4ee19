import type { Node } from '@tiptap/pm/model';
import { ProsemirrorBinding } from '@tiptap/y-tiptap';

/** What the patch reaches inside y-tiptap's binding (private there, stable across 3.0.x). */
interface BindingInternals {
	_prosemirrorChanged(doc: Node): void;
	_typeChanged(events: unknown[], transaction: unknown): void;
	/** The editor document Yjs was last brought in line with, while nothing changed since. */
	syncedDoc?: Node | null;
}

let installed = false;

/**
 * Makes y-tiptap skip bringing Yjs in line with the editor when the editor's document is the
 * very one it last wrote and Yjs has not changed since. As shipped, the sync plugin does this
 * after every view update: a caret move, others' carets redrawn, an underline added. Each time
 * it walks every paragraph of the story and compares it with its Yjs element, only to find
 * nothing to write; at novel length that was most of a keystroke's Yjs time. ProseMirror
 * documents are immutable, so the same object means the same text; any change to the Yjs
 * fragment (someone else's, an undo) reaches `_typeChanged`, which forgets the document.
 */
export function skipUnchangedSync(): void {
	if (installed) return;
	installed = true;
	const prototype = ProsemirrorBinding.prototype as unknown as BindingInternals;
	const prosemirrorChanged = prototype._prosemirrorChanged;
	prototype._prosemirrorChanged = function (this: BindingInternals, doc) {
		if (doc === this.syncedDoc) return;
		prosemirrorChanged.call(this, doc);
		this.syncedDoc = doc;
	};
	const typeChanged = prototype._typeChanged;
	prototype._typeChanged = function (this: BindingInternals, events, transaction) {
		this.syncedDoc = null;
		typeChanged.call(this, events, transaction);
	};
}
