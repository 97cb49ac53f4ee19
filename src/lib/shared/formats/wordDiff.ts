import { diffArrays } from 'diff';

/** One step of a diff: tokens kept, removed from the old text or added in the new one. */
export interface DiffOp {
	type: 'equal' | 'delete' | 'insert';
	text: string;
}

/** Past this many differing tokens the diff gives up on detail: the rest is one replacement. */
const MAX_EDITS = 2_000;

/** Splits text into words and the whitespace between them (joined, they are the text again). */
export function wordTokens(text: string): string[] {
	return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * A word-level diff of two texts: jsdiff's Myers O(ND) over words and whitespace runs, after
 * trimming the common start and end (so an ambiguous change at either end is placed the same way
 * every time). Bounded: a pair of texts with more than MAX_EDITS differences gets one deletion and
 * one insertion for the middle, so a request cannot take quadratic time.
 */
export function wordDiff(before: string, after: string): DiffOp[] {
	const ops: DiffOp[] = [];
	for (const op of tokenDiff(wordTokens(before), wordTokens(after))) {
		if (!op.text) continue;
		const last = ops[ops.length - 1];
		if (last?.type === op.type) last.text += op.text;
		else ops.push({ ...op });
	}
	return ops;
}

/**
 * The same diff over any two sequences of tokens (e.g. a story's blocks, each as one string):
 * one op per token (past MAX_EDITS differences, the middle is all deleted, then all inserted).
 */
export function tokenDiff(a: readonly string[], b: readonly string[]): DiffOp[] {
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (
		tail < a.length - head &&
		tail < b.length - head &&
		a[a.length - 1 - tail] === b[b.length - 1 - tail]
	)
		tail++;
	const each = (type: DiffOp['type'], tokens: readonly string[]) =>
		tokens.map((text): DiffOp => ({ type, text }));
	const middleA = a.slice(head, a.length - tail);
	const middleB = b.slice(head, b.length - tail);
	const changes = diffArrays([...middleA], [...middleB], { maxEditLength: MAX_EDITS });
	const middle = changes
		? changes.flatMap((change) =>
				each(change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.value)
			)
		: [...each('delete', middleA), ...each('insert', middleB)];
	return [
		...each('equal', a.slice(0, head)),
		...middle,
		...each('equal', a.slice(a.length - tail))
	];
}
