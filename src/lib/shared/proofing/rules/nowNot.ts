import { isNoun, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import {
	AUXILIARIES,
	isFunctionWord,
	MODALS,
	OBJECT_PRONOUNS
} from '#shared/proofing/words/functionWords';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { SPEECH_VERBS } from '#shared/proofing/words/speechVerbs';

/** "do", "does", "did": with "not" they take a plain verb; with "now" they hardly do. */
const DO_FORMS = new Set(['do', 'does', 'did']);

/**
 * "She did now touch him": a form of "do" then "now" then a plain verb is a negation with one
 * letter slipped ("did not touch"). "He did now see" in the sense of "at last" would say "did
 * see now" or "now did see", so this is rarely a sentence that is right.
 */
export const nowNot: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const found =
			notForNow(context, word) ??
			nowBeforePolarity(context, word) ??
			notOnly(context, word) ??
			notBeforeClause(context, word);
		if (found) {
			flags.push(found);
			continue;
		}
		if (word.lower !== 'now' || word.text !== 'now') continue;
		const before = context.previous(word);
		const after = context.next(word);
		if (!before || !after || !DO_FORMS.has(before.lower) || after.text !== after.lower) continue;
		if (!isVerbBase(context.speller, after.lower)) continue;
		flags.push(
			flag(
				'confusion',
				'confusion/now-not',
				word.start,
				word.end,
				`"${before.lower} now ${after.lower}": "${before.lower} not ${after.lower}"?`,
				['not']
			)
		);
	}
	return flags;
};

/**
 * "Now only were the costs paid", "Now long ago a paper said": at a sentence's start "only" and
 * a helping verb before its subject are the inversion of "Not only", and "long ago", "long
 * after", "long before" are "Not long ago": "now" would put the verb after its subject ("Now
 * only the wind was left").
 */
function notOnly(context: TextContext, word: Word): Flag | null {
	if (word.text !== 'Now' || !context.isSentenceStart(word)) return null;
	const after = context.next(word);
	const third = after && context.next(after);
	if (!after || !third || !/^ $/.test(context.gapAfter(word))) return null;
	const inverted =
		after.text === 'only' && (AUXILIARIES.has(third.lower) || MODALS.has(third.lower));
	const notLong =
		after.text === 'long' && /^(?:ago|after|before|afterward|afterwards)$/.test(third.text);
	if (!inverted && !notLong) return null;
	return flag(
		'confusion',
		'confusion/now-not',
		word.start,
		word.end,
		`"Not ${after.text} ${third.text}"?`,
		['Not']
	);
}

const CLAUSE_SUBJECTS = new Set(['i', 'he', 'she', 'it', 'we', 'they', 'you']);
/** Words after which "not" starts a clause of its own: "whether or not it was", "if not, …". */
const BEFORE_NOT_CLAUSE = new Set('or if whether why how than that'.split(' '));

/**
 * "Not it would have another death", "and not it's all over": "not" negates a verb or a phrase,
 * never a whole clause, so before a subject pronoun and its verb (or the two contracted) it is
 * "now". "Not I" before a comma, "whether or not it was" and "if not, …" are left alone.
 */
