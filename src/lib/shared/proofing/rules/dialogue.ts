import { flag, type Rule } from '#shared/proofing/Rule';
import { ownEntry } from '#shared/proofing/ownEntry';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { decapitalize, isCapitalized, isUpper } from '#shared/proofing/textShape';
import { DETERMINERS, SUBJECT_PRONOUNS } from '#shared/proofing/words/functionWords';
import { isSpeechVerb, SPEECH_PARTICLES } from '#shared/proofing/words/speechVerbs';
import { missingClosingQuotes } from '#shared/proofing/rules/unclosedQuotes';

/** What the words after a closing quotation mark turned out to be. */
interface Tag {
	/** First word of the tag. */
	first: Word;
	/** Whether that first word is capitalised only because it follows the quotation. */
	lowercase: boolean;
}

const NOT_SPEECH_AFTER = /^(?:nothing|anything|something|if|whether|for|about|him to|her to)$/;

/**
 * Dialogue tags: `"Hi Buffy." I replied` → `"Hi Buffy," I replied`; `"Hey!" She said` → `she said`.
 * Only a speech verb makes a tag: after `"Hey." She smiled.` the beat is its own sentence.
 */
export const dialogue: Rule = (context) => {
	const flags: Flag[] = [];
	const { text } = context;
	for (let quote = 1; quote < text.length; quote++) {
		if (!isClosingQuote(text, quote)) continue;
		const first = context.wordFrom(quote);
		if (!first || !/^[ \t]+$/.test(text.slice(quote + 1, first.start))) continue;
		const tag = readTag(context, first);
		if (!tag) continue;
		// `"Connections" was all he would say`: the quotation itself is the subject.
		if (/[\p{L}\p{N}]/u.test(text[quote - 1]!) && /^(?:is|was)$/.test(tag.first.lower)) continue;
		const found = fixTag(context, quote, tag);
		if (found) flags.push(found);
	}
	flags.push(...missingClosingQuotes(context), ...missingCommaBeforeQuote(context));
	return flags;
};

/**
 * A closing quotation mark: a double one after anything but a space, or a single one (British
 * dialogue) after the end of a sentence, where it cannot be an apostrophe.
 */
function isClosingQuote(text: string, index: number): boolean {
	const char = text[index]!;
	const before = text[index - 1] ?? ' ';
	const followed = index + 1 === text.length || /\s/.test(text[index + 1]!);
	if (char === '"' || char === '”') return followed && !/\s/.test(before);
	return (char === '’' || char === "'") && followed && /[.,!?…—-]/.test(before);
}

function readTag(context: TextContext, first: Word): Tag | null {
	const lower = first.lower;
	const { speller } = context;
	const speech = (word: Word | undefined): boolean =>
		!!word &&
		isSpeechVerb(word.lower, (candidate) => speller.isKnown(candidate)) &&
		isTagVerb(context, word);
	const afterAdverb = (word: Word | undefined): Word | undefined =>
		word && word.lower.endsWith('ly') && !speech(word) ? context.next(word) : word;

	// "she said", "I replied", "she quietly said"
	if (SUBJECT_PRONOUNS.has(lower)) {
		return speech(afterAdverb(context.next(first)))
			? { first, lowercase: lower !== 'i' && isUpper(first.text[0]) }
			: null;
	}
	// "said Buffy", "asked the girl": the verb first.
	if (lower !== 'say' && speech(first) && context.next(first)) {
		return { first, lowercase: isUpper(first.text[0]) };
	}
	// "Is all Buffy said", "was all she said"
	if ((lower === 'is' || lower === 'was') && context.next(first)?.lower === 'all') {
		let word = context.next(first, 2);
		for (let step = 0; word && step < 3; step++, word = context.next(word)) {
			if (speech(word)) return { first, lowercase: isUpper(first.text[0]) };
		}
		return null;
	}
	// "her mother said", "the old man asked"
	if (DETERMINERS.has(lower)) {
		let word = context.next(first);
		for (let step = 0; word && step < 3; step++, word = context.next(word)) {
			if (speech(word)) return { first, lowercase: isUpper(first.text[0]) };
			if (isUpper(word.text[0])) return null;
		}
		return null;
	}
	// "Tara explained", "Mrs Summers said": a capitalised name of one or two words.
	if (isCapitalized(first.text) || context.isName(lower)) {
		let word = context.next(first);
		if (word && isCapitalized(word.text) && !speech(word)) word = context.next(word);
		return speech(afterAdverb(word)) ? { first, lowercase: false } : null;
	}
	return null;
}

/** "asked if…", "said nothing", "told him to…" report speech instead of tagging a quotation. */
function isTagVerb(context: TextContext, verb: Word): boolean {
	const next = context.next(verb);
	if (!next) return true;
	const particle = ownEntry(SPEECH_PARTICLES, verb.lower);
	if (particle && next.lower !== particle) return false;
	const pair = `${next.lower} ${context.next(next)?.lower ?? ''}`;
	return !NOT_SPEECH_AFTER.test(next.lower) && !NOT_SPEECH_AFTER.test(pair);
}

