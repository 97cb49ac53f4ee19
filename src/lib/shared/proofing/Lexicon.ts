import { editDistance } from '#shared/proofing/editDistance';

/** The checker's corpus layer as built by server/proofing/buildLexicon.ts. */
export interface LexiconData {
	source: string;
	/** Lower-case word (or mark) → count in the training text (counts of 1 left out). */
	unigrams: Record<string, number>;
	/** a → b → count of "a b", only where a or b belongs to a confusion set. */
	bigrams: Record<string, Record<string, number>>;
	/** All tokens counted. */
	tokens: number;
	/** Words one of which is easily written for another. */
	confusionSets: string[][];
	/** Valid words Hunspell lacks (WordNet lemmas). */
	words: string[];
	/** Hyphenated compounds whose open form is rarer in the training text ("grief-stricken"). */
	compounds: string[];
	/** Second parts that make hyphenated modifiers with many first words ("filled", "looking"). */
	compoundHeads: string[];
	/** Closed compounds as their two words ("bed room"), whose open form the training text never has. */
	closedCompounds: string[];
	/** Nouns whose commonest WordNet sense is a person or an animal ("father", "dog"). */
	animateNouns?: string[];
	/** WordNet phrases with a word Hunspell lacks ("persona non grata"), words space-separated. */
	phrases?: string[];
	/** Particle → the verbs WordNet has with it ("off" → "bite", "knock", "turn"), base forms. */
	phrasalVerbs?: Record<string, string[]>;
	/**
	 * Singular count nouns the training text almost never has without a determiner ("door"),
	 * each with the prepositions and verbs it was still seen bare after, space-separated
	 * ("car": "by").
	 */
	countNouns?: Record<string, string>;
}

/** Weight of the unigram estimate in the interpolated bigram probability. */
const SMOOTHING = 3;

/**
 * Word statistics and lexical knowledge the rules ask about. Built once per process or worker
 * from the parsed JSON (a few tenths of a second: the bigram maps), then shared by every check.
 */
export class Lexicon {
	readonly #tokens: number;
	/** Maps, not the parsed objects: lookups in an object of 200,000 keys cost ten times more. */
	readonly #unigrams: Map<string, number>;
	/** previous → next → count: no key string built per lookup. */
	readonly #bigrams = new Map<string, Map<string, number>>();
	readonly #alternatives = new Map<string, Set<string>>();
	readonly #words: Set<string>;
	readonly #compounds = new Map<string, string>();
	/** The first words of the open forms of #compounds and #closed. */
	readonly #compoundStarts = new Set<string>();
	readonly #closedStarts = new Set<string>();
	readonly #heads: Set<string>;
	readonly #closed = new Map<string, string>();
	readonly #animate: Set<string>;
	/** "verb particle" of WordNet's phrasal verbs ("knock off"). */
	readonly #phrasal = new Set<string>();
	/** Each word of the phrases that Hunspell may lack → the phrases it is in, as words. */
	readonly #phrases = new Map<string, string[][]>();
	/** Count noun → the words it was seen bare after. */
	readonly #countNouns: Map<string, string>;
	/** Delete-one keys of the corpus words → the words (built on the first spelling search). */
	#nearIndex: Map<string, string[]> | undefined;
	/** Corpus words by length and their letter counts, for the search that finds two substitutions. */
	#byLength: Map<number, LengthBucket> | undefined;

	constructor(data: LexiconData) {
		this.#tokens = data.tokens;
		this.#unigrams = new Map(Object.entries(data.unigrams));
		for (const [previous, following] of Object.entries(data.bigrams))
			this.#bigrams.set(previous, new Map(Object.entries(following)));
		for (const group of data.confusionSets) {
			for (const word of group) {
				const others = this.#alternatives.get(word) ?? new Set<string>();
				for (const other of group) if (other !== word) others.add(other);
				this.#alternatives.set(word, others);
			}
		}
		this.#words = new Set(data.words);
		for (const compound of data.compounds) {
			const open = compound.replace(/-/g, ' ');
			this.#compounds.set(open, compound);
			this.#compoundStarts.add(open.split(' ')[0]!);
		}
		this.#heads = new Set(data.compoundHeads);
		for (const open of data.closedCompounds) {
			this.#closed.set(open, open.replace(' ', ''));
			this.#closedStarts.add(open.split(' ')[0]!);
		}
		this.#animate = new Set(data.animateNouns ?? []);
		this.#countNouns = new Map(Object.entries(data.countNouns ?? {}));
		for (const [particle, verbs] of Object.entries(data.phrasalVerbs ?? {}))
			for (const verb of verbs) this.#phrasal.add(`${verb} ${particle}`);
		for (const phrase of data.phrases ?? []) {
			const parts = phrase.split(' ');
			for (const part of new Set(parts)) {
				const list = this.#phrases.get(part);
				if (list) list.push(parts);
				else this.#phrases.set(part, [parts]);
			}
		}
	}

