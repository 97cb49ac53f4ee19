/**
 * English makes words from words: "unhurried", "overcooked", "shiningly", "raftered", "swingy".
 * Hunspell lists only the common ones, so a writer's perfectly good formation was flagged as a
 * misspelling. This says how an unknown word is built from known ones, or undefined.
 *
 * The caller decides what a formation is worth (the spelling rule accepts it, and reports it as
 * an "unusual word" only when asked): a misspelling can look like a formation too ("truely" is
 * true + ly), so the caller also makes sure no dictionary word is one slip away.
 */

/** Prefixes that make a new word from any word ("un" + "shaved"). */
export const PREFIXES = [
	'counter',
	'under',
	'inter',
	'super',
	'multi',
	'over',
	'anti',
	'semi',
	'half',
	'self',
	'non',
	'out',
	'pre',
	'mis',
	'dis',
	'sub',
	'un',
	're',
	'co'
];

/** Suffixes and how the stem may change before them ("stagy" + "ness" → "staginess"). */
const SUFFIXES = [
	'ness',
	'less',
	'like',
	'able',
	'ings',
	'ing',
	'ish',
	'ful',
	'ers',
	'ly',
	'ed',
	'er',
	'y',
	's'
];

/** Shortest stem a prefix or suffix attaches to ("un" + "do" is a word of its own). */
const MIN_STEM = 3;

export interface Formation {
	/** The parts, e.g. ["un", "smiling", "ly"]. */
	parts: string[];
}

/**
 * How a lower-case word is formed from a known word, at most two affixes deep ("un-smiling-ly"),
 * or undefined. `isKnown` says whether a lower-case word is in the dictionary.
 */
export function wordFormation(
	lower: string,
	isKnown: (word: string) => boolean,
	depth = 2
): Formation | undefined {
	if (depth === 0 || lower.length < MIN_STEM + 2) return undefined;
	for (const prefix of PREFIXES) {
		if (!lower.startsWith(prefix)) continue;
		const stem = lower.slice(prefix.length).replace(/^-/, '');
		if (stem.length < MIN_STEM) continue;
		if (isKnown(stem)) return { parts: [prefix, stem] };
		const inner = wordFormation(stem, isKnown, depth - 1);
		if (inner) return { parts: [prefix, ...inner.parts] };
	}
	for (const suffix of SUFFIXES) {
		if (!lower.endsWith(suffix)) continue;
		for (const stem of stemsBefore(lower.slice(0, -suffix.length), suffix)) {
			if (stem.length < MIN_STEM) continue;
			if (isKnown(stem)) return { parts: [stem, suffix] };
			const inner = wordFormation(stem, isKnown, depth - 1);
			if (inner) return { parts: [...inner.parts, suffix] };
		}
	}
	return undefined;
}

/**
 * The stems a suffix may have been added to, by English spelling: the bare stem, a dropped
 * final e ("cackle" → "cackly"), y turned to i ("stagy" → "staginess"), a doubled consonant
 * ("hug" → "huggings").
 */
function stemsBefore(base: string, suffix: string): string[] {
	const stems = [base];
	if (/^[aeiouy]/.test(suffix)) {
		stems.push(`${base}e`);
		if (/([b-df-hj-np-tv-z])\1$/.test(base)) stems.push(base.slice(0, -1));
	} else if (suffix === 'ly' && /[b-df-hj-np-tv-z]l$/.test(base)) {
		stems.push(`${base}e`); // "gentle" → "gently"
	}
	if (base.endsWith('i')) stems.push(`${base.slice(0, -1)}y`);
	return stems;
}

/**
 * "comin", "nothin'", "tryin": a dropped g written on purpose in dialogue (the -ing form is a
 * word). Returns the full form, or undefined.
 */
export function droppedG(lower: string, isKnown: (word: string) => boolean): string | undefined {
	const bare = lower.replace(/['’]$/, '');
	if (bare.length < 4 || !bare.endsWith('in')) return undefined;
	const full = `${bare}g`;
	return isKnown(full) ? full : undefined;
}
