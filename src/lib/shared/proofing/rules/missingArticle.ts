import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { DETERMINERS, isFunctionWord, PREPOSITIONS } from '#shared/proofing/words/functionWords';

/**
 * Prepositions left out: "of" takes bare nouns after a kind or a measure ("a kind of joke", "a
 * sheet of newspaper"), "without" abstract ones ("without ceremony"), and "past" is as often an
 * adjective ("this past year").
 */
const SKIPPED = new Set(['of', 'without', 'past']);

/**
 * "across room", "at top of the stairs", "into kitchen": a preposition straight before a
 * singular count noun (one the training text almost never has without a determiner: the
 * lexicon's count nouns) has lost its article; so has such a noun as a clause's subject ("when
 * truck came"). Suggests "the", then "a". Tried on the corpus development half and dropped: a
 * past verb before the noun ("jerked door open": no right flag, 14 false, mostly participles
 * before their noun), an adjective between ("with great appeal": 3 false, none right), "be"
 * before the noun, and "of" after a noun with its determiner (right only with a hand list of
 * nouns of kind and measure).
 */
export const missingArticle: Rule = (context) => {
	const { lexicon } = context;
	if (!lexicon) return [];
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (SUBORDINATORS.has(word.lower)) {
			const found = subjectWithoutArticle(context, word);
			if (found) flags.push(found);
		}
		if (!PREPOSITIONS.has(word.lower) || SKIPPED.has(word.lower)) continue;
		if (word.text !== word.lower && !context.isSentenceStart(word) && !context.afterOpener(word))
			continue;
		const noun = countNounAfter(context, word);
		if (!noun || noun.lower.endsWith('ing')) continue;
		// "pretending to joke": "to" before a word the dictionary has as a verb is its infinitive's.
		if (word.lower === 'to' && isVerbBase(context.speller, noun.lower)) continue;
		// "the outside door", "an inside job": the preposition is an adjective there.
		const before = context.previous(word);
		if (before && DETERMINERS.has(before.lower)) continue;
		// "in newspaper files", "on chair and floor": a noun that modifies or is paired with
		// another may stand bare; the noun must end its phrase before a clause break or a
		// function word.
		const after = context.next(noun);
		if (after && (!isFunctionWord(after.lower) || /^(?:and|or|nor)$/.test(after.lower))) continue;
		// "from floor to ceiling": a range of two bare nouns.
		if (word.lower === 'from' && after?.lower === 'to') continue;
		// "on screen", "on stage": Hunspell writes the phrase as one word ("onscreen").
		if (fixedPhrase(context, word, noun) || context.speller.isKnown(word.lower + noun.lower))
			continue;
		flags.push(articleMissing(word, noun));
	}
	return flags;
};

/**
 * The word after `word`, when it is a lower-case singular count noun that wants a determiner
 * after `word` (not part of a hyphenated word: "on tip-toe").
 */
function countNounAfter(context: TextContext, word: Word): Word | null {
	const noun = context.next(word);
	if (!noun || noun.text !== noun.lower || /[-‐]/.test(context.text[noun.end] ?? '')) return null;
	return context.lexicon?.wantsDeterminer(noun.lower, word.lower) ? noun : null;
}

/** "across room" → "across the room" or "across a room". */
function articleMissing(word: Word, noun: Word): Flag {
	return flag(
		'grammar',
		'grammar/missing-word',
		word.start,
		noun.end,
		`An article is missing: "${word.text} the ${noun.text}"?`,
		[`${word.text} the ${noun.text}`, `${word.text} a ${noun.text}`],
		'possible'
	);
}

/** Words that open a clause, whose subject follows them. */
const SUBORDINATORS = new Set(
	'when whenever while because if until till how where though although unless whether once since before after'.split(
		' '
	)
);
const FINITE = new Set('was is had has would could will did does might must should'.split(' '));

/**
 * "when truck came to a stop", "how letter had managed": a clause's subject, a singular count
 * noun straight after the word that opens the clause and before its verb, has lost its article.
 * Nouns of persons are left out: "when father came home" uses the noun as a name.
 */
function subjectWithoutArticle(context: TextContext, word: Word): Flag | null {
	if (word.text !== word.lower) return null;
	const noun = countNounAfter(context, word);
	if (!noun || context.lexicon?.isAnimate(noun.lower)) return null;
	const verb = context.next(noun);
	if (!verb || !(FINITE.has(verb.lower) || isPastVerb(context.speller, verb.lower))) return null;
	return articleMissing(word, noun);
}

/**
 * "from room to room", "door to door", "year by year", "room after room in": the noun repeated
 * across the preposition, or just before it.
 */
function fixedPhrase(context: TextContext, word: Word, noun: Word): boolean {
	const after = context.next(noun);
	const again = after && context.next(after);
	if (after && again && PREPOSITIONS.has(after.lower) && again.lower === noun.lower) return true;
	const before = context.previous(word);
	const first = before && context.previous(before);
	return before?.lower === noun.lower || first?.lower === noun.lower;
}