function fixTag(context: TextContext, quote: number, tag: Tag): Flag | null {
	const { text } = context;
	const end = text[quote - 1]!;
	const ellipsis = end === '.' && text[quote - 2] === '.';
	const period = end === '.' && !ellipsis;
	// `"Hi Buffy" I replied`: the comma is missing altogether.
	const bare =
		/[\p{L}\p{N}]/u.test(end) &&
		text[quote] !== "'" &&
		text[quote] !== '’' &&
		opensDialogue(text, quote);
	if (!period && !bare && !tag.lowercase) return null;

	const lowered = (span: string): string =>
		tag.lowercase
			? span.slice(0, span.length - tag.first.text.length) + decapitalize(tag.first.text)
			: span;
	let start = tag.first.start;
	let stop = tag.first.end;
	let replacement = decapitalize(tag.first.text);
	if (period || bare) {
		start = period ? quote - 1 : quote;
		stop = tag.lowercase ? tag.first.end : quote;
		const mark = isQuestion(text, quote) ? '?' : ',';
		replacement = `${mark}${lowered(text.slice(quote, stop))}`;
	}
	const message =
		period || bare
			? 'A dialogue tag follows: end the quotation with a comma (a question mark for a question).'
			: 'The dialogue tag continues the sentence: no capital.';
	return flag(
		'dialogue',
		period || bare ? 'dialogue/tag-comma' : 'dialogue/tag-case',
		start,
		stop,
		message,
		[replacement]
	);
}

const WH_WORDS = /^(?:what|where|why|how|who|when|which)$/;
const AUXILIARY =
	/^(?:is|are|am|was|were|do|does|did|can|could|will|would|should|shall|have|has|may|might)$/;
const SUBJECTS = /^(?:i|you|he|she|we|they|there)$/;

/**
 * `"Where are you going." she asked`: a quotation that opens like a question ("where are…",
 * "do you…") ends with a question mark before its tag, not a comma.
 */
function isQuestion(text: string, quote: number): boolean {
	const lineStart = text.lastIndexOf('\n', quote - 1) + 1;
	const open = text.slice(lineStart, quote).search(/["“][^"“”]*$/);
	if (open < 0) return false;
	const spoken = text.slice(lineStart + open + 1, quote).toLowerCase();
	const [first = '', second = ''] = spoken.split(/[^\p{L}'’]+/u);
	const contracted = /^(?:what|where|who|how)['’](?:s|re)$/.test(first);
	return (
		contracted ||
		(WH_WORDS.test(first) && AUXILIARY.test(second)) ||
		(AUXILIARY.test(first) && SUBJECTS.test(second))
	);
}

/** The quotation that ends at `quote` starts a paragraph or follows punctuation: speech. */
function opensDialogue(text: string, quote: number): boolean {
	const lineStart = text.lastIndexOf('\n', quote - 1) + 1;
	const open = text.slice(lineStart, quote).search(/["“][^"“”]*$/);
	if (open < 0) return false;
	const before = text.slice(lineStart, lineStart + open).trimEnd();
	return before === '' || /[.!?,:]$/.test(before);
}

/**
 * After the quotation that opens at `quote` closes (on its line), the sentence goes on in
 * lower case (`"Sure," and I`, `"Now," to Charlie`, `"Wait!"—and`).
 */
function sentenceGoesOn(text: string, quote: number): boolean {
	const lineEnd = text.indexOf('\n', quote);
	const line = text.slice(quote + 1, lineEnd < 0 ? text.length : lineEnd);
	const close = line.search(/["”]/);
	return close >= 0 && /^(?: +|[—–-]+ ?)\p{Ll}/u.test(line.slice(close + 1));
}

/** `She said "Hello."` → `She said, "Hello."` */
function missingCommaBeforeQuote(context: TextContext): Flag[] {
	const flags: Flag[] = [];
	for (const match of context.text.matchAll(/(?<!\p{L})(\p{L}+) ["“]\p{Lu}/gu)) {
		const verb = match[1]!;
		const lower = verb.toLowerCase();
		if (!isSpeechVerb(lower, () => true) || lower === 'says' || lower === 'say') continue;
		const start = match.index;
		// `he said "Wait!" and ran`: a quotation the sentence goes on after is quoted words, the
		// verb's object, and takes no comma.
		if (sentenceGoesOn(context.text, start + verb.length + 1)) continue;
		const word = context.wordFrom(start);
		const subject = word?.start === start ? context.previous(word) : undefined;
		if (!subject || !(SUBJECT_PRONOUNS.has(subject.lower) || context.isName(subject.lower)))
			continue;
		flags.push(
			flag(
				'dialogue',
				'dialogue/comma-before-quote',
				start,
				start + verb.length,
				'Put a comma before the quotation.',
				[`${verb},`]
			)
		);
	}
	return flags;
}
