// The changes report's word diff as it was before jsdiff (issue 12): a hand-written Myers, kept
// only so `npm run bench:wordDiff` can measure the two side by side.
import { wordTokens, type DiffOp } from '#shared/formats/wordDiff';

/** Past this many differing tokens the diff gives up on detail: the rest is one replacement. */
const MAX_EDITS = 2_000;

/**
 * A word-level diff of two texts (Myers' O(ND) algorithm over words and whitespace runs), after
 * trimming the common start and end. Bounded: a pair of texts with more than MAX_EDITS
 * differences gets one deletion and one insertion for the middle, so a request cannot take
 * quadratic time.
 */
export function handWrittenWordDiff(before: string, after: string): DiffOp[] {
	const a = wordTokens(before);
	const b = wordTokens(after);
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (
		tail < a.length - head &&
		tail < b.length - head &&
		a[a.length - 1 - tail] === b[b.length - 1 - tail]
	)
		tail++;
	const ops: DiffOp[] = [];
	const push = (type: DiffOp['type'], text: string) => {
		if (!text) return;
		const last = ops[ops.length - 1];
		if (last?.type === type) last.text += text;
		else ops.push({ type, text });
	};
	push('equal', a.slice(0, head).join(''));
	const middleA = a.slice(head, a.length - tail);
	const middleB = b.slice(head, b.length - tail);
	for (const op of myers(middleA, middleB)) push(op.type, op.text);
	push('equal', a.slice(a.length - tail).join(''));
	return ops;
}

function myers(a: string[], b: string[]): DiffOp[] {
	const n = a.length;
	const m = b.length;
	if (n === 0 || m === 0) {
		return [
			{ type: 'delete', text: a.join('') },
			{ type: 'insert', text: b.join('') }
		];
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
	return [
		{ type: 'delete', text: a.join('') },
		{ type: 'insert', text: b.join('') }
	];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], depth: number): DiffOp[] {
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
