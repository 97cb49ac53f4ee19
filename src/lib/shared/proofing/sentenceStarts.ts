import { CONJUNCTIONS } from '#shared/proofing/words/functionWords';
import { isSpeechVerb } from '#shared/proofing/words/speechVerbs';

/** A lower-case word where a sentence starts: its offset and the word. */
export interface LowerStart {
	index: number;
	word: string;
}

const WORD = String.raw`\p{Ll}[\p{L}'’]*`;

/**
 * A quotation that ended its sentence, then a lower-case word: `soon." his stethoscope…`,
 * `they are!" we heard…`. A dialogue tag stays lower-case (`"Why?" he asked`).
 */
const AFTER_QUOTE = new RegExp(String.raw`(?<=([.!?…])["”] +["“]?)(${WORD})`, 'gu');

/**
 * The first word of a paragraph after one that ended a sentence: `…louder.\n\nhe had not…`. A
 * paragraph after one that stops mid-sentence (a line-broken quotation, a verse) goes on.
 */
const PARAGRAPH = new RegExp(String.raw`(?<=[.!?]["”’)]*[ \t]*\n[ \t\n]*["“]?)(${WORD})`, 'gu');

/**
 * Lower-case sentence starts that the plain "full stop, space, word" test does not see: after a
 * closing quotation mark and at the start of a paragraph. `isKnown` tells verbs from names.
 */
export function lowerStartsAfterQuotesAndBreaks(
	text: string,
	isKnown: (word: string) => boolean
): LowerStart[] {
	const found: LowerStart[] = [];
	for (const match of text.matchAll(AFTER_QUOTE)) {
		const word = match[2]!;
		// `"Do it now." she said` is a dialogue tag after a wrong full stop (the dialogue rule
		// flags the stop); after an ellipsis the sentence may go on.
		if (isDialogueTag(text, match.index, word, isKnown)) continue;
		// `said, "No, silly!" and stepped aside`: the quoted exclamation sits inside a sentence.
		if (match[1] !== '.' && CONJUNCTIONS.has(word.toLowerCase())) continue;
		if (/(?:\.\.|…)["”] +["“]?$/.test(text.slice(Math.max(0, match.index - 6), match.index)))
			continue;
		found.push({ index: match.index, word });
	}
	for (const match of text.matchAll(PARAGRAPH)) {
		found.push({ index: match.index, word: match[1]! });
	}
	return found.filter(({ word }) => !/\p{Lu}/u.test(word));
}

/** `he asked`, `asked Tom`, `his mother called`: a speech verb now or up to two words on. */
function isDialogueTag(
	text: string,
	index: number,
	word: string,
	isKnown: (word: string) => boolean
): boolean {
	const lower = word.toLowerCase();
	if (isSpeechVerb(lower, isKnown)) return true;
	const [, next, after] = /^(?:[ \t]+(\p{L}+))?(?:[ \t]+(\p{L}+))?/u.exec(
		text.slice(index + word.length)
	)!;
	return [next, after].some(
		(later) => later !== undefined && isSpeechVerb(later.toLowerCase(), isKnown)
	);
}
