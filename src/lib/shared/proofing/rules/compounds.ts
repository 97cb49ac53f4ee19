import { beforeNoun } from '#shared/proofing/rules/hyphen';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { isGradable } from '#shared/proofing/morphology';
import { matchCase } from '#shared/proofing/textShape';
import { DETERMINERS, isFunctionWord, PREPOSITIONS } from '#shared/proofing/words/functionWords';

/**
 * Compounds written open, from the lexicon's compound lists (WordNet and the training text):
 * - a hyphenated compound ("grief stricken", "ten year old") written as separate words;
 * - a modifier made with a productive head ("water filled tank", "nice looking man") before a
 *   noun, which no list has but which is hyphenated all the same (possible: a verb reading
 *   exists, "the sand filled buckets");
 * - a closed compound written as two words ("class room", "news paper"): possible, since some
 *   such pairs are also ordinary phrases.
 * Needs the checker's lexicon; without one it finds nothing.
 */
export const compounds: Rule = (context) => {
	const { lexicon } = context;
	if (!lexicon) return [];
	const flags: Flag[] = [];
	const words = context.words;
	// isPlain for each word, asked once (a word is looked at as first, second and third).
	const plainness = new Int8Array(words.length);
	const plain = (word: Word): boolean => {
		if (plainness[word.index] === 0) plainness[word.index] = isPlain(context, word) ? 1 : -1;
		return plainness[word.index] === 1;
	};
	for (let i = 0; i < words.length; i++) {
		const first = words[i]!;
		if (!plain(first)) continue;
		const second = context.next(first);
		if (!second || !plain(second)) continue;
		if (DEGREE_WORDS.has(first.lower)) continue;
		const third = context.next(second);
		const pair = `${first.lower} ${second.lower}`;
		// No listed compound starts with the first word: none of the lookups below can find one.
		const opens = lexicon.startsCompound(first.lower);
		const triple = opens && third && plain(third) && lexicon.compound(`${pair} ${third.lower}`);
		// A two-word compound of a noun or adjective ("half hour", "red brick") is hyphenated as a
		// modifier only; with a participle ("grief stricken") it is hyphenated everywhere.
		// "dark brown hair", "pale blue eyes": a shade and a colour are mostly written open.
		const pairCompound =
			!opens || isShadeOfColour(first.lower, second.lower) ? undefined : lexicon.compound(pair);
		const hyphenated =
			triple ||
			(pairCompound &&
			((/(?:ed|en|ing|like)$/.test(second.lower) && !isClause(context, first, second)) ||
				beforeNoun(context, second.end))
				? pairCompound
				: undefined);
		if (hyphenated) {
			const last = triple ? third! : second;
			flags.push(hyphenate(context, first, last, hyphenated, 'hyphen/lexicon', 'likely'));
			i = last.index;
			continue;
		}
		if (
			lexicon.isCompoundHead(second.lower) &&
			afterDeterminer(context, first) &&
			!first.lower.endsWith('s') &&
			!isFunctionWord(first.lower) &&
			!first.lower.endsWith('ly') &&
			context.speller.isKnown(first.lower) &&
			first.lower !== 'another' &&
			beforeNoun(context, second.end) &&
			!beforeAdjective(context, second)
		) {
			flags.push(
				hyphenate(context, first, second, `${pair.replace(' ', '-')}`, 'hyphen/head', 'possible')
			);
			continue;
		}
		const closed = lexicon.startsClosedCompound(first.lower)
			? lexicon.closedCompound(pair)
			: undefined;
		if (closed) {
			const text = context.text.slice(first.start, second.end);
			flags.push(
				flag(
					'spelling',
					'spelling/open-compound',
					first.start,
					second.end,
					`Usually written as one word: "${closed}".`,
					[matchCase(text, closed)],
					'possible'
				)
			);
		}
	}
	return flags;
};

/**
 * "his voice pitched low", "her hair tied back": a past participle before an adjective or adverb of
 * degree is a clause's verb, not the head of a modifier.
 */
function beforeAdjective(context: TextContext, head: Word): boolean {
	const next = context.next(head);
	return head.lower.endsWith('ed') && next !== undefined && isGradable(context.speller, next.lower);
}

/**
 * "the air filled with dust", "a road crossing.": a noun after a determiner, then a past that
 * goes on with a preposition or an object, is a subject and its verb; an -ing word after a
 * noun, at the end of its phrase, is a noun compound ("at a road crossing"). Hyphenated only
 * as a modifier, which these are not.
 */
function isClause(context: TextContext, first: Word, second: Word): boolean {
	const before = context.previous(first);
	if (!before || !DETERMINERS.has(before.lower)) return false;
	const after = context.next(second);
	if (second.lower.endsWith('ing')) return !after || PREPOSITIONS.has(after.lower);
	if (!after) return false;
	return (PREPOSITIONS.has(after.lower) && after.lower !== 'by') || DETERMINERS.has(after.lower);
}

const SHADES = new Set(['dark', 'light', 'pale', 'bright', 'deep']);
const COLOURS = new Set(
	'brown green blue red gray grey yellow black white purple pink orange gold golden'.split(' ')
);
const isShadeOfColour = (first: string, second: string): boolean =>
	SHADES.has(first) && COLOURS.has(second);

/**
 * "half closed", "well known", "brand new": degree words are verbs' adverbs as often as parts of
 * a modifier ("she half closed the door"); the hyphen rule decides those from the words around.
 */
const DEGREE_WORDS = new Set(['half', 'well', 'ill', 'brand']);

/**
 * "a water filled", "with blood stained", "the quiet, palm lined", "through bleary, tear filled":
 * the determiner or preposition (or another modifier and a comma, in a list of them after one)
 * keeps out clauses.
 */
function afterDeterminer(context: TextContext, word: Word): boolean {
	const before = context.previous(word);
	if (before) return DETERMINERS.has(before.lower) || PREPOSITIONS.has(before.lower);
	const listed = context.words[word.index - 1];
	if (!listed || context.gapAfter(listed) !== ', ' || listed.text !== listed.lower) return false;
	const first = context.previous(listed);
	return (
		first !== undefined &&
		(DETERMINERS.has(first.lower) || PREPOSITIONS.has(first.lower)) &&
		!isFunctionWord(listed.lower) &&
		context.speller.isKnown(listed.lower)
	);
}

/** A word that may be part of a compound: lower-case (a name is not) and all letters. */
const isPlain = (context: TextContext, word: Word): boolean =>
	/^\p{Ll}+$/u.test(word.text) ||
	(context.isSentenceStart(word) && /^\p{Lu}\p{Ll}+$/u.test(word.text));

function hyphenate(
	context: TextContext,
	first: Word,
	last: Word,
	hyphenated: string,
	rule: string,
	confidence: 'likely' | 'possible'
): Flag {
	const text = context.text.slice(first.start, last.end);
	const fixed = /^\p{Lu}/u.test(text) ? matchCase(text, hyphenated) : hyphenated;
	return flag('hyphen', rule, first.start, last.end, `Hyphenate "${fixed}".`, [fixed], confidence);
}
