/** Closed word classes the rules use to read a little grammar. All lowercase. */

export const SUBJECT_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they']);

export const OBJECT_PRONOUNS = new Set(['me', 'you', 'him', 'her', 'it', 'us', 'them']);

export const POSSESSIVE_DETERMINERS = new Set(['my', 'your', 'his', 'her', 'its', 'our', 'their']);

export const DETERMINERS = new Set([
	'a',
	'an',
	'the',
	'this',
	'that',
	'these',
	'those',
	'some',
	'any',
	'no',
	'every',
	'each',
	...POSSESSIVE_DETERMINERS
]);

export const PREPOSITIONS = new Set([
	'about',
	'above',
	'across',
	'after',
	'against',
	'along',
	'among',
	'around',
	'at',
	'before',
	'behind',
	'below',
	'beneath',
	'beside',
	'between',
	'beyond',
	'by',
	'down',
	'during',
	'for',
	'from',
	'in',
	'inside',
	'into',
	'like',
	'near',
	'of',
	'off',
	'on',
	'onto',
	'out',
	'outside',
	'over',
	'past',
	'since',
	'through',
	'throughout',
	'to',
	'toward',
	'towards',
	'under',
	'until',
	'up',
	'upon',
	'with',
	'within',
	'without'
]);

export const CONJUNCTIONS = new Set([
	'and',
	'but',
	'or',
	'nor',
	'so',
	'yet',
	'because',
	'if',
	'when',
	'while',
	'though',
	'although',
	'as',
	'than',
	'then',
	'that',
	'where',
	'whether',
	'unless',
	'once'
]);

/** The modal verbs, in their plain forms. */
const MODAL_VERBS = ['will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must'];

export const AUXILIARIES = new Set([
	'am',
	'is',
	'are',
	'was',
	'were',
	'be',
	'been',
	'being',
	'has',
	'have',
	'had',
	'do',
	'does',
	'did',
	...MODAL_VERBS
]);

export const MODALS = new Set([
	...MODAL_VERBS,
	"won't",
	"wouldn't",
	"can't",
	"couldn't",
	"shouldn't",
	"mustn't",
	"don't",
	"doesn't",
	"didn't",
	'gonna',
	'wanna'
]);

/** Words that are never the noun of a noun phrase (used to tell "Faiths neck" from "Faiths and"). */
export const isFunctionWord = (lower: string): boolean =>
	SUBJECT_PRONOUNS.has(lower) ||
	OBJECT_PRONOUNS.has(lower) ||
	DETERMINERS.has(lower) ||
	PREPOSITIONS.has(lower) ||
	CONJUNCTIONS.has(lower) ||
	AUXILIARIES.has(lower) ||
	MODALS.has(lower) ||
	ADVERBS.has(lower);

/** Frequent adverbs that sit where a noun might ("Tara still smiled"). */
export const ADVERBS = new Set([
	'again',
	'almost',
	'already',
	'also',
	'always',
	'away',
	'back',
	'even',
	'ever',
	'finally',
	'first',
	'here',
	'just',
	'last',
	'later',
	'never',
	'next',
	'not',
	'now',
	'often',
	'once',
	'only',
	'quickly',
	'quietly',
	'really',
	'slowly',
	'soon',
	'still',
	'suddenly',
	'there',
	'too',
	'very',
	'well',
	'yet',
	'himself',
	'herself',
	'itself',
	'themselves',
	'myself',
	'yourself',
	'ourselves'
]);
