/** One word of the checked text, with its UTF-16 offsets. */
export interface Word {
	/** Position in the text's word list. */
	index: number;
	start: number;
	end: number;
	text: string;
	lower: string;
}

/**
 * Letters and digits joined across inner apostrophes ("don't", "Joss's"). Hyphens split words:
 * each part of "well-known" or "T-Tara" is checked on its own, and rules look at the gap.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

export function tokenizeWords(text: string): Word[] {
	const words: Word[] = [];
	for (const match of text.matchAll(WORD)) {
		const start = match.index;
		words.push({
			index: words.length,
			start,
			end: start + match[0].length,
			text: match[0],
			lower: match[0].toLowerCase()
		});
	}
	return words;
}
