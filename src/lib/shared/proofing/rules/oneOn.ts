import { isNoun, isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';

/**
 * Determiners that cannot follow the number "one" ("one the way", "one his desk"), while "one
 * that", "one another", "one day" can: after "one" they mean "on" was meant.
 */
const ARTICLES_AND_POSSESSIVES = new Set([
	'the',
	'a',
	'an',
	'his',
	'her',
	'its',
	'my',
	'your',
	'their',
	'our',
	'some',
	// "leveled one it": "it" after the number is a pronoun's object, which "one" takes not.
	'it'
]);

/** "no one the police questioned", "the one the others chose", "one by one the": "one" the pronoun. */
const PRONOUN_ONE = new Set([
	'no',
	'what',
	'another',
	'the',
	'any',
	'every',
	'each',
	'some',
	'that',
	'this',
	'which',
	'by'
]);

/** Words that cannot follow the article "an" but follow "and" ("an it took", "an a squirt"). */
const NOT_AFTER_AN = new Set([
	'the',
	'a',
	'an',
	'his',
	'my',
	'your',
	'their',
	'our',
	'it',
	'he',
	'she',
	'they',
	'we',
	'you',
	// "stopped an again removed", "it up an offered": words no article stands before.
	'again',
	'into',
	'onto',
	'upon',
	'unto',
	'underneath',
	'until',
	'unless',
	'if',
	'or',
	'nor',
	'as',
	'at',
	'of',
	'is',
	'was',
	'are',
	'were',
	'am',
	// Conjunctions and prepositions that never open a noun phrase ("committees an either go out",
	// "an across the street"). Adverbs of degree and time do ("an almost delicate air", "an often
	// told story").
	'either',
	'each',
	'among',
	'amongst',
	'against',
	'across',
	'around',
	'although',
	'instead',
	'anyway'
]);

/**
 * "one the way to Lublin" → "on", "calm an adamant" before a word "an" cannot take → "and": the
 * small words one letter apart, told apart by the word after them.
 */
export const oneOn: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.lower !== 'one' && word.lower !== 'an') continue;
		const after = context.next(word);
		// "an (blushing) raise", 'said "No" an "Sure"' (not 'an "Eats" sign'), 'an "I see"', "an I said": no article
		// stands before a bracket or a consonant.
		const quoted =
			word.text === 'an' &&
			/^ +(?:\(\p{L}|["“](?:[b-df-hj-np-tv-z]|I[ '’]))/iu.test(
				context.text.slice(word.end, word.end + 4)
			);
		if (quoted || (word.text === 'an' && after?.text === 'I')) {
			flags.push(anAnd(word));
			continue;
		}
		if (!after || after.text !== after.lower) continue;
		let fix: string | undefined;
		if (
			word.lower === 'one' &&
			ARTICLES_AND_POSSESSIVES.has(after.lower) &&
			!PRONOUN_ONE.has(context.previous(word)?.lower ?? '')
		)
			fix = 'on';
		else if (
			word.lower === 'an' &&
			NOT_AFTER_AN.has(after.lower) &&
			context.text[after.end] !== '-'
		)
			fix = 'and';
		else if (word.lower === 'one' && beforePlural(context, word, after)) fix = 'on';
		if (!fix) continue;
		flags.push(
			flag(
				'confusion',
				`confusion/${word.lower}-${fix}`,
				word.start,
				word.end,
				`"${word.lower} ${after.lower}": "${fix} ${after.lower}"?`,
				[matchCase(word.text, fix)]
			)
		);
	}
	return flags;
};

const anAnd = (word: Word): Flag =>
	flag('confusion', 'confusion/an-and', word.start, word.end, '"and"?', [
		matchCase(word.text, 'and')
	]);

/** Words before "one" that make it a pronoun a relative clause may follow ("the only one others"). */
const ONE_AS_PRONOUN =
	/^(?:only|last|first|other|right|wrong|same|little|big|young|old|new|good|bad|such|no|any)$/;

/**
 * "a ladder one casters", "knocking one strangers' doors": the number takes a singular noun, so
 * before a plural it is "on". Not after a word that makes it a pronoun ("the one others chose").
 */
function beforePlural(context: TextContext, word: Word, after: Word): boolean {
	const previous = context.previous(word)?.lower ?? '';
	if (PRONOUN_ONE.has(previous) || ONE_AS_PRONOUN.test(previous)) return false;
	// "twenty-one dollars", "thirty one dollars": part of a larger number.
	if (context.text[word.start - 1] === '-' || /(?:ty|hundred|thousand|and)$/.test(previous))
		return false;
	const lower = after.lower;
	if (!/[^su]s$/.test(lower) || lower === 'ones' || lower.length < 4) return false;
	const { speller } = context;
	// A plural the dictionary makes from a noun ("casters" from "caster"), no stem of its own.
	// ... and no verb ("however one looks at it").
	if (isVerbBase(speller, lower.slice(0, -1))) return false;
	return !speller.flagsOf(lower) && speller.isKnown(lower) && isNoun(speller, lower);
}