	/** The phrases a word is part of ("grata" → [["persona", "non", "grata"]]), lower-case. */
	phrasesWith(lower: string): readonly string[][] {
		return this.#phrases.get(lower) ?? [];
	}

	/** A noun that first of all names a person or an animal, lower-case singular ("sheriff"). */
	isAnimate(lower: string): boolean {
		return this.#animate.has(lower);
	}

	/**
	 * A singular count noun that wants a determiner after this preposition or verb ("across
	 * door": yes; "by car": no, the training text has "by car"). Both lower-case.
	 */
	wantsDeterminer(noun: string, after: string): boolean {
		const governors = this.#countNouns.get(noun);
		return governors !== undefined && !` ${governors} `.includes(` ${after} `);
	}

	/** WordNet has the verb (a base form, lower-case) with the particle ("knock", "off"). */
	isPhrasalVerb(verb: string, particle: string): boolean {
		return this.#phrasal.has(`${verb} ${particle}`);
	}

	count(word: string): number {
		return this.#unigrams.get(word) ?? 0;
	}

	/** Words easily written for this one (lower-case), or none. */
	alternatives(word: string): ReadonlySet<string> | undefined {
		return this.#alternatives.get(word);
	}

	/** A valid word Hunspell does not know ("unhurried", "whisky"), lower-case. */
	hasWord(lower: string): boolean {
		return this.#words.has(lower);
	}

	/** The hyphenated form of an open compound ("grief stricken" → "grief-stricken"). */
	compound(open: string): string | undefined {
		return this.#compounds.get(open);
	}

	/** Whether some open compound starts with this word (lower-case): else `compound` has none. */
	startsCompound(first: string): boolean {
		return this.#compoundStarts.has(first);
	}

	/** Whether some closed compound's open form starts with this word (lower-case). */
	startsClosedCompound(first: string): boolean {
		return this.#closedStarts.has(first);
	}

	/** A head of many hyphenated modifiers ("filled": "water-filled", "tear-filled"). */
	isCompoundHead(lower: string): boolean {
		return this.#heads.has(lower);
	}

	/** The closed compound two words make ("birth stone" → "birthstone"), lower-case. */
	closedCompound(open: string): string | undefined {
		return this.#closed.get(open);
	}

	/** log P(next | previous), the bigram estimate interpolated with the word's frequency. */
	logNext(previous: string, next: string): number {
		const pair = this.pairCount(previous, next);
		const unigram = (this.count(next) + 0.5) / this.#tokens;
		return Math.log((pair + SMOOTHING * unigram) / (this.count(previous) + SMOOTHING));
	}

