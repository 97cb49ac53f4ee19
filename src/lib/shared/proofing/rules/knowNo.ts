import { isPastVerb } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { isFunctionWord, PREPOSITIONS } from '#shared/proofing/words/functionWords';

/** Forms of "be" and "have" and verbs of having that take a noun phrase, never a plain verb. */
const TAKES_NOUN = new Set(
	(
		'was were is are been be had has having felt feel feels showed shows wore wears made ' +
		'making makes gave gives found finds'
	).split(' ')
);

/**
 * "There was know church", "he felt know grief", "making know effort": "know" is a plain verb,
 * so it follows a subject, "to", a modal or "do", never "was", "had" or a verb in the past; there,
 * with a noun after it, it is "no" with a letter slipped in.
 */
export const knowNo: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.text !== 'know') continue;
		const before = context.previous(word);
		const after = context.next(word);
		if (!before || !after || after.text !== after.lower || isFunctionWord(after.lower)) continue;
		if (!context.speller.isKnown(after.lower) || after.lower.endsWith('ly')) continue;
		const lower = before.lower;
		const noVerbPlace =
			TAKES_NOUN.has(lower) ||
			(PREPOSITIONS.has(lower) && lower !== 'to') ||
			(isPastVerb(context.speller, lower) && !/^(?:did|used|got)$/.test(lower));
		if (!noVerbPlace) continue;
		flags.push(
			flag(
				'confusion',
				'confusion/know-no',
				word.start,
				word.end,
				`"${before.text} know ${after.text}": "no ${after.text}"?`,
				['no']
			)
		);
	}
	return flags;
};