function notBeforeClause(context: TextContext, word: Word): Flag | null {
	if (word.lower !== 'not' || (word.text !== 'not' && !context.isSentenceStart(word))) return null;
	const subject = context.next(word);
	if (!subject || !/^ $/.test(context.gapAfter(word))) return null;
	const before = context.previous(word);
	if (before && BEFORE_NOT_CLAUSE.has(before.lower)) return null;
	const contracted = /^(?:i|he|she|it|we|they|you)['’](?:s|m|re|ll|d|ve)$/.test(subject.lower);
	if (!contracted) {
		if (!CLAUSE_SUBJECTS.has(subject.lower) || !/^ $/.test(context.gapAfter(subject))) return null;
		const verb = context.next(subject);
		if (!verb || verb.text !== verb.lower) return null;
		const finite =
			AUXILIARIES.has(verb.lower) ||
			MODALS.has(verb.lower) ||
			isPastVerb(context.speller, verb.lower);
		// "'Not I,' said the duck" written without its comma: a speech tag after the answer.
		if (!finite || SPEECH_VERBS.has(verb.lower)) return null;
	}
	const now = word.text === 'Not' ? 'Now' : 'now';
	return flag(
		'confusion',
		'confusion/now-not',
		word.start,
		word.end,
		`"${word.text}" before a whole clause: "${now} ${subject.text}"?`,
		[now]
	);
}

/**
 * "nothing to stop me not.", "about his wife not,": "not" ends a clause only after a word it
 * negates ("I hope not", "of course not", "whether or not"), never straight after an object
 * pronoun or a noun; there it is "now" with a letter slipped.
 */
function notForNow(context: TextContext, word: Word): Flag | null {
	if (word.text !== 'not') return null;
	if (!/^[.,;!?]/.test(context.gapAfter(word))) return null;
	const before = context.previous(word);
	if (!before || before.text !== before.lower) return null;
	const { speller } = context;
	const object =
		OBJECT_PRONOUNS.has(before.lower) && before.lower !== 'it' && before.lower !== 'you';
	const noun =
		!isFunctionWord(before.lower) &&
		!MODALS.has(before.lower) &&
		isNoun(speller, before.lower) &&
		!canBeVerb(context, before.lower) &&
		!/(?:ly|ed|ing)$/.test(before.lower) &&
		// "it matters not", "he cares not": an old negation after a verb in -s.
		!(before.lower.endsWith('s') && canBeVerb(context, before.lower.slice(0, -1))) &&
		!NOT_AFTER.has(before.lower);
	if (!object && !noun) return null;
	return flag(
		'confusion',
		'confusion/now-not',
		word.start,
		word.end,
		`"${before.lower} not" ends nothing it negates: "${before.lower} now"?`,
		['now']
	);
}

/** Words "not" ends a clause after ("of course not", "more often than not"). */
const NOT_AFTER = new Set(
	'course than or yet all certainly probably why how whether maybe perhaps'.split(' ')
);

/**
 * "It was now murder at all", "Majdanek was now growing any larger": "at all", "any longer" and
 * their kind stand only in a negative clause; with no other negative word in it, the "now" after
 * the helping verb is the "not" that was meant.
 */
function nowBeforePolarity(context: TextContext, word: Word): Flag | null {
	if (word.text !== 'now') return null;
	const before = context.previous(word);
	if (!before || !(AUXILIARIES.has(before.lower) || MODALS.has(before.lower))) return null;
	const clause = clauseOf(context, word);
	if (NEGATIVE.test(clause.before) || NEGATIVE.test(clause.after)) return null;
	if (!POLARITY.test(clause.after)) return null;
	return flag(
		'confusion',
		'confusion/now-not',
		word.start,
		word.end,
		`"${before.lower} now … ${POLARITY.exec(clause.after)![0]}" asks for a negative: "${before.lower} not"?`,
		['not']
	);
}

const NEGATIVE =
	/\b(?:not|no|never|nobody|nothing|none|nowhere|neither|nor|hardly|scarcely|barely|without|only|if|whether|than)\b|n['’]t\b/i;
const POLARITY = /\b(?:at all|any (?:longer|more|larger|bigger|better|further|farther)|anymore)\b/i;

/** The text of the word's clause before and after it (up to a mark that ends a clause). */
function clauseOf(context: TextContext, word: Word): { before: string; after: string } {
	const { text } = context;
	const start = Math.max(0, text.lastIndexOf('\n', word.start));
	const head = text.slice(start, word.start);
	const cut = Math.max(...['.', ';', '!', '?', ','].map((mark) => head.lastIndexOf(mark)));
	const tail = /^[^.;!?,\n]*/.exec(text.slice(word.end))![0];
	return { before: head.slice(cut + 1), after: tail };
}

/** A verb's base form, by its flags or by its -ed or -ing forms ("hope": "hoped"). */
function canBeVerb(context: TextContext, lower: string): boolean {
	const { speller } = context;
	if (isVerbBase(speller, lower)) return true;
	const bare = lower.replace(/e$/, '');
	return [`${lower}ed`, `${bare}ed`, `${lower}ing`, `${bare}ing`, `${lower}d`]
		.filter((form) => form !== lower)
		.some((form) => speller.isKnown(form));
}
