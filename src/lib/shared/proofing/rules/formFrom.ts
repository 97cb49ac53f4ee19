import { isGradable } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';
import {
	AUXILIARIES,
	DETERMINERS,
	isFunctionWord,
	MODALS,
	OBJECT_PRONOUNS
} from '#shared/proofing/words/functionWords';

/** Subjects "form" agrees with as a verb ("they form", "we form"), or words before its infinitive. */
const VERB_BEFORE = new Set(['i', 'you', 'we', 'they', 'to', 'not', 'and', 'or', 'also', 'often']);

/** Words that take "from" and are never followed by the noun "form". */
const TAKE_FROM = new Set(['apart', 'aloof', 'away']);

/**
 * "anything form flu to beriberi", "every function form navigation to loading": "form", one or
 * two plain words, then "to" is the range "from ... to" (after a subject, "they form bonds to",
 * the checks below keep the verb).
 */
function rangeAfter(context: TextContext, after: Word): boolean {
	let word: Word | undefined = after;
	for (let taken = 0; taken < 2 && word; taken++) {
		if (word.text !== word.lower || isFunctionWord(word.lower) || !/^\p{L}+$/u.test(word.text))
			return false;
		if (!/^ $/.test(context.gapAfter(word))) return false;
		word = context.next(word);
		if (word?.lower === 'to') return true;
	}
	return false;
}

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
		const before = context.previous(word);
		// "aloof form such practices", "apart form that": words that take "from", never a noun.
		const takesFrom = before !== undefined && TAKE_FROM.has(before.lower);
		const object =
			takesFrom ||
			DETERMINERS.has(after.lower) ||
			OBJECT_PRONOUNS.has(after.lower) ||
			(/^\p{Lu}/u.test(after.text) && context.isName(after.lower)) ||
			// "a free form poem to read": after an adjective "form" is the noun it describes.
			(rangeAfter(context, after) && !(before && isGradable(context.speller, before.lower)));
		if (!object) continue;
		if (before && !takesFrom) {
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
