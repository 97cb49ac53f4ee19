/** A word or a mark of punctuation, lower-cased, as the corpus statistics count it. */
export interface ContextToken {
	/** Lower-case word ("didn't", "grief-stricken"), or the mark itself (",", ".", '"'). */
	key: string;
	start: number;
	end: number;
	/** True for words; marks are context only. */
	word: boolean;
}

/** Words joined by apostrophes and hyphens stay one token, as in the Brown corpus. */
const TOKEN = /\p{L}+(?:['’-]\p{L}+)*|[.,;:?!"“”—()]/gu;

export const SENTENCE_START = '<s>';

/** The last text tokenised and its tokens: several rules of one check ask for the same text. */
let last: { text: string; tokens: readonly ContextToken[] } | undefined;

/**
 * The text as context tokens; a blank line (a paragraph break) starts a new sentence too. The
 * answer is shared between callers (read it, never change it).
 */
export function contextTokens(text: string): readonly ContextToken[] {
	if (last?.text === text) return last.tokens;
	const tokens = tokenize(text);
	last = { text, tokens };
	return tokens;
}

/** The marks the corpus statistics count (tokens of one character that are no word). */
const MARKS = new Set('.,;:?!"“”—()');

function tokenize(text: string): ContextToken[] {
	const tokens: ContextToken[] = [];
	let last = 0;
	// The next paragraph break at or after `last` (-1: none left).
	let paragraphBreak = text.indexOf('\n\n');
	for (const match of text.matchAll(TOKEN)) {
		if (paragraphBreak !== -1 && paragraphBreak < last) paragraphBreak = text.indexOf('\n\n', last);
		if (paragraphBreak !== -1 && paragraphBreak + 2 <= match.index)
			tokens.push({ key: SENTENCE_START, start: match.index, end: match.index, word: false });
		const raw = match[0];
		// A word starts with a letter; a mark is one character of MARKS.
		const word = !MARKS.has(raw);
		const key = word ? lowerKey(raw) : raw === '“' || raw === '”' ? '"' : raw;
		tokens.push({ key, start: match.index, end: match.index + raw.length, word });
		last = match.index + raw.length;
	}
	return tokens;
}

const lowerKey = (raw: string): string => {
	const lower = raw.toLowerCase();
	return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
};
