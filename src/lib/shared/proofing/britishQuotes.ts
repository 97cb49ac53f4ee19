/**
 * British publishing puts dialogue in single quotation marks ('Hello,' she said); American writing
 * almost never does. A story whose speech mostly opens with a single quote is written in British
 * English on purpose, so its British spellings are no errors even under the American dictionary.
 */
const SINGLE_OPENING = /(?<=^|[\s(—–-])['‘](?=\p{Lu})/gmu;
const DOUBLE_OPENING = /(?<=^|[\s(—–-])["“](?=\p{Lu})/gmu;

/** Fewer single-quoted openings than this are as likely to be quotes inside quotes. */
const MIN_SPEECHES = 3;

export function usesBritishQuotes(text: string): boolean {
	const single = text.match(SINGLE_OPENING)?.length ?? 0;
	const double = text.match(DOUBLE_OPENING)?.length ?? 0;
	return single >= MIN_SPEECHES && single > 2 * double;
}
