import { isNoun, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { ownEntry } from '#shared/proofing/ownEntry';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { isCapitalized, isLower, matchCase } from '#shared/proofing/textShape';
import { BARE_CONTRACTIONS } from '#shared/proofing/words/contractions';
import {
	DETERMINERS,
	isFunctionWord,
	OBJECT_PRONOUNS,
	PREPOSITIONS,
	SUBJECT_PRONOUNS
} from '#shared/proofing/words/functionWords';

/** Missing apostrophes: contractions ("dont") and possessives ("Faiths neck"). */
export const apostrophe: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (context.storyWords.has(word.lower)) continue;
		const found =
			bareContraction(context, word) ??
			contextualContraction(context, word) ??
			namePossessive(context, word) ??
			nameBeforeNoun(context, word) ??
			nounContraction(context, word) ??
			irregularPluralPossessive(context, word) ??
			singularPossessive(context, word);
		if (found) flags.push(found);
	}
	// The mark and its ending are rare: looked for first, the letters before only where found.
	const mistyped = /[;`´](?:s|t|ll|re|ve|d|m)(?!\p{L})/u.test(context.text)
		? context.text.matchAll(/(?<!\p{L})(\p{L}+)[;`´](s|t|ll|re|ve|d|m)(?!\p{L})/gu)
		: [];
	for (const match of mistyped) {
		const fixed = `${match[1]}'${match[2]}`;
		if (!context.speller.isKnown(fixed)) continue;
		flags.push(
			flag(
				'apostrophe',
				'apostrophe/mistyped',
				match.index,
				match.index + match[0].length,
				`Write "${fixed}".`,
				[fixed]
			)
		);
	}
	return flags;
};

const contraction = (word: Word, fixed: string, rule: string): Flag => {
	const suggestion = fixed.startsWith("I'")
		? word.text === word.text.toUpperCase() && word.text.length > 1
			? fixed.toUpperCase()
			: fixed
		: matchCase(word.text, fixed);
	return flag('apostrophe', rule, word.start, word.end, `Missing apostrophe: "${suggestion}".`, [
		suggestion
	]);
};

function bareContraction(context: TextContext, word: Word): Flag | null {
	const fixed = ownEntry(BARE_CONTRACTIONS, word.lower);
	if (!fixed || context.isName(word.lower)) return null;
	return contraction(word, fixed, 'apostrophe/contraction');
}

/** "cant", "wont", "lets", "Ill": words of their own, contractions in these places. */
function contextualContraction(context: TextContext, word: Word): Flag | null {
	const previous = context.previous(word);
	const next = context.next(word);
	switch (word.lower) {
		case 'cant':
		case 'wont':
			// "as was his wont", "the usual cant" keep the noun.
			if (previous && (DETERMINERS.has(previous.lower) || PREPOSITIONS.has(previous.lower))) {
				return null;
			}
			return contraction(word, word.lower === 'cant' ? "can't" : "won't", 'apostrophe/contraction');
		case 'lets':
			// "Lets go": no subject, so not the verb "lets" ("she lets him go").
			if (!next || OBJECT_PRONOUNS.has(next.lower)) return null;
			if (startsClause(context, word)) return contraction(word, "let's", 'apostrophe/contraction');
			// "Well, lets take a look", "and lets try": a clause after a comma or a conjunction
			// with a plain verb and no object is "let's" too; the verb "lets" takes an object
			// first ("and lets the dog out"), except in "let go", "let fly" and the like.
			if (!startsInnerClause(context, word) || !isVerbBase(context.speller, next.lower))
				return null;
			if (isFunctionWord(next.lower) || LET_IDIOMS.has(next.lower)) return null;
			return contraction(word, "let's", 'apostrophe/contraction');
		case 'id':
			// "Id" capitalised before a word: "I'd" ("the id" of psychology is lower-case).
			if (word.text !== 'Id' || !next || !isLower(next.text[0])) return null;
			return contraction(word, "I'd", 'apostrophe/contraction');
		case 'ill':
			if (word.text !== 'Ill' || !next) return null;
			// "but Ill walk", "and Ill do": "Ill" capitalised inside a sentence is "I'll" too.
			if (!startsClause(context, word) && !startsInnerClause(context, word)) return null;
			// "Ill drop by", "Ill help": any plain verb after it ("Ill will", "Ill health" are nouns).
			if (
				!/^(?:be|go|get|do|see|try|tell|call|take|make|never|just|always|have|miss|need)$/.test(
					next.lower
				) &&
				(next.lower === 'will' ||
					!(
						isVerbBase(context.speller, next.lower) ||
						context.speller.isKnown(`${next.lower}${next.lower.at(-1)}ed`)
					) ||
					isPastVerb(context.speller, next.lower))
			)
				return null;
			return contraction(word, "I'll", 'apostrophe/contraction');
		default:
			return null;
	}
}

