import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import {
	isFunctionWord,
	POSSESSIVE_DETERMINERS,
	PREPOSITIONS
} from '#shared/proofing/words/functionWords';

/** Quantities that take "of" before a determiner: "each of the", "none of her". */
const PARTITIVES = new Set(
	'none each most many several thousands hundreds millions dozens lots plenty'.split(' ')
);

/**
 * Small words dropped between two others, where the two cannot stand side by side:
 * - "It a fine day", "It nothing": "it" then an article or "nothing" wants its verb ("was");
 * - "each the boys", "none her business": a quantity before a determiner wants "of";
 * - "on same sidewalk": "same" after a preposition wants "the".
 * Written from the kinds of the corpus development half's dropped-word misses. A wider rule, a
 * preposition before a singular noun the corpus mostly has after "the" ("across room"), was
 * tried there and dropped: bare nouns after prepositions ("at attention", "in pain", "by sun and
 * weather") are too common; four flags in five were wrong.
 */
export const missingWord: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const lower = word.lower;
		if (lower !== 'it' && !PARTITIVES.has(lower) && !PREPOSITIONS.has(lower)) continue;
		const next = context.next(word);
		if (!next || next.text !== next.lower) continue;
		const found =
			itWithoutVerb(context, word, next) ??
			partitiveWithoutOf(context, word, next) ??
			prepositionWithoutArticle(context, word, next);
		if (found) flags.push(found);
	}
	return flags;
};

function insert(word: Word, next: Word, missing: string, message: string, sure: boolean): Flag {
	return flag(
		'grammar',
		'grammar/missing-word',
		word.start,
		next.end,
		message,
		[`${word.text} ${missing} ${next.text}`],
		sure ? 'likely' : 'possible'
	);
}

function itWithoutVerb(context: TextContext, word: Word, next: Word): Flag | null {
	if (word.lower !== 'it' || !/^(?:a|an|the|nothing)$/.test(next.lower)) return null;
	if (!/^ $/.test(context.gapAfter(word))) return null;
	// "made it a habit", "call it the end": "it" as an object takes a complement.
	const before = context.previous(word);
	if (
		before &&
		!context.isSentenceStart(word) &&
		!/^(?:and|but|so|then|because)$/.test(before.lower)
	)
		return null;
	return insert(word, next, 'was', `A verb is missing: "${word.text} was ${next.text}"?`, false);
}

/** Quantities that are nouns themselves: "thousands of huts", never "thousands huts". */
const QUANTITY_NOUNS = new Set('thousands hundreds millions dozens lots'.split(' '));

function partitiveWithoutOf(context: TextContext, word: Word, next: Word): Flag | null {
	if (!PARTITIVES.has(word.lower)) return null;
	const determiner =
		POSSESSIVE_DETERMINERS.has(next.lower) || next.lower === 'the' || next.lower === 'them';
	if (!determiner && !(QUANTITY_NOUNS.has(word.lower) && isBareNoun(context, next))) return null;
	if (!/^ $/.test(context.gapAfter(word))) return null;
	return insert(word, next, 'of', `"${word.lower} of ${next.lower}"?`, true);
}

/** A plain content word: "huts", "time", not "more", "upon", "later" or "quickly". */
const isBareNoun = (context: TextContext, word: Word): boolean =>
	!isFunctionWord(word.lower) &&
	!/(?:ly|er)$/.test(word.lower) &&
	!/^(?:more|less|upon|ago|away)$/.test(word.lower) &&
	context.speller.isKnown(word.lower);

/** "on same sidewalk", "at same time": "same" takes "the" after a preposition. */
function prepositionWithoutArticle(context: TextContext, word: Word, next: Word): Flag | null {
	if (word.text !== word.lower || !PREPOSITIONS.has(word.lower) || next.lower !== 'same')
		return null;
	if (!/^ $/.test(context.gapAfter(word))) return null;
	return insert(word, next, 'the', `An article is missing: "${word.lower} the same"?`, true);
}
