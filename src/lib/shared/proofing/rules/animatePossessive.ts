import { isNoun, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { isFunctionWord } from '#shared/proofing/words/functionWords';

/** Determiners of one owner's noun phrase ("the", "his"); plural ones ("those") are left out. */
const OWNER_DETERMINERS = new Set(['the', 'his', 'her', 'my', 'your', 'our', 'their']);

/**
 * Verbs that take two objects ("told the boys stories", "gave her sons money") or an object and
 * a bare verb ("let his victims rest").
 */
const DOUBLE_OBJECT_VERBS = new Set(
	(
		'give gives gave given giving tell tells told telling show shows showed shown showing ' +
		'send sends sent sending bring brings brought bringing offer offers offered offering ' +
		'teach teaches taught teaching buy buys bought buying lend lends lent lending pay pays ' +
		'paid paying owe owes owed hand hands handed promise promises promised read reads ' +
		'sell sells sold feed feeds fed serve serves served cost costs ask asks asked leave ' +
		'left make makes made get gets got find finds found wish wished deny denied allow allowed ' +
		'call calls called name named let lets letting watch watched see saw seen hear heard ' +
		'help helped feel felt have has had'
	).split(' ')
);

/** "the girls who came": a relative clause, not an owned thing. */
const RELATIVES = new Set(['who', 'whom', 'whose', 'which', 'that', 'where', 'when', 'what']);

/**
 * "his fathers door", "the sheriffs office", "the strangers head." → "father's", "sheriff's",
 * "stranger's": a plural of a noun that first of all names a person or an animal (WordNet),
 * after a determiner of one noun phrase and before a noun, is its owner. A plural subject
 * before its verb ("the boys head home") is told apart by the next word: a noun that is no verb
 * ("door", "office"), a plural noun ("fingers": a plural subject takes no verb in -s), or a noun
 * that ends its sentence ("the strangers head.").
 */
export const animatePossessive: Rule = (context) => {
	const flags: Flag[] = [];
	const { lexicon } = context;
	if (!lexicon) return flags;
	for (const word of context.words) {
		const found = possessive(context, word);
		if (found) flags.push(found);
	}
	return flags;
};

function possessive(context: TextContext, word: Word): Flag | null {
	const { speller, lexicon } = context;
	const lower = word.lower;
	if (word.text !== lower || lower.length < 4 || !/[^su]s$/.test(lower)) return null;
	const singular = lower.slice(0, -1);
	if (!lexicon!.isAnimate(singular) || !speller.isKnown(singular)) return null;
	const determiner = context.previous(word);
	if (!determiner || !OWNER_DETERMINERS.has(determiner.lower)) return null;
	const verb = context.previous(determiner);
	if (verb && DOUBLE_OBJECT_VERBS.has(verb.lower)) return null;
	const noun = context.next(word);
	if (!noun || noun.text !== noun.lower || !speller.isKnown(noun.lower)) return null;
	const next = noun.lower;
	if (
		isFunctionWord(next) ||
		RELATIVES.has(next) ||
		/(?:ly|ing|ed)$/.test(next) ||
		isPastVerb(speller, next)
	)
		return null;
	// Inside a prepositional phrase ("at his fathers door", "under his pastors cap") the plural
	// cannot be a subject with its verb after it: the next word is the owned noun.
	const object = objectOfPreposition(context, determiner);
	if (object && (ADVERBIAL.has(next) || !(isNoun(speller, next) || speller.isKnown(`${next}s`))))
		return null;
	// A noun, which the dictionary gives a possessive form ("anyway" has only an -s form).
	if (!object && !isNoun(speller, next)) return null;
	const plural = next.endsWith('s') && !next.endsWith('ss') && isNoun(speller, next.slice(0, -1));
	if (!object && canBeVerb(context, next) && !plural && !endsSentence(context, noun)) return null;
	return flag(
		'apostrophe',
		'apostrophe/possessive-noun',
		word.start,
		word.end,
		`Possessive: "${singular}'s ${next}".`,
		[`${singular}'s`]
	);
}

/**
 * Prepositions that are never conjunctions ("after the boys head home" is a clause, "at the boys
 * head" is not).
 */
const OBJECT_PREPOSITIONS = new Set(
	(
		'of at in into onto on from with under by through across toward towards upon behind beside ' +
		'beneath near against among without within inside'
	).split(' ')
);

/** Words of time and place that follow a plural object as adverbs ("to the girls last night"). */
const ADVERBIAL = new Set(
	'last next today tonight yesterday tomorrow home once twice back alone together here there now then'.split(
		' '
	)
);

/** "any of the grooms match": a quantifier and "of" make the plural a subject again. */
const QUANTIFIERS = new Set(
	'any some all none most many few each one both several either neither half two three four five'.split(
		' '
	)
);

function objectOfPreposition(context: TextContext, determiner: Word): boolean {
	const before = context.previous(determiner);
	if (!before || before.text !== before.lower || !OBJECT_PREPOSITIONS.has(before.lower))
		return false;
	const quantifier = context.previous(before);
	return before.lower !== 'of' || !quantifier || !QUANTIFIERS.has(quantifier.lower);
}

/** A full stop, a question or exclamation mark, or a semicolon after the word ("complain, but"). */
const endsSentence = (context: TextContext, word: Word): boolean =>
	word.index === context.words.length - 1 || /^["”’)]?\s*[.!?;:]/.test(context.gapAfter(word));

/** A verb's base form, by its flags or by its -ed or -ing forms ("match": "matched"). */
function canBeVerb(context: TextContext, lower: string): boolean {
	const { speller } = context;
	if (isVerbBase(speller, lower)) return true;
	const bare = lower.replace(/e$/, '');
	const doubled = lower + lower.at(-1);
	return [`${lower}ed`, `${bare}ed`, `${doubled}ed`, `${lower}ing`, `${bare}ing`, `${doubled}ing`]
		.filter((form) => form !== lower)
		.some((form) => speller.isKnown(form));
}
