import type { Flag } from '#shared/proofing/types';

/**
 * Applies each flag's first suggestion ("fix all"): flags without a suggestion and flags that
 * overlap an earlier one are skipped. Offsets are those of `text`; returns the new text.
 */
export function applyFixes(text: string, flags: readonly Flag[]): string {
	const chosen: Flag[] = [];
	let reached = -1;
	for (const found of [...flags].sort((a, b) => a.start - b.start || a.end - b.end)) {
		if (found.suggestions.length === 0 || found.start < reached) continue;
		if (found.start === found.end && found.start === reached && chosen.at(-1)?.start === reached) {
			continue;
		}
		chosen.push(found);
		reached = found.end;
	}
	let result = text;
	for (const found of chosen.reverse()) {
		result = result.slice(0, found.start) + found.suggestions[0] + result.slice(found.end);
	}
	return result;
}
