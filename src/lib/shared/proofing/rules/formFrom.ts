import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';
import {
	AUXILIARIES,
	DETERMINERS,
	MODALS,
	OBJECT_PRONOUNS
} from '#shared/proofing/words/functionWords';

/** Subjects "form" agrees with as a verb ("they form", "we form"), or words before its infinitive. */
const VERB_BEFORE = new Set(['i', 'you', 'we', 'they', 'to', 'not', 'and', 'or', 'also', 'often']);

/**
 * "a mile form the road", "ridden hard form Boston": before an article, a possessive, a pronoun or
 * a name, "form" is a verb only after its subject or a helping verb ("they form the", "can form
 * a"); anywhere else it is "from" with two letters swapped.
 */
export const formFrom: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.lower !== 'form') continue;
		const after = context.next(word);
		if (!after) continue;
		const object =
			DETERMINERS.has(after.lower) ||
			OBJECT_PRONOUNS.has(after.lower) ||
			(/^\p{Lu}/u.test(after.text) && context.isName(after.lower));
		if (!object) continue;
		const before = context.previous(word);
		if (before) {
			const lower = before.lower;
			if (VERB_BEFORE.has(lower) || AUXILIARIES.has(lower) || MODALS.has(lower)) continue;
			// "the crystals form the lattice": a plural subject.
			if (/[^s]s$/.test(lower) || lower.endsWith('ren') || lower === 'people') continue;
			if (DETERMINERS.has(lower)) continue; // "the form the letter took"
		}
		flags.push(
			flag(
				'confusion',
				'confusion/form-from',
				word.start,
				word.end,
				`"form" is no verb here: "from"?`,
				[matchCase(word.text, 'from')]
			)
		);
	}
	return flags;
};
