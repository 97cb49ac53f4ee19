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
 * A word-level diff of two texts (Myers' O(ND) algorithm over words and whitespace runs), after
 * trimming the common start and end. Bounded: a pair of texts with more than MAX_EDITS
 * differences gets one deletion and one insertion for the middle, so a request cannot take
 * quadratic time.
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
	const equal = (tokens: readonly string[]) =>
		tokens.map((text): DiffOp => ({ type: 'equal', text }));
	return [
		...equal(a.slice(0, head)),
		...myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
		...equal(a.slice(a.length - tail))
	];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
	const n = a.length;
	const m = b.length;
	if (n === 0 || m === 0) {
		return replaceAll(a, b);
	}
	const max = Math.min(n + m, MAX_EDITS);
	const offset = max + 1;
	const v = new Int32Array(2 * max + 3);
	const trace: Int32Array[] = [];
	for (let d = 0; d <= max; d++) {
		// Only diagonals -d-1..d+1 can matter in round d: keep just those (memory is O(D²)).
		trace.push(v.slice(offset - d - 1, offset + d + 2));
		for (let k = -d; k <= d; k += 2) {
			let x =
				k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
					? v[offset + k + 1]!
					: v[offset + k - 1]! + 1;
			let y = x - k;
			while (x < n && y < m && a[x] === b[y]) {
				x++;
				y++;
			}
			v[offset + k] = x;
			if (x >= n && y >= m) return backtrack(trace, a, b, d);
		}
	}
	return replaceAll(a, b);
}

/** Every token of `a` deleted, then every token of `b` inserted. */
function replaceAll(a: readonly string[], b: readonly string[]): DiffOp[] {
	return [
		...a.map((text): DiffOp => ({ type: 'delete', text })),
		...b.map((text): DiffOp => ({ type: 'insert', text }))
	];
}

function backtrack(
	trace: Int32Array[],
	a: readonly string[],
	b: readonly string[],
	depth: number
): DiffOp[] {
	const ops: DiffOp[] = [];
	let x = a.length;
	let y = b.length;
	for (let d = depth; d > 0; d--) {
		const v = trace[d]!;
		const at = (diagonal: number) => v[diagonal + d + 1]!;
		const k = x - y;
		const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
		const previousX = at(previousK);
		const previousY = previousX - previousK;
		while (x > previousX && y > previousY) {
			y--;
			ops.push({ type: 'equal', text: a[--x]! });
		}
		if (x === previousX) ops.push({ type: 'insert', text: b[--y]! });
		else ops.push({ type: 'delete', text: a[--x]! });
	}
	while (x > 0 && y > 0) {
		y--;
		ops.push({ type: 'equal', text: a[--x]! });
	}
	return ops.reverse();
}
