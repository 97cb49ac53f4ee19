/**
 * The American form of a British spelling ("colour" → "color", "realised" → "realized",
 * "travelled" → "traveled", "centre" → "center"), when `isKnown` knows it; else null.
 */
export function americanSpelling(lower: string, isKnown: (word: string) => boolean): string | null {
	const candidates = [
		lower.replace(/our(?=s?$|ed$|ing$|ite|ites|able|ful|less|er|ers$)/, 'or'),
		lower.replace(/is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1'),
		lower.replace(/ys(e|es|ed|ing)$/, 'yz$1'),
		lower.replace(/ll(ed|ing|er|ers)$/, 'l$1'),
		lower.replace(/tre(s?)$/, 'ter$1'),
		lower.replace(/ence(s?)$/, 'ense$1'),
		lower.replace(/ogue(s?)$/, 'og$1')
	];
	return candidates.find((candidate) => candidate !== lower && isKnown(candidate)) ?? null;
}
