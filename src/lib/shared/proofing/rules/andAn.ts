import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';
import { isGradable, isNoun } from '#shared/proofing/morphology';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import {
	DETERMINERS,
	isFunctionWord,
	OBJECT_PRONOUNS,
	POSSESSIVE_DETERMINERS,
	PREPOSITIONS
} from '#shared/proofing/words/functionWords';

const BE_FORMS = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'am']);

/**
 * "of and accident", "within and hour", "was and alien land": "and" straight after a preposition
 * or a form of "be", before a content word that starts with a vowel, is the article "an" with a
 * "d" too many. A function word after it keeps the pairs that are right ("in and out", "over
 * and above").
 */
export const andAn: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const joined = anForAnd(context, word);
		if (joined) {
			flags.push(joined);
			continue;
		}
		if (word.text !== 'and') continue;
		const before = context.previous(word);
		const next = context.next(word);
		if (!before || !next || before.text !== before.lower || next.text !== next.lower) continue;
		// A form of "be" takes a complement, not "and": "it was and alien land".
		const takesArticle = PREPOSITIONS.has(before.lower) || BE_FORMS.has(before.lower);
		// "un-" sounds with a vowel ("an unknown"); "uni-" does not ("a unit").
		if (!takesArticle || !/^(?:[aeio]|un(?!i)|hour|honest|hono|heir)/.test(next.lower)) continue;
		if (isFunctionWord(next.lower) || !context.speller.isKnown(next.lower)) continue;
		// "up and about", "on and on": the preposition said twice or a particle pair.
		if (next.lower === before.lower || /(?:ing|ed|ly)$/.test(next.lower)) continue;
		// "down and ends", "in and eats": a plural or a verb in -s takes no "an".
		if (/[^su]s$/.test(next.lower) && context.speller.isKnown(next.lower.slice(0, -1))) continue;
		if (
			/^(?:every|any|one|other|each|either|again|also|even|ever|only|often|always|until|unless)/.test(
				next.lower
			)
		)
			continue;
		flags.push(
			flag(
				'confusion',
				'confusion/and-an',
				word.start,
				word.end,
				`"${before.lower} an ${next.lower}"? "And" joins; the article is "an".`,
				[matchCase(word.text, 'an')]
			)
		);
	}
	return flags;
};

/**
 * "folded it up an offered a drink", "checked his watch an sipped his drink": "an" before a past
 * in -ed that has its own object after it (a determiner or an object pronoun) is "and" with its
 * "d" lost: an article's modifier is followed by its noun, never by another determiner.
 */
function anForAnd(context: TextContext, word: Word): Flag | null {
	if (word.text !== 'an') return null;
	const joined = joinsPair(context, word);
	if (joined) return joined;
	const verb = context.next(word);
	const object = verb && context.next(verb);
	if (!verb || !object || verb.text !== verb.lower || object.text !== object.lower) return null;
	if (!/.{2}ed$/.test(verb.lower) || !context.speller.isKnown(verb.lower)) return null;
	const lower = object.lower;
	if (!DETERMINERS.has(lower) && !POSSESSIVE_DETERMINERS.has(lower) && !OBJECT_PRONOUNS.has(lower))
		return null;
	// "you", "her", "it" and "that" are left out: writers make nouns of them ("a new you", "an
	// unexpected it").
	if (lower === 'you' || lower === 'her' || lower === 'it' || lower === 'that') return null;
	return flag(
		'confusion',
		'confusion/an-and',
		word.start,
		word.end,
		`"${verb.lower}" has its own object: "and ${verb.lower}"?`,
		['and']
	);
}

/**
 * "between 1935 an 1939", "she stayed calm an adamant.": "an" between two numbers, or between two
 * adjectives of degree with nothing after the second, joins a pair: an article needs a noun after
 * it and takes no number written in figures of four digits ("an 1800s house" is read "eighteen").
 */
function joinsPair(context: TextContext, word: Word): Flag | null {
	const before = context.previous(word);
	const after = context.next(word);
	if (!before || !after) return null;
	const numbers =
		/^\d+$/.test(before.text) && /^\d+$/.test(after.text) && !/^1[18]/.test(after.text);
	const { speller } = context;
	const adjectives =
		before.text === before.lower &&
		after.text === after.lower &&
		context.endsClause(after) &&
		isGradable(speller, before.lower) &&
		isGradable(speller, after.lower) &&
		!isNoun(speller, after.lower);
	if (!numbers && !adjectives) return null;
	return flag(
		'confusion',
		'confusion/an-and',
		word.start,
		word.end,
		`"${before.text} and ${after.text}"? An article needs a noun after it.`,
		['and']
	);
}
