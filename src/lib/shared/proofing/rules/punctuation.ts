import { isPastVerb } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { AUXILIARIES, SUBJECT_PRONOUNS } from '#shared/proofing/words/functionWords';
import { ABBREVIATIONS } from '#shared/proofing/words/abbreviations';
import { lowerStartsAfterQuotesAndBreaks } from '#shared/proofing/sentenceStarts';

/**
 * Ellipses, missing spaces after punctuation, capitals after a full stop, a full stop inside a
 * closing parenthesis, doubled commas and a semicolon before a lone noun.
 */
export const punctuation: Rule = (context) => {
	const { text } = context;
	const flags: Flag[] = [];
	const add = (rule: string, start: number, end: number, message: string, fix: string) =>
		flags.push(flag('punctuation', `punctuation/${rule}`, start, end, message, [fix]));

	for (const match of text.matchAll(/(?<!\.)\.\.(?!\.)|\.{4,}/g)) {
		add(
			'ellipsis',
			match.index,
			match.index + match[0].length,
			'An ellipsis has three points.',
			'...'
		);
	}
	for (const match of text.matchAll(/,{2,}|,(?=\.(?!\.))|(?<=[!?])\.(?!\.)/g)) {
		const fix = match[0].startsWith(',') && match[0].length > 1 ? ',' : '';
		add('doubled', match.index, match.index + match[0].length, 'Doubled punctuation.', fix);
	}
	// "Oh,Tara", "night.The", "What?No": a space is missing after the mark.
	for (const match of text.matchAll(
		/(?<=\p{L})(?:[,;!?]|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll}))(?=\p{L})/gu
	)) {
		const around = text.slice(Math.max(0, match.index - 20), match.index + 20);
		if (/(?:www|https?|\.com|\.org|\.net)/i.test(around)) continue;
		if (match[0] === ';' && /^;(?:s|t|ll|re|ve|d|m)(?!\p{L})/u.test(text.slice(match.index)))
			continue;
		add(
			'missing-space',
			match.index,
			match.index + 1,
			'Missing space after punctuation.',
			`${match[0]} `
		);
	}
	// `"Hello,"she said`: after a closing quotation mark.
	for (const match of text.matchAll(/(?<=[.!?,…-])["”](?=\p{L})/gu)) {
		if (!isClosing(text, match.index)) continue;
		add(
			'missing-space',
			match.index,
			match.index + 1,
			'Missing space after the quotation.',
			`${match[0]} `
		);
	}
	flags.push(
		...capitals(context.text, (word) => context.speller.isKnown(word)),
		...periodInParenthesis(text)
	);
	for (const match of text.matchAll(/; ((?:[\p{L}'’-]+ ?){1,3})([.!?])/gu)) {
		const fragment = match[1]!.trim().split(' ');
		const lower = fragment.map((word) => word.toLowerCase());
		const clause = lower.some(
			(word) =>
				SUBJECT_PRONOUNS.has(word) ||
				AUXILIARIES.has(word) ||
				isPastVerb(context.speller, word) ||
				/(?:'|’)(?:s|re|m|ll|ve|d)$/.test(word) ||
				/n['’]t$/.test(word)
		);
		if (clause || fragment.length > 2) continue;
		// "; but enough.": a conjunction starts a clause cut short; "; that Mrs.": an
		// abbreviation's point, not the end of the sentence.
		if (/^(?:and|but|or|nor|yet|so|then)$/.test(lower[0]!)) continue;
		if (match[2] === '.' && ABBREVIATIONS.has(lower.at(-1)!)) continue;
		flags.push(
			flag(
				'punctuation',
				'punctuation/semicolon',
				match.index,
				match.index + 1,
				'A semicolon joins two clauses; before a single item use a colon or a dash.',
				[':', ' —']
			)
		);
	}
	return flags;
};

/** A curly closing mark, or a straight one with an odd number of straight marks before it on its line. */
function isClosing(text: string, index: number): boolean {
	if (text[index] === '”') return true;
	const lineStart = text.lastIndexOf('\n', index - 1) + 1;
	return (text.slice(lineStart, index).match(/"/g)?.length ?? 0) % 2 === 1;
}

/**
 * A text message written in lowercase on purpose: "Jo: omg. on my way, i'll be there". Its
 * sender's name and a colon start the line and the message itself starts in lowercase.
 */
const LOWERCASE_MESSAGE = /^\p{Lu}[\p{L}\p{N} .'’-]{0,30}: +\p{Ll}.*$/gmu;

function lowercaseMessages(text: string): [number, number][] {
	return [...text.matchAll(LOWERCASE_MESSAGE)].map((match) => [
		match.index,
		match.index + match[0].length
	]);
}

/** A lowercase word after a full stop, or "i" as a pronoun (but not in a lowercase text message). */
function capitals(text: string, isKnown: (word: string) => boolean): Flag[] {
	const messages = lowercaseMessages(text);
	const inMessage = (offset: number) =>
		messages.some(([start, end]) => start <= offset && offset < end);
	const flags: Flag[] = [];
	// The sentence may open a quotation: 'she said. "whatever you want."'
	for (const match of text.matchAll(
		/(?<=(?:^|[^\p{L}.])(\p{L}*)[.!?] +["“(]?)(\p{Ll}[\p{L}'’]*)/gu
	)) {
		if (inMessage(match.index)) continue;
		// ". . . and waited": a spaced ellipsis goes on with the same sentence.
		if (/\. \.["“(]? +["“(]?$/.test(text.slice(Math.max(0, match.index - 6), match.index)))
			continue;
		// "(he asked this aloud)" after a question comments on it like a dialogue tag; a
		// parenthesis after a full stop is a sentence of its own.
		if (/[!?] +\($/.test(text.slice(Math.max(0, match.index - 4), match.index))) continue;
		const before = match[1]!.toLowerCase();
		// One letter is an initial ("J. smith" is left alone), unless it ends a contraction or a
		// possessive ("didn't. three hours", "Garth's. with her").
		const initial = before.length === 1 && !endsContraction(text, match.index, before);
		if (ABBREVIATIONS.has(before) || initial) continue;
		const word = match[2]!;
		if (/\p{Lu}/u.test(word)) continue; // "iPhone", "eBay"
		flags.push(
			flag(
				'punctuation',
				'punctuation/capital',
				match.index,
				match.index + word.length,
				'Start the sentence with a capital.',
				[word.charAt(0).toUpperCase() + word.slice(1)]
			)
		);
	}
	for (const { index, word } of lowerStartsAfterQuotesAndBreaks(text, isKnown)) {
		if (inMessage(index) || flags.some((found) => found.start === index)) continue;
		flags.push(
			flag(
				'punctuation',
				'punctuation/capital',
				index,
				index + word.length,
				'Start the sentence with a capital.',
				[word.charAt(0).toUpperCase() + word.slice(1)]
			)
		);
	}
	for (const match of text.matchAll(
		/(?<![\p{L}\p{N}'’.-])i(?=['’](?:m|ve|ll|d)\b| [\p{L}]|[,;!?])/gu
	)) {
		if (inMessage(match.index)) continue;
		flags.push(
			flag(
				'punctuation',
				'punctuation/capital-i',
				match.index,
				match.index + 1,
				'The pronoun is "I".',
				['I']
			)
		);
	}
	return flags;
}

/** The letter before the full stop that ends at `word` follows an apostrophe after a letter. */
function endsContraction(text: string, word: number, letter: string): boolean {
	const head = /\p{L}['’](\p{L})[.!?] +["“(]?$/u.exec(text.slice(Math.max(0, word - 12), word));
	return head !== null && head[1]!.toLowerCase() === letter;
}

/** "(including Angel's humanity.)" inside a sentence: the full stop goes after the bracket. */
function periodInParenthesis(text: string): Flag[] {
	const flags: Flag[] = [];
	for (const match of text.matchAll(/\(([^()\n]*?)(\p{L}+)\.\)/gu)) {
		const before = text.slice(0, match.index).trimEnd();
		if (before === '' || /[.!?:\n]$/.test(before)) continue; // a parenthesis of its own
		if (ABBREVIATIONS.has(match[2]!.toLowerCase()) || /[.!?]/.test(match[1]!)) continue;
		const dot = match.index + match[0].length - 2;
		const after = text.slice(dot + 2, dot + 4);
		const fix = /^[.,;:!?]/.test(after) || /^ \p{Ll}/u.test(after) ? ')' : ').';
		flags.push(
			flag(
				'punctuation',
				'punctuation/parenthesis',
				dot,
				dot + 2,
				'The full stop belongs outside the parenthesis.',
				[fix]
			)
		);
	}
	return flags;
}
