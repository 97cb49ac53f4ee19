import type { TextContext } from '#shared/proofing/TextContext';
import type { Confidence, Flag, FlagKind } from '#shared/proofing/types';

/** One family of checks: reads the text through its context, returns what it finds. */
export type Rule = (context: TextContext) => Flag[];

export function flag(
	kind: FlagKind,
	rule: string,
	start: number,
	end: number,
	message: string,
	suggestions: string[],
	confidence: Confidence = 'likely'
): Flag {
	return { start, end, kind, message, suggestions, rule, confidence };
}
