import { isNoun, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import {
	AUXILIARIES,
	CONJUNCTIONS,
	isFunctionWord,
	MODALS,
	PREPOSITIONS
} from '#shared/proofing/words/functionWords';

/** Determiners that open a noun phrase. */
const OPENERS = new Set(['a', 'an', 'the', 'his', 'her', 'my', 'your', 'our', 'their', 'its']);

/** Definite determiners, which a second noun phrase after a noun rarely starts with. */
const DEFINITE = new Set(['the', 'his', 'her', 'my', 'your', 'our', 'their', 'its']);

/**
 * Nouns a second noun phrase rightly follows: a time ("the day the war ended", "the meeting the
 * next morning") or a measure ("a man the size of a house", "a dress the color of wine").
 */
const ADVERBIAL_NOUNS = new Set(
	(
		'day days night nights morning mornings evening afternoon week weeks year years month ' +
		'months time times moment minute minutes hour hours second seconds instant while way ' +
		'size color colour shape height length width age weight kind sort type same rest ' +
		'spring summer autumn fall winter weekend today tonight tomorrow yesterday'
	).split(' ')
);

/**
 * Verbs that take two objects or an object and its complement: "gave the boy a book", "called
 * the man a liar", "made the girl a dress".
 */
const TWO_OBJECT_VERBS =
	/^(?:g[ai]ve[ns]?|giving|t[eo]ll?s?|told|telling|show(?:s|ed|n)?|sen[dt]s?|br[io]ught|brings?|offer(?:s|ed)?|t(?:each|aught)|b(?:uy|ought)s?|l[ea]nds?|lent|pa(?:y|id)s?|owe[ds]?|hand(?:s|ed)?|promised?|call(?:s|ed)?|name[ds]?|ma(?:k|d)es?|made|elect(?:s|ed)?|consider(?:s|ed)?|find|found|wish(?:ed)?|cost|le(?:t|ft)|save[ds]?|get|got)$/;

/** How many words after the determiner are read before giving up. */
const LOOKAHEAD = 4;

/**
 * "the hem her gown", "one of the high spots the play", "a drop the precious water": a noun
 * phrase straight after another, with no verb after it before the clause goes on ("the day the
 * music died" has one), lost its preposition — most often "of".
 */
export const missingPreposition: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		// Not "a": "in the air a little", "one of the huts a group of men" are right.
		if (!DEFINITE.has(word.lower) || word.text !== word.lower) continue;
		const noun = context.previous(word);
		if (!noun || !/^ $/.test(context.gapAfter(noun))) continue;
		if (!isHeadNoun(context, noun)) continue;
		const opener = context.previous(noun);
		if (!opener || !OPENERS.has(opener.lower)) continue;
		// "an fix her hair": "an" before a consonant is no article here ("an'" for "and").
		if (opener.lower === 'an' && !/^[aeiou]/.test(noun.lower)) continue;
		const verb = context.previous(opener);
		if (verb && TWO_OBJECT_VERBS.test(verb.lower)) continue;
		if (!endsWithoutVerb(context, word)) continue;
		flags.push(
			flag(
				'grammar',
				'grammar/missing-word',
				noun.start,
				word.end,
				`A word is missing between two noun phrases: "${noun.text} of ${word.text}"?`,
				[`${noun.text} of ${word.text}`],
				'possible'
			)
		);
	}
	return flags;
};

function isHeadNoun(context: TextContext, noun: Word): boolean {
	const { speller } = context;
	const lower = noun.lower;
	if (noun.text !== lower || isFunctionWord(lower) || ADVERBIAL_NOUNS.has(lower)) return false;
	if (lower === 'other' || lower === 'others') return false;
	if (/(?:ly|ed|ing)$/.test(lower) || isPastVerb(speller, lower)) return false;
	return speller.isKnown(lower) && isNoun(speller, lower);
}

/** The phrase after the determiner reaches a stop, a preposition or "and" before any verb. */
function endsWithoutVerb(context: TextContext, opener: Word): boolean {
	const { speller } = context;
	let current: Word | undefined = opener;
	for (let step = 0; step < LOOKAHEAD; step++) {
		if (context.endsClause(current)) return step > 0;
		const next = context.next(current);
		if (!next) return false;
		const lower = next.lower;
		// "gave the widow her own land": two objects.
		if (ADVERBIAL_NOUNS.has(lower) || lower === 'own') return false;
		if (step > 0 && (PREPOSITIONS.has(lower) || CONJUNCTIONS.has(lower))) return true;
		if (isFunctionWord(lower) && step === 0) return false;
		if (AUXILIARIES.has(lower) || MODALS.has(lower) || /n['’]t$/.test(lower)) return false;
		if (isPastVerb(speller, lower) || /ed$/.test(lower)) return false;
		if (step > 0 && lower.endsWith('s') && isVerbBase(speller, lower.slice(0, -1))) return false;
		if (step > 0 && /(?:ing)$/.test(lower)) return false;
		current = next;
	}
	return false;
}
