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

/** The text as context tokens; a blank line (a paragraph break) starts a new sentence too. */
export function contextTokens(text: string): ContextToken[] {
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
