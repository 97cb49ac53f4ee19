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

function tokenize(text: string): ContextToken[] {
	const tokens: ContextToken[] = [];
	let last = 0;
	for (const match of text.matchAll(TOKEN)) {
		if (text.slice(last, match.index).includes('\n\n'))
			tokens.push({ key: SENTENCE_START, start: match.index, end: match.index, word: false });
		const raw = match[0];
		const word = /\p{L}/u.test(raw);
		const key = word
			? raw.toLowerCase().replace(/’/g, "'")
			: raw === '“' || raw === '”'
				? '"'
				: raw;
		tokens.push({ key, start: match.index, end: match.index + raw.length, word });
		last = match.index + raw.length;
	}
	return tokens;
}