	/**
	 * Corpus words at most two edits from a lower-case word, for spelling suggestions: a
	 * symmetric-delete search (the word's one- and two-letter deletions against the corpus
	 * words' one-letter deletions) costs microseconds where Hunspell's own search costs tens of
	 * milliseconds. Finds insertions, deletions, swaps and one substitution plus one other slip;
	 * two substitutions it misses (rare in misspellings).
	 */
	similar(lower: string): string[] {
		const index = (this.#nearIndex ??= this.#buildNearIndex());
		const found = new Set<string>();
		for (const key of deletions(lower, 2)) {
			for (const word of index.get(key) ?? []) if (word !== lower) found.add(word);
		}
		return [...found];
	}

	/**
	 * Corpus words at most two edits from a lower-case word by any slips, two substitutions
	 * included ("exersize" → "exercise", "jstu" → "just"), which `similar` misses: a scan of the
	 * words of about the same length whose letters differ by at most four (a millisecond or so;
	 * for the few words `similar` finds nothing for).
	 */
	within(lower: string, edits = 2): string[] {
		const byLength = (this.#byLength ??= this.#buildByLength());
		const letters = letterCounts(lower);
		const mask = letterMask(lower);
		const found: string[] = [];
		for (let length = lower.length - edits; length <= lower.length + edits; length++) {
			const bucket = byLength.get(length);
			if (!bucket) continue;
			const { words, counts, masks } = bucket;
			for (let index = 0; index < words.length; index++) {
				// Each letter one word has and the other lacks differs by one at least: a quick
				// bound before the counts are compared.
				if (bitCount(masks[index]! ^ mask) > 2 * edits) continue;
				if (letterDifference(letters, counts, index * 26, 2 * edits) > 2 * edits) continue;
				const word = words[index]!;
				if (word !== lower && editDistance(word, lower) <= edits) found.push(word);
			}
		}
		return found;
	}

	#buildByLength(): Map<number, LengthBucket> {
		const words = new Map<number, string[]>();
		for (const word of this.#unigrams.keys()) {
			if (!/^[a-z]{2,}$/.test(word)) continue;
			const bucket = words.get(word.length);
			if (bucket) bucket.push(word);
			else words.set(word.length, [word]);
		}
		const byLength = new Map<number, LengthBucket>();
		for (const [length, bucket] of words) {
			const counts = new Int8Array(bucket.length * 26);
			const masks = new Int32Array(bucket.length);
			bucket.forEach((word, index) => {
				counts.set(letterCounts(word), index * 26);
				masks[index] = letterMask(word);
			});
			byLength.set(length, { words: bucket, counts, masks });
		}
		return byLength;
	}

	#buildNearIndex(): Map<string, string[]> {
		const index = new Map<string, string[]>();
		for (const word of this.#unigrams.keys()) {
			if (!/^[a-z]{2,}$/.test(word)) continue;
			for (const key of deletions(word, 1)) {
				const words = index.get(key);
				if (words) words.push(word);
				else index.set(key, [word]);
			}
		}
		return index;
	}

	/** How often the pair was seen. */
	pairCount(previous: string, next: string): number {
		return this.#bigrams.get(previous)?.get(next) ?? 0;
	}
}

/** Corpus words of one length, their letter counts (26 a word) and which letters they have. */
interface LengthBucket {
	words: string[];
	counts: Int8Array;
	masks: Int32Array;
}

/** Which of the letters a to z a word has, one bit each. */
function letterMask(word: string): number {
	let mask = 0;
	for (let i = 0; i < word.length; i++) {
		const code = word.charCodeAt(i) - 97;
		if (code >= 0 && code < 26) mask |= 1 << code;
	}
	return mask;
}

/** The number of bits set. */
function bitCount(value: number): number {
	let bits = value - ((value >>> 1) & 0x55555555);
	bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
	return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** How many of each letter a to z a word has. */
function letterCounts(word: string): Int8Array {
	const counts = new Int8Array(26);
	for (let i = 0; i < word.length; i++) {
		const code = word.charCodeAt(i) - 97;
		if (code >= 0 && code < 26) counts[code]!++;
	}
	return counts;
}

/** Letters one word has more or fewer of than another (its counts at `offset`), up to `limit` + 1. */
function letterDifference(
	counts: Int8Array,
	all: Int8Array,
	offset: number,
	limit: number
): number {
	let difference = 0;
	for (let i = 0; i < 26 && difference <= limit; i++)
		difference += Math.abs(counts[i]! - all[offset + i]!);
	return difference;
}

/** The word and every string made from it by deleting up to `depth` letters. */
function deletions(word: string, depth: number): Set<string> {
	const keys = new Set([word]);
	let layer = [word];
	for (let step = 0; step < depth; step++) {
		const next: string[] = [];
		for (const current of layer) {
			if (current.length <= 1) continue;
			for (let i = 0; i < current.length; i++) {
				const key = current.slice(0, i) + current.slice(i + 1);
				if (!keys.has(key)) {
					keys.add(key);
					next.push(key);
				}
			}
		}
		layer = next;
	}
	return keys;
}
