import { wordSlipRule, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import {
	DETERMINERS,
	isFunctionWord,
	POSSESSIVE_DETERMINERS,
	PREPOSITIONS
} from '#shared/proofing/words/functionWords';
import { isNoun, isVerbBase } from '#shared/proofing/morphology';

/**
 * Subjects straight before which "where" cannot stand: "as if she where lying". "You" and "it"
 * are objects as often ("show you where", "put it where"), and are left out.
 */
const SUBJECTS = new Set(['i', 'he', 'she', 'we', 'they']);

/**
 * Words after which the verb "write" cannot stand: "you're write", "to the write". Plain "was"
 * and "is" are left out: "all she did was write" is right.
 */
const BEFORE_RIGHT = /^(?:the|you['’]re|we['’]re|they['’]re|he['’]s|she['’]s|i['’]m)$/;

/**
 * Two slips that make another word and leave a sentence with no reading:
 * - "write" after "you're", "I'm" or "the" ("you're write", "to the write"), or "all write" at a
 *   clause's end, is "right" (the verb takes a subject or "to", not "be");
 * - "where" straight after a subject pronoun ("as if she where lying", "they where gone") is
 *   "were": "where" never follows its clause's subject; so is "where" between a plural and a
 *   participle with its preposition ("the men where huddled in"), and "There we more".
 */
export const verbSlips: Rule = wordSlipRule(
	(context, word) =>
		writeRight(context, word) ??
		whereWere(context, word) ??
		nounWe(context, word) ??
		thoughtThrough(context, word)
);

/**
 * "the firms we not permitted", "a universe we skipping through": "we" after a noun, before
 * "not" and a participle or before an -ing form, lacks its verb: "were" with its ending lost.
 * ("The things we not only saw" is left alone: only a participle after "not".)
 */
function nounWe(context: TextContext, word: Word): string | null {
	if (word.text !== 'we') return null;
	const before = context.previous(word);
	let after = context.next(word);
	if (!before || !after || before.text !== before.lower) return null;
	if (isFunctionWord(before.lower) || !isNoun(context.speller, before.lower)) return null;
	// "the love we shared" is right: straight after "we" only an -ing form.
	if (after.lower === 'not') {
		after = context.next(after);
		return after && isPresentOrPast(context, after.lower) ? 'were' : null;
	}
	return after.lower.endsWith('ing') && isPresentOrPast(context, after.lower) ? 'were' : null;
}

/** An -ing or -ed form the dictionary knows ("skipping", "permitted"). */
const isPresentOrPast = (context: TextContext, lower: string): boolean =>
	/.{3}(?:ing|ed)$/.test(lower) && context.speller.isKnown(lower);

/** Particles of direction, after which "thought" cannot stand before a noun phrase. */
const DIRECTIONS = new Set(['down', 'up', 'out', 'back', 'halfway', 'straight']);

/**
 * "curling down thought the jungles", "halfway thought the night": "thought" after a particle of
 * direction and before a determiner is "through", one letter off; a verb "thought" takes a
 * subject before it, not a particle.
 */
function thoughtThrough(context: TextContext, word: Word): string | null {
	if (word.text !== 'thought') return null;
	const before = context.previous(word);
	const after = context.next(word);
	if (!before || !after || !DIRECTIONS.has(before.lower)) return null;
	return DETERMINERS.has(after.lower) || POSSESSIVE_DETERMINERS.has(after.lower) ? 'through' : null;
}

function writeRight(context: TextContext, word: Word): string | null {
	if (word.lower !== 'write') return null;
	const before = context.previous(word);
	if (!before) return null;
	if (BEFORE_RIGHT.test(before.lower)) return 'right';
	// "All write," he said: "all" and the clause ends ("they all write letters" goes on).
	return before.lower === 'all' && context.endsClause(word) ? 'right' : null;
}

function whereWere(context: TextContext, word: Word): string | null {
	if (word.text === 'we') return thereWe(context, word);
	if (word.lower === 'were') return wereWe(context, word);
	if (word.text !== 'where') return null;
	const before = context.previous(word);
	const after = context.next(word);
	if (!before || !after) return null;
	if (SUBJECTS.has(before.lower)) return 'were';
	// "the men where huddled in the cold": a plural, then a participle and its preposition; a
	// place takes "where" before a clause with a subject of its own.
	const plural =
		/[^s]s$/.test(before.lower) || /^(?:men|women|people|children)$/.test(before.lower);
	const then = context.next(after);
	return plural &&
		before.text === before.lower &&
		after.lower.endsWith('ed') &&
		then !== undefined &&
		PREPOSITIONS.has(then.lower)
		? 'were'
		: null;
}

/** What follows "there were" and never "there we" ("there we go", "there we sat" are right). */
const AFTER_THERE_WERE = new Set(
	'no more many few several some close only two three four five a an'.split(' ')
);

/** "There we more women than men" → "There were". */
function thereWe(context: TextContext, word: Word): string | null {
	const before = context.previous(word);
	const after = context.next(word);
	if (before?.lower !== 'there' || !after || !AFTER_THERE_WERE.has(after.lower)) return null;
	return context.isSentenceStart(before) || context.afterOpener(before) ? 'were' : null;
}

/** Simple pasts that are no participle: "were" never comes straight before them. */
const SIMPLE_PASTS = new Set(
	'ate went came took gave knew grew threw flew wrote chose froze drove began sang rang drank swam ran'.split(
		' '
	)
);

/** Helping verbs that put their subject after them in a question ("Are we in Wyoming?"). */
const INVERTING = new Set('are do did will would can could shall should have had'.split(' '));

/**
 * "Were ran out of money", "I say were just can't go", "Are were in Wyoming?": "were" before a
 * simple past or a modal (perhaps after "just"), or straight after a helping verb, is "we" with
 * a letter too many: two finite verbs do not stand side by side.
 */
function wereWe(context: TextContext, word: Word): string | null {
	const before = context.previous(word);
	if (before && INVERTING.has(before.lower) && context.isSentenceStart(before)) return 'we';
	let after = context.next(word);
	if (after?.lower === 'just') after = context.next(after);
	if (!after || after.text !== after.lower) return null;
	if (context.text[after.end] === '-') return null;
	if (SIMPLE_PASTS.has(after.lower)) return 'we';
	if (/^(?:could|would|should|must)(?:n['’]t)?$|^(?:can|won|shan)['’]t$|^cannot$/.test(after.lower))
		return 'we';
	// "can", "will", "may" are nouns too ("they were can openers"): a plain verb must follow.
	const verb = context.next(after);
	return /^(?:can|will|shall|may|might)$/.test(after.lower) &&
		verb !== undefined &&
		isVerbBase(context.speller, verb.lower) &&
		!isNoun(context.speller, verb.lower)
		? 'we'
		: null;
}
