/**
 * Irregular verbs whose regular past is standard English too ("the car speeded up", "she
 * kneeled"): Hunspell lists only "sped" and "knelt". Other irregular verbs' regular forms
 * ("teached", "seeked") are the errors they look like.
 */
const REGULAR_PAST_TOO = new Set(
	(
		'speed kneel leap dream spell spill spoil burn learn smell dwell plead dive shine strive ' +
		'sneak'
	).split(' ')
);

/**
 * "speeded", "kneeled", "jerkings": a verb's regular -ed or -ing form that Hunspell lacks. Such a
 * form sits one letter from other words ("speeder", "knelled"), so the general word-formation
 * check distrusts it; but where the stem needs no doubled consonant, English spelling allows one
 * way to write the form, so a writer who wrote it that way meant it. Doubling ("occured",
 * "writting") and a kept e ("useing") are where misspellings live, and are not accepted here.
 *
 * Returns the verb it is a form of, or undefined.
 */
export function regularInflection(
	lower: string,
	isVerbBase: (word: string) => boolean
): string | undefined {
	if (lower.endsWith('ings')) return regularInflection(lower.slice(0, -1), isVerbBase);
	const ending = lower.endsWith('ed') ? 'ed' : lower.endsWith('ing') ? 'ing' : null;
	if (!ending) return undefined;
	const stem = lower.slice(0, -ending.length);
	if (stem.length < 3) return undefined;
	// A regular verb's -ed form is in the dictionary already; an irregular one's is a slip.
	if (ending === 'ed') return REGULAR_PAST_TOO.has(stem) ? stem : undefined;
	if (spelledOneWay(stem) && isVerbBase(stem)) return stem;
	// "tweezing": a stem in a consonant and e drops that e.
	const withE = `${stem}e`;
	if (/[^aeiouy]$/.test(stem) && isVerbBase(withE)) return withE;
	return undefined;
}

/**
 * A stem whose -ed and -ing forms add the ending and change nothing: it ends in two consonants
 * ("fist", "pass"), or in two vowels and a consonant ("speed", "kneel"). Not a single vowel and
 * consonant (which may double: "occur"), not e or y.
 */
function spelledOneWay(stem: string): boolean {
	if (/(.)\1$/.test(stem)) return /(?:ss|ll|ff|zz)$/.test(stem);
	return /(?:[^aeiouy][^aeiouwy]|[aeiou]{2}[^aeiouwy])$/.test(stem);
}