const startsClause = (context: TextContext, word: Word): boolean =>
	context.isSentenceStart(word) || context.afterOpener(word);

/** After a comma or semicolon, or after a conjunction that starts a clause ("but", "so"). */
function startsInnerClause(context: TextContext, word: Word): boolean {
	if (/[,;]\s*$/.test(context.gapBefore(word))) return true;
	const previous = context.previous(word);
	return previous !== undefined && /^(?:and|but|so|then)$/.test(previous.lower);
}

/** Verbs "let" takes with no object in set phrases ("lets go of", "lets fly", "lets slip"). */
const LET_IDIOMS = new Set(['go', 'fly', 'slip', 'drop', 'loose', 'fall', 'be', 'rip']);

/** "Faiths neck" → "Faith's neck": a learned name plus s, then a noun. */
function namePossessive(context: TextContext, word: Word): Flag | null {
	if (!isCapitalized(word.text) || !word.lower.endsWith('s') || word.text.length < 4) return null;
	const stem = word.text.slice(0, -1);
	if (!context.isName(stem) || context.isName(word.lower)) return null;
	const next = context.next(word);
	const previous = context.previous(word);
	if (!next || !isLower(next.text[0]) || isFunctionWord(next.lower)) return null;
	if (next.lower.endsWith('ly') || !context.speller.isKnown(next.lower)) return null;
	if (previous && DETERMINERS.has(previous.lower)) return null;
	// "Houses winked", "Americans looking": a plural doing something, not an owner.
	if (/(?:ed|ing)$/.test(next.lower) || isPastVerb(context.speller, next.lower)) return null;
	return flag(
		'apostrophe',
		'apostrophe/possessive',
		word.start,
		word.end,
		`Possessive: "${stem}'s".`,
		[`${stem}'s`]
	);
}

const RELATIVES = new Set(['who', 'whom', 'whose', 'which', 'that', 'where', 'when', 'what']);

const BARE_INFINITIVE_VERBS =
	/^(?:let|lets|made|make|makes|watched|watch|saw|see|heard|hear|helped|help|felt|feel|had|have)$/;

const SENTENCE_ADVERBS = new Set(
	(
		'meanwhile anyway instead today tonight yesterday tomorrow however therefore sometimes ' +
		'somehow afterward afterwards nevertheless overnight everywhere'
	).split(' ')
);

/** Adjectives of peoples and languages: "Japanese", "Spanish", "French". */
const isDemonym = (text: string): boolean =>
	/^\p{Lu}\p{Ll}{3,}(?:ese|ish)$/u.test(text) ||
	/^(?:French|Dutch|Greek|Welsh|Swiss|Scotch|Irish|Thai|Czech)$/.test(text);

