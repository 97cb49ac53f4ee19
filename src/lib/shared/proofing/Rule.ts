import type { TextContext } from '#shared/proofing/TextContext';
import { matchCase } from '#shared/proofing/textShape';
import type { Word } from '#shared/proofing/tokenize';
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

/**
 * A rule that replaces single words written as another real word: `fixOf` reads a word in its
 * context and gives the word meant (or null); the flag offers it in the writer's case.
 */
export function wordSlipRule(fixOf: (context: TextContext, word: Word) => string | null): Rule {
	return (context) => {
		const flags: Flag[] = [];
		for (const word of context.words) {
			const fixed = fixOf(context, word);
			if (!fixed) continue;
			const suggestion = matchCase(word.text, fixed);
			flags.push(
				flag(
					'confusion',
					`confusion/${word.lower}-${fixed}`,
					word.start,
					word.end,
					`"${suggestion}"?`,
					[suggestion]
				)
			);
		}
		return flags;
	};
}
