import { isFunctionWord } from '#shared/proofing/words/functionWords';

/**
 * The compound lexicon of `npm run build:lexicon`, from the training text and WordNet:
 * - **hyphenated compounds** ("grief-stricken", "ten-year-old") whose open form is rarer than
 *   the hyphenated one in the training text (so "well known", usually open there, is not one);
 * - **compound heads**: participles and the like that make hyphenated modifiers with many
 *   different first words ("-filled", "-looking", "-stained"), for compounds no list has;
 * - **closed compounds** ("bed room" for "bedroom"), as the two words they are made of, whose
 *   open form the training text never writes.
 */
export interface CompoundLexicon {
	compounds: string[];
	heads: string[];
	closed: string[];
}

/** A head must take this many different first words to count as productive. */
const MIN_HEAD_PARTNERS = 2;

/** A closed compound must be seen this often in the training text. */
const MIN_CLOSED_COUNT = 3;
/** Each part of a closed compound must be this common a word ("birth", "stone"). */
const MIN_PART_COUNT = 20;
/** Endings that are suffixes, not words, when a closed word is cut ("act" + "ion"). */
const SUFFIX_LIKE = new Set([
	'ion',
	'ions',
	'able',
	'ably',
	'ism',
	'ness',
	'less',
	'ment',
	'ship',
	'hood',
	'ate',
	'ant',
	'ent',
	'ally',
	'ward',
	'wards',
	'age',
	'ive',
	'ous',
	'est',
	'ant',
	'ling',
	'let',
	'ice',
	'ore',
	'one',
	'ere',
	'ran',
	'man',
	'men',
	'son',
	'ton',
	'ism',
	'dom',
	'ism'
]);

export function buildCompoundLexicon(
	sentences: readonly string[][],
	lemmas: ReadonlySet<string>,
	isKnown: (word: string) => boolean,
	counts: ReadonlyMap<string, number>
): CompoundLexicon {
	const hyphenated = new Map<string, number>();
	for (const sentence of sentences) {
		for (const token of sentence) {
			const lower = token.toLowerCase();
			if (/^[a-z]{2,}(?:-[a-z]{2,})+$/.test(lower))
				hyphenated.set(lower, (hyphenated.get(lower) ?? 0) + 1);
		}
	}
	for (const lemma of lemmas) {
		if (/^[a-z]{2,}(?:-[a-z]{2,})+$/.test(lemma) && !lemmas.has(lemma.replace(/-/g, '_')))
			hyphenated.set(lemma, (hyphenated.get(lemma) ?? 0) + 1);
	}
	const closedCandidates = new Map<string, string>();
	for (const lemma of lemmas) {
		// Seen closed in the training text, and more than once: rare ones ("livelong") are mostly
		// met as the phrase ("live long").
		if (!/^[a-z]{6,}$/.test(lemma) || !isKnown(lemma)) continue;
		if ((counts.get(lemma) ?? 0) < MIN_CLOSED_COUNT) continue;
		const open = splitInTwo(
			lemma,
			(part) =>
				(counts.get(part) ?? 0) >= MIN_PART_COUNT && !SUFFIX_LIKE.has(part) && !isFunctionWord(part)
		);
		if (open) closedCandidates.set(open, lemma);
	}
	const open = countOpenForms(sentences, [
		...[...hyphenated.keys()].map((compound) => compound.replace(/-/g, ' ')),
		...closedCandidates.keys()
	]);
	// "over-the-counter", "far-off", "longed-for": written open these are ordinary phrases.
	const compounds = [...hyphenated]
		.filter(([compound]) => !compound.split('-').some(isFunctionWord))
		.filter(([compound, count]) => (open.get(compound.replace(/-/g, ' ')) ?? 0) < count)
		.map(([compound]) => compound)
		.sort();
	const partners = new Map<string, Set<string>>();
	for (const compound of compounds) {
		const parts = compound.split('-');
		if (parts.length !== 2) continue;
		const [first, head] = parts as [string, string];
		if (!isParticiple(head, isKnown)) continue;
		partners.set(head, (partners.get(head) ?? new Set()).add(first));
	}
	const heads = [...partners]
		.filter(([, firsts]) => firsts.size >= MIN_HEAD_PARTNERS)
		.map(([head]) => head)
		.sort();
	const closed = [...closedCandidates]
		.filter(([openForm]) => !open.has(openForm))
		.map(([openForm]) => openForm)
		.sort();
	return { compounds, heads, closed };
}

/**
 * "colored", "based", "driven", "looking": a known word of three letters or more with a
 * participle ending ("red", "seven", "brown" are not participles).
 */
function isParticiple(word: string, isKnown: (word: string) => boolean): boolean {
	const match = /^(.{3,}?)(e?)(d|n|ing)$/.exec(word);
	if (!match || (match[3] !== 'ing' && !/e[dn]$/.test(word))) return false;
	const [, stem, e] = match as unknown as [string, string, string];
	return isKnown(stem + e) || isKnown(stem) || isKnown(`${stem}e`);
}

/** "birthstone" → "birth stone": the one split into two known words of three letters or more. */
function splitInTwo(word: string, isKnown: (word: string) => boolean): string | undefined {
	const splits: string[] = [];
	for (let cut = 3; cut <= word.length - 3; cut++) {
		const head = word.slice(0, cut);
		const tail = word.slice(cut);
		if (isKnown(head) && isKnown(tail)) splits.push(`${head} ${tail}`);
	}
	return splits.length === 1 ? splits[0] : undefined;
}

/** How often each open form ("grief stricken") occurs as consecutive tokens. */
function countOpenForms(sentences: readonly string[][], forms: string[]): Map<string, number> {
	const wanted = new Set(forms);
	const counts = new Map<string, number>();
	for (const sentence of sentences) {
		const keys = sentence.map((token) => token.toLowerCase());
		for (let i = 0; i + 1 < keys.length; i++) {
			for (const length of [2, 3]) {
				if (i + length > keys.length) continue;
				const form = keys.slice(i, i + length).join(' ');
				if (wanted.has(form)) counts.set(form, (counts.get(form) ?? 0) + 1);
			}
		}
	}
	return counts;
}
