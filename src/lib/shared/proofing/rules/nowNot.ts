import { isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';

/** "do", "does", "did": with "not" they take a plain verb; with "now" they hardly do. */
const DO_FORMS = new Set(['do', 'does', 'did']);

/**
 * "She did now touch him": a form of "do" then "now" then a plain verb is a negation with one
 * letter slipped ("did not touch"). "He did now see" in the sense of "at last" would say "did
 * see now" or "now did see", so this is rarely a sentence that is right.
 */
export const nowNot: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.lower !== 'now' || word.text !== 'now') continue;
		const before = context.previous(word);
		const after = context.next(word);
		if (!before || !after || !DO_FORMS.has(before.lower) || after.text !== after.lower) continue;
		if (!isVerbBase(context.speller, after.lower)) continue;
		flags.push(
			flag(
				'confusion',
				'confusion/now-not',
				word.start,
				word.end,
				`"${before.lower} now ${after.lower}": "${before.lower} not ${after.lower}"?`,
				['not']
			)
		);
	}
	return flags;
};
