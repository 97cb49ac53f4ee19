import { wordSlipRule, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import { DETERMINERS, isFunctionWord, PREPOSITIONS } from '#shared/proofing/words/functionWords';

const DO_FORMS = /^(?:do|does|did|don['’]?t|doesn['’]?t|didn['’]?t)$/;
const HAVE_FORMS = /^(?:have|has|had|having|i['’]ve|we['’]ve|they['’]ve|you['’]ve)$/;
const MOTION = new Set(
	'back through home away inside outside upstairs downstairs across into along ahead forward'.split(
		' '
	)
);

/** Prepositions that are never conjunctions ("after they're gone", "like they're mad" are right). */
const OBJECT_ONLY_PREPOSITIONS = new Set(
	(
		'at to of on in into onto with from toward towards among against about across through ' +
		'upon under over behind beside between by without within'
	).split(' ')
);

/**
 * Words one sound or one letter from another, each read from a place where only the other can
 * stand:
 * - "didn't went to hear" → "want" (a form of "do" takes a plain verb); "he want back to work",
 *   "then want through" → "went" (after "he", "she", "it" or "then", before a word of motion);
 * - "of coarse not", "a blind coarse through" → "course" (the adjective wants a noun after it);
 * - "in hour direction", "on hour hands" → "our" (after a preposition or verb, before a noun; "the
 *   hour hand" keeps its article);
 * - "could get hear quick", "around hear." → "here"; "didn't here" → "hear";
 * - "life past away", "had past the house" → "passed";
 * - "had though" → "thought" (a form of "have" takes a participle);
 * - "a knew coat" → "new" (an article or a possessive takes no past tense);
 * - "lived their in", "stray up their," → "there" (a possessive wants its noun after it);
 * - "shouted at they're men" → "their", "what are you're plans" → "your" (a preposition takes
 *   no subject, nor does a verb that has one).
 */
export const homophoneSlips: Rule = wordSlipRule((context, word) =>
	fix(context, word, context.previous(word), context.next(word))
);

function fix(
	context: TextContext,
	word: Word,
	before: Word | undefined,
	after: Word | undefined
): string | null {
	const previous = before?.lower ?? '';
	const next = after?.lower ?? '';
	switch (word.lower) {
		case 'went':
			return DO_FORMS.test(previous) && next === 'to' ? 'want' : null;
		case 'want':
			return /^(?:he|she|it|then)$/.test(previous) && MOTION.has(next) ? 'went' : null;
		case 'coarse':
			// "made of coarse wool" has its noun; "of coarse not" has none.
			return (previous === 'of' || DETERMINERS.has(previous)) &&
				(!after || isFunctionWord(next) || context.endsClause(word))
				? 'course'
				: null;
		case 'hour':
			return before &&
				after &&
				!DETERMINERS.has(previous) &&
				!/^(?:one|half|per|every|each|an|hour)$/.test(previous) &&
				(PREPOSITIONS.has(previous) || /ed$/.test(previous)) &&
				!isFunctionWord(next) &&
				after.text === next &&
				!/^(?:hand|hands|glass|long|later)$/.test(next)
				? 'our'
				: null;
		case 'hear':
			if (DO_FORMS.test(previous)) return null;
			return (previous === 'get' || previous === 'see' || previous === 'around') &&
				(!after || context.endsClause(word) || /^(?:quick|now|soon|again)$/.test(next))
				? 'here'
				: null;
		case 'here':
			return /^(?:didn['’]?t|couldn['’]?t|can['’]?t|don['’]?t|doesn['’]?t)$/.test(previous) &&
				!context.endsClause(word)
				? 'hear'
				: null;
		case 'past':
			if (next === 'away' && before) return 'passed';
			return HAVE_FORMS.test(previous) && after && DETERMINERS.has(next) ? 'passed' : null;
		case 'knew':
			// "in a knew overcoat", "taught them a knew way": an article or a possessive before a
			// past tense is the adjective "new" (a subject is never "a" or "his").
			return /^(?:a|an|the|my|your|his|its|our|their)$/.test(previous) &&
				after &&
				!isFunctionWord(next)
				? 'new'
				: null;
		case 'though':
			return HAVE_FORMS.test(previous) && after && !context.endsClause(word) ? 'thought' : null;
		case 'their':
			// A possessive wants its noun: "nobody has lived their in", "stray up their, from".
			return before && context.endsClause(word) && /^[,.;:!?]/.test(context.gapAfter(word))
				? 'there'
				: null;
		case "they're":
		case 'they’re':
			// A subject cannot be a preposition's object: "shouted at they're men".
			return OBJECT_ONLY_PREPOSITIONS.has(previous) ? 'their' : null;
		case "you're":
		case 'you’re':
			// Nor after a preposition or a verb that already has its own: "What are you're
			// plans?", "a letter from you're mother".
			if (!after || after.text !== next) return null;
			return OBJECT_ONLY_PREPOSITIONS.has(previous) || /^(?:is|are|was|were)$/.test(previous)
				? matchYour(word.text)
				: null;
		default:
			return null;
	}
}

/** "your" in the case of the word it replaces ("You're" → "Your"). */
const matchYour = (text: string): string => (text.startsWith('Y') ? 'Your' : 'your');
