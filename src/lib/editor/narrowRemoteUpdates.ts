import { Slice } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { replaceStep } from '@tiptap/pm/transform';
import { ProsemirrorBinding } from '@tiptap/y-tiptap';

/** What the patch reaches inside y-tiptap's binding (private there, stable across 3.0.x). */
interface BindingInternals {
	mapping: Map<unknown, unknown>;
	prosemirrorView: { state: { tr: Transaction } } | null;
	_typeChanged(events: unknown[], transaction: unknown): void;
	/** Set while a remote change is being applied (see narrowRemoteUpdates). */
	narrowing?: boolean;
}

let installed = false;

/**
 * Makes y-tiptap apply a change from Yjs (a collaborator's typing, undo) in proportion to the
 * change rather than to the story. As shipped, it forgets which ProseMirror node stands for
 * each Yjs element and rebuilds every paragraph, then replaces the whole document in one step:
 * every plugin then maps through, and the view compares, the whole story, ten times a second
 * while someone types. Patched, it keeps the nodes of the elements the change did not touch
 * (as y-prosemirror does: the changed elements and their ancestors are still forgotten and
 * rebuilt), and the step replaces only the range where the old and new documents differ. The
 * resulting document and selection are the same (tested against the original).
 */
export function narrowRemoteUpdates(): void {
	if (installed) return;
	installed = true;
	const prototype = ProsemirrorBinding.prototype as unknown as BindingInternals;
	const typeChanged = prototype._typeChanged;
	prototype._typeChanged = function (this: BindingInternals, events, transaction) {
		const { mapping } = this;
		// The original clears the whole mapping after forgetting the changed elements.
		Object.defineProperty(mapping, 'clear', { value: () => {}, configurable: true });
		this.narrowing = true;
		try {
			typeChanged.call(this, events, transaction);
		} finally {
			delete (mapping as { clear?: unknown }).clear;
			this.narrowing = false;
		}
	};
	const trGetter = Object.getOwnPropertyDescriptor(prototype, '_tr')!.get!;
	Object.defineProperty(prototype, '_tr', {
		configurable: true,
		get(this: BindingInternals) {
			const tr = trGetter.call(this) as Transaction;
			if (this.narrowing) narrowReplace(tr);
			return tr;
		}
	});
}

/**
 * Makes `tr.replace(0, size, slice)` of a whole new document replace only the part that
 * differs; anything else, or a narrowed step that would not give exactly that document, is
 * replaced as asked.
 */
function narrowReplace(tr: Transaction): void {
	const replace = tr.replace;
	tr.replace = function (this: Transaction, from: number, to = from, slice = Slice.empty) {
		const { doc } = this;
		const whole = from === 0 && to === doc.content.size;
		if (!whole || slice.openStart !== 0 || slice.openEnd !== 0) {
			return replace.call(this, from, to, slice);
		}
		const next = slice.content;
		const start = doc.content.findDiffStart(next);
		if (start === null) return this;
		let { a: endOld, b: endNew } = doc.content.findDiffEnd(next)!;
		// Repeated text (typing "aa" after "a") can make the two ends overlap the start.
		const overlap = start - Math.min(endOld, endNew);
		if (overlap > 0) {
			endOld += overlap;
			endNew += overlap;
		}
		// Most of the story is new (the first sync fills the empty editor): nothing to narrow.
		if (Math.max(endOld, endNew) - start > next.size / 2)
			return replace.call(this, from, to, slice);
		const target = doc.copy(next);
		const step = replaceStep(doc, start, endOld, target.slice(start, endNew));
		// Nodes the change did not touch are the same objects: comparing costs next to nothing.
		if (step && step.apply(doc).doc?.eq(target)) return this.step(step);
		return replace.call(this, from, to, slice);
	};
}
