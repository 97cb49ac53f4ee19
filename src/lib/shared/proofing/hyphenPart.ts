import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import { PREFIXES } from '#shared/proofing/wordFormation';

/**
 * Bound forms written before a hyphen: English prefixes and the classical combining forms of
 * learned compounds ("socio-economic", "intra-stellar", "pre-empting", "mis-reading").
 */
const COMBINING_FORMS = new Set([
	...PREFIXES,
	...(
		'ex socio intra extra neo pseudo proto quasi post mid micro macro mega ultra trans tri bi ' +
		'uni poly para infra retro electro bio geo psycho hyper hypo auto vice cross non pan ' +
		'post mono pro contra'
	).split(' ')
]);

/**
 * One part of a hyphenated word that is fine as a part: a combining form before the hyphen, or
 * a part that makes a dictionary word with its neighbour ("pre-empting" → "preempting",
 * "teen-agers" → "teenagers", "what-nots"), or a listed compound ("double-entendre").
 * A misspelt part ("self-concious") makes neither, and stays flagged.
 */
export function isHyphenPart(context: TextContext, word: Word, lower: string): boolean {
	const { text, words, speller, lexicon } = context;
	const before = words[word.index - 1];
	const after = words[word.index + 1];
	const joinedBefore =
		before !== undefined && before.end === word.start - 1 && text[before.end] === '-';
	const joinedAfter = after !== undefined && after.start === word.end + 1 && text[word.end] === '-';
	if (!joinedBefore && !joinedAfter) return false;
	if (joinedAfter && COMBINING_FORMS.has(lower)) return true;
	const listed = (candidate: string) =>
		speller.isKnown(candidate) || (lexicon?.hasWord(candidate) ?? false);
	// "what-nots": the plural of a listed "whatnot".
	const known = (candidate: string) =>
		listed(candidate) || (/[^s]s$/.test(candidate) && listed(candidate.slice(0, -1)));
	if (joinedBefore && known(before.lower + lower)) return true;
	if (joinedAfter && known(lower + after.lower)) return true;
	if (joinedBefore && lexicon?.compound(`${before.lower} ${lower}`)) return true;
	if (joinedAfter && lexicon?.compound(`${lower} ${after.lower}`)) return true;
	return false;
}
