import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { isNoun, isPastVerb } from '#shared/proofing/morphology';
import { SPEECH_VERBS } from '#shared/proofing/words/speechVerbs';
import {
	DETERMINERS,
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
 * - "on same sidewalk": "same" after a preposition wants "the";
 * - "as if were an old friend", "because had no money": a subordinator before a finite verb
 *   wants the clause's subject between them;
 * - "It seemed me that": "seem" takes its person with "to";
 * - "She not alone", "if he the real thing": a subject pronoun opening a clause before "not" or
 *   an article has lost its verb.
 * Written from the kinds of the corpus development half's dropped-word misses. A wider rule, a
 * preposition before a singular noun the corpus mostly has after "the" ("across room"), was
 * tried there and dropped: bare nouns after prepositions ("at attention", "in pain", "by sun and
 * weather") are too common; four flags in five were wrong.
 */
export const missingWord: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const lower = word.lower;
		if (SUBORDINATORS.has(lower) || SEEM.has(lower)) {
			const found = subjectlessClause(context, word) ?? seemWithoutTo(context, word);
			if (found) flags.push(found);
			continue;
		}
		if (SPEECH_VERBS.has(lower) && word.text === lower && isPastVerb(context.speller, lower)) {
			const found = speechWithoutAnd(context, word);
			if (found) flags.push(found);
			continue;
		}
		if (NOMINATIVE_VERB[lower]) {
			const found = pronounWithoutVerb(context, word);
			if (found) flags.push(found);
			continue;
		}
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

/** Subject pronouns that are never objects ("it" and "you" are), with the verb they take. */
const NOMINATIVE_VERB: Record<string, string> = {
	i: 'was',
	he: 'was',
	she: 'was',
	we: 'were',
	they: 'were'
};

/**
 * Words that open a clause with its own subject and verb. "And", "but", "or", "while" and
 * "whereas" are left out: a clause after them may drop a verb the one before has ("they could see
 * me but I not them", "she was a doctor, while he a nurse").
 */
const CLAUSE_OPENERS = new Set(
	'if when whenever because whether that though although unless once since until till before after where'.split(
		' '
	)
);

/**
 * "She not alone for there were three others", "if he the real thing": a subject pronoun that
 * opens a sentence or a subordinate clause, straight before "not" or an article, has no verb: "not"
 * follows its auxiliary ("she was not") and an article its verb ("he was the"). The pronoun is
 * nominative, so no verb before it takes it as an object ("made it a rule" is right).
 */
function pronounWithoutVerb(context: TextContext, word: Word): Flag | null {
	const next = context.next(word);
	if (!next || next.text !== next.lower) return null;
	// "He about to say": "about to" is a predicate, so it follows its "be" ("he was about to").
	const aboutTo = next.lower === 'about' && context.next(next)?.lower === 'to';
	if (!aboutTo && !/^(?:not|a|an|the)$/.test(next.lower)) return null;
	if (!/^ $/.test(context.gapAfter(word))) return null;
	const before = context.previous(word);
	const opens =
		context.isSentenceStart(word) ||
		context.afterOpener(word) ||
		(before !== undefined && before.text === before.lower && CLAUSE_OPENERS.has(before.lower));
	if (!opens && !aboutTo) return null;
	const verb = NOMINATIVE_VERB[word.lower]!;
	return insert(word, next, verb, `A verb is missing: "${word.text} ${verb} ${next.text}"?`, false);
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

/**
 * Conjunctions that open a clause with a subject of its own. "As", "than", "that", "which" and
 * "who" are left out: "as was his habit", "more than was needed", "the man that had" are right.
 */
const SUBORDINATORS = new Set('if because although though unless whenever whereas'.split(' '));

/** Finite verbs, each with the subject pronouns that agree with it ("was": he, she, it). */
const FINITE_VERBS: Record<string, string[]> = {
	was: ['he', 'she', 'it'],
	is: ['he', 'she', 'it'],
	has: ['he', 'she', 'it'],
	does: ['he', 'she', 'it'],
	// After "if" and "though" "were" is a subjunctive too ("as if it were", "if he were").
	were: ['it', 'he', 'she', 'they', 'we', 'you'],
	are: ['they', 'we', 'you'],
	have: ['they', 'we', 'you']
};
const ANY_PERSON = ['he', 'she', 'they', 'it'];
const FINITE = new Set([
	...Object.keys(FINITE_VERBS),
	...'had did could would should can will must might shall'.split(' ')
]);

/**
 * "as if were an old friend", "because had no money", "although could not see": a subordinating
 * conjunction opens a clause, and a finite verb straight after it has no subject ("if it were",
 * "because he had"). Suggests the subject pronouns that agree with the verb.
 */
function subjectlessClause(context: TextContext, word: Word): Flag | null {
	if (!SUBORDINATORS.has(word.lower)) return null;
	const verb = context.next(word);
	if (!verb || verb.text !== verb.lower || !FINITE.has(verb.lower)) return null;
	if (!/^ $/.test(context.gapAfter(word))) return null;
	const subjects = FINITE_VERBS[verb.lower] ?? ANY_PERSON;
	return flag(
		'grammar',
		'grammar/missing-word',
		word.start,
		verb.end,
		`The clause has no subject: "${word.text} ${subjects[0]} ${verb.text}"?`,
		subjects.map((subject) => `${word.text} ${subject} ${verb.text}`),
		'possible'
	);
}

/** "seem" and its forms, which take a person with "to" ("it seemed to me"). */
const SEEM = new Set(['seem', 'seems', 'seemed', 'seeming']);
const PERSONS = new Set(['me', 'him', 'us', 'them']);

/**
 * "It seemed me that", "it seems them odd": "seem" is no transitive verb; the person it seems
 * to is joined with "to". ("Her" is left out: "seemed her best" is a possessive.)
 */
function seemWithoutTo(context: TextContext, word: Word): Flag | null {
	if (!SEEM.has(word.lower)) return null;
	const person = context.next(word);
	if (!person || person.text !== person.lower || !PERSONS.has(person.lower)) return null;
	if (!/^ $/.test(context.gapAfter(word))) return null;
	return insert(word, person, 'to', `"${word.text} to ${person.text}"?`, true);
}

/** Pasts that take a clause with "that" left out ("knew the note said …"). */
const CLAUSE_VERBS = new Set(
	(
		'knew thought saw noticed realized realised heard felt believed guessed figured decided ' +
		'found remembered supposed hoped wished understood learned learnt discovered read ' +
		'suspected assumed imagined expected doubted forgot sensed judged'
	).split(' ')
);

/**
 * "He turned his head said, …": a past verb, its object (a determiner and a noun that names no
 * person or animal), then a past verb of speech, which has lost the "and" that joins the two
 * verbs of one subject: a thing is no speaker, and the object of a verb no subject.
 */
function speechWithoutAnd(context: TextContext, word: Word): Flag | null {
	const { lexicon, speller } = context;
	if (!lexicon) return null;
	const noun = context.previous(word);
	const determiner = noun && context.previous(noun);
	const verb = determiner && context.previous(determiner);
	if (!noun || !determiner || !verb || noun.text !== noun.lower || verb.text !== verb.lower)
		return null;
	if (!DETERMINERS.has(determiner.lower) || isFunctionWord(noun.lower)) return null;
	if (!isNoun(speller, noun.lower) || lexicon.isAnimate(noun.lower)) return null;
	if (!isPastVerb(speller, verb.lower) || SPEECH_VERBS.has(verb.lower)) return null;
	// "He knew the letter said more": a verb of knowing or seeing takes a clause without "that".
	if (CLAUSE_VERBS.has(verb.lower)) return null;
	// "bought the house said to be haunted": a participle of a reduced relative clause.
	if (context.next(word)?.lower === 'to') return null;
	return flag(
		'grammar',
		'grammar/missing-word',
		noun.start,
		word.end,
		`"${noun.text} and ${word.text}"? One subject's two verbs.`,
		[`${noun.text} and ${word.text}`],
		'possible'
	);
}
