/** Rows reused between calls (the distance is asked for thousands of times a check). */
let before = new Int32Array(32);
let previous = new Int32Array(32);
let current = new Int32Array(32);

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters ("dialouge" → "dialogue" is one edit) each cost 1.
 */
export function editDistance(a: string, b: string): number {
	if (a === b) return 0;
	const columns = b.length + 1;
	if (columns > current.length) {
		before = new Int32Array(columns * 2);
		previous = new Int32Array(columns * 2);
		current = new Int32Array(columns * 2);
	}
	// Three rows of the table: i - 2, i - 1 and i.
	for (let j = 0; j < columns; j++) previous[j] = j;
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		const letter = a.charCodeAt(i - 1);
		const letterBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
		for (let j = 1; j < columns; j++) {
			const other = b.charCodeAt(j - 1);
			const cost = letter === other ? 0 : 1;
			let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && letter === b.charCodeAt(j - 2) && letterBefore === other) {
				best = Math.min(best, before[j - 2]! + 1);
			}
			current[j] = best;
		}
		const spare = before;
		before = previous;
		previous = current;
		current = spare;
	}
	return previous[columns - 1]!;
}
