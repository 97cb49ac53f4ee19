import { CONJUNCTIONS } from '#shared/proofing/words/functionWords';
import { isInterjection } from '#shared/proofing/words/informal';
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
 * A quotation that opens straight after one that broke off with a dash, on the same line or the
 * next paragraph: `"I forgive—"  "that's what started it"`, `"I'm not going"—` and a paragraph
 * later `"indeed you are!"`. No tag stands between them, so the
 * second is a new turn of speech (one that goes on with the first opens with a dash of its own).
 */
const AFTER_BROKEN_QUOTE = new RegExp(
	String.raw`(?<=(?:[—–]["”]|["”][—–])[ \t\n]+["“])(${WORD})`,
	'gu'
);

/** The text's first word (after an opening quotation mark): `"bastards," he would say`. */
const TEXT_START = new RegExp(String.raw`^[ \t\n]*["“]?(${WORD})`, 'u');

/**
 * Lower-case sentence starts that the plain "full stop, space, word" test does not see: after a
 * closing quotation mark, at the start of a paragraph and of the text. `isKnown` tells verbs from names.
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
	for (const match of text.matchAll(AFTER_BROKEN_QUOTE)) {
		// "uh-huh", "huh-uh": a murmur cutting in is often left in lower case.
		if (isInterjection(match[1]!, isKnown) || text[match.index + match[1]!.length] === '-')
			continue;
		found.push({ index: match.index, word: match[1]! });
	}
	const start = TEXT_START.exec(text);
	if (start)
		found.push({ index: start.index + start[0].length - start[1]!.length, word: start[1]! });
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
