import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Mapping, ReplaceStep, StepMap } from '@tiptap/pm/transform';

/**
 * The mapping of a transaction's edits. A collaborator's change reaches the editor as one step
 * replacing the whole document (that is how the Yjs binding applies it), which would drop every
 * underline; such a step is narrowed to the part of the document that really changed.
 */
export function editMapping(tr: Transaction): Mapping {
	const maps = tr.steps.map((step, index) => {
		const before = tr.docs[index]!;
		if (
			step instanceof ReplaceStep &&
			step.from === 0 &&
			step.to === before.content.size &&
			before.content.size > 0
		) {
			const after = tr.docs[index + 1] ?? tr.doc;
			return changedRange(before.content, after.content);
		}
		return tr.mapping.maps[index]!;
	});
	return new Mapping(maps);
}

function changedRange(
	before: EditorState['doc']['content'],
	after: EditorState['doc']['content']
): StepMap {
	const start = before.findDiffStart(after);
	if (start === null) return StepMap.empty;
	let { a, b } = before.findDiffEnd(after) ?? { a: before.size, b: after.size };
	const overlap = start - Math.min(a, b);
	if (overlap > 0) {
		a += overlap;
		b += overlap;
	}
	return new StepMap([start, a - start, b - start]);
}