/** "Faith smile grew" → "Faith's smile grew": name, a noun, then a verb in the past. */
function nameBeforeNoun(context: TextContext, word: Word): Flag | null {
	if (!isCapitalized(word.text) || !context.isName(word.lower)) return null;
	const noun = context.next(word);
	const verb = noun && context.next(noun);
	if (!noun || !verb || !isLower(noun.text[0])) return null;
	const { speller } = context;
	if (isFunctionWord(noun.lower) || /(?:ly|ed|ing)$/.test(noun.lower)) return null;
	if (!isNoun(speller, noun.lower) || isPastVerb(speller, noun.lower)) return null;
	if (!isPastVerb(speller, verb.lower) && verb.lower !== 'was' && verb.lower !== 'is') return null;
	const previous = context.previous(word);
	if (previous && (BARE_INFINITIVE_VERBS.test(previous.lower) || previous.lower === 'to'))
		return null;
	// "the Harlem boy", "the British army": after a determiner the name is a modifier; a
	// possessive takes no determiner of its own ("the Tara's smile" is not English). After
	// "other" too ("two other Riverside players").
	if (previous && (DETERMINERS.has(previous.lower) || previous.lower === 'other')) return null;
	// "in Palestine humans broke", "On Mars humans built": a place after a preposition.
	if (previous && PREPOSITIONS.has(previous.lower)) return null;
	if (previous && modifiesName(context, previous)) return null;
	// "I'm all set": a contraction is no name.
	if (/['’]/.test(word.text)) return null;
	// "Grabski who is the foreman": a relative pronoun, not a noun.
	if (RELATIVES.has(noun.lower)) return null;
	// "Pat meanwhile was": an adverb the dictionary also has as a noun.
	if (SENTENCE_ADVERBS.has(noun.lower)) return null;
	// "Japanese aircraft were", "an antique French chess set": a people's adjective.
	if (isDemonym(word.text)) return null;
	// "They Wisconsin plant": after a subject pronoun the name is no owner.
	if (previous && SUBJECT_PRONOUNS.has(previous.lower)) return null;
	return flag(
		'apostrophe',
		'apostrophe/possessive-name',
		word.start,
		word.end,
		`Possessive: "${word.text}'s ${noun.text}".`,
		[`${word.text}'s`]
	);
}

/**
 * A word before the name that makes it part of a noun phrase, not an owner: another capitalised
 * word mid-sentence ("Miami Beach cops", "Washington City everyone"), "and"/"or" joining names as
 * modifiers ("Riverside and Anniston players"), or an adjective ("the new Riverside pitcher",
 * "an antique French chess set"), which a possessive name never follows.
 */
function modifiesName(context: TextContext, previous: Word): boolean {
	if (previous.lower === 'and' || previous.lower === 'or') return true;
	if (isCapitalized(previous.text)) return context.isMidSentence(previous);
	if (isFunctionWord(previous.lower)) return false;
	const { speller } = context;
	return !isVerbBase(speller, previous.lower) && !isPastVerb(speller, previous.lower);
}

/** "The buildings about to collapse." → "The building's about to collapse." */
function nounContraction(context: TextContext, word: Word): Flag | null {
	if (!word.lower.endsWith('s') || word.lower.endsWith('ss') || word.text.length < 4) return null;
	const determiner = context.previous(word);
	if (!determiner || !DETERMINERS.has(determiner.lower) || !context.isSentenceStart(determiner)) {
		return null;
	}
	const about = context.next(word);
	const to = about && context.next(about);
	const verb = to && context.next(to);
	if (about?.lower !== 'about' || to?.lower !== 'to' || !verb) return null;
	// The whole sentence is "The Xs about to V": no verb of its own, so "is" went missing.
	if (!/^["”]?\s*(?:[.!?]|$)/.test(context.gapAfter(verb))) return null;
	const singular = word.text.slice(0, -1);
	if (!context.speller.isKnown(singular.toLowerCase())) return null;
	return flag(
		'apostrophe',
		'apostrophe/is',
		word.start,
		word.end,
		`"${singular}'s" (${singular} is).`,
		[`${singular}'s`]
	);
}

/**
 * "the mans eyebrows", "the womens lunch", "a childs clothes": nouns whose plural is no "-s"
 * ("men", "children"), so the "-s" after them, after a determiner, is the possessive's.
 */
function irregularPluralPossessive(context: TextContext, word: Word): Flag | null {
	const match = /^(.*(?:man|men|child|children))s$/.exec(word.lower);
	if (!match || word.text !== word.lower) return null;
	const stem = match[1]!;
	if (!/^(?:wo)?m[ae]n$|^child(?:ren)?$|(?:wo)?men$|children$/.test(stem)) return null;
	const determiner = context.previous(word);
	if (!determiner || !DETERMINERS.has(determiner.lower)) return null;
	return flag(
		'apostrophe',
		'apostrophe/possessive-noun',
		word.start,
		word.end,
		`Possessive: "${stem}'s".`,
		[`${stem}'s`]
	);
}

/** Determiners that take one thing: a plural after them must be a possessive ("a bullets path"). */
const SINGULAR_DETERMINERS = new Set(['a', 'an', 'each', 'every', 'another', 'one']);

/**
 * Plurals that stand before nouns as they are ("a sports car", "a sales pitch", "a means test"),
 * and words in -s that are no plurals at all.
 */
const ATTRIBUTIVE_PLURALS = new Set(
	(
		'sports sales arms goods savings news clothes glasses means customs series species ' +
		'physics politics economics mathematics athletics gymnastics works lens jeans pants ' +
		'trousers scissors stairs outdoors always perhaps towards afterwards arts crafts tens ' +
		'options settings operations systems parts drinks notes windows socks weapons admissions ' +
		'communications electronics jobs rights'
	).split(' ')
);

/**
 * "a bullets path" → "a bullet's path": a plural noun between "a" and another noun; "the
 * stewards eyes flicked" → "the steward's eyes": the same after any determiner, before a verb.
 */
function singularPossessive(context: TextContext, word: Word): Flag | null {
	if (!word.lower.endsWith('s') || /(?:ss|us|is|'s|’s)$/.test(word.lower)) return null;
	if (word.text !== word.lower || word.lower.length < 4 || ATTRIBUTIVE_PLURALS.has(word.lower))
		return null;
	const determiner = context.previous(word);
	if (!determiner || !DETERMINERS.has(determiner.lower)) return null;
	const noun = context.next(word);
	if (!noun || noun.text !== noun.lower || isFunctionWord(noun.lower)) return null;
	// "the girls who were": a relative clause, not an owner.
	if (RELATIVES.has(noun.lower)) return null;
	// After "the" or "his" a plural is fine ("the dogs barked"); it is a possessive only when a
	// noun and then that noun's verb follow ("the stewards eyes flicked").
	if (!SINGULAR_DETERMINERS.has(determiner.lower)) {
		const verb = context.next(noun);
		if (!verb || isPastVerb(context.speller, noun.lower)) return null;
		if (!isPastVerb(context.speller, verb.lower) && !/^(?:is|was|were|are)$/.test(verb.lower))
			return null;
	}
	// A noun follows: one with a possessive or a plural form ("path", "work").
	const countable = context.speller.flagsOf(noun.lower)?.includes('S') ?? false;
	if (/(?:ly|ing)$/.test(noun.lower) || !(isNoun(context.speller, noun.lower) || countable))
		return null;
	const singular = word.text.slice(0, -1);
	const { speller } = context;
	// A real plural of a noun, and not a word of its own ("a gas leak", "a news item").
	if (!isNoun(speller, singular) || speller.flagsOf(word.lower)) return null;
	return flag(
		'apostrophe',
		'apostrophe/possessive-noun',
		word.start,
		word.end,
		`Possessive: "${singular}'s".`,
		[`${singular}'s`]
	);
}
