import nspell from 'nspell';
import type { HunspellDictionary } from '#shared/proofing/types';
import { capitalize, isAllCaps, isUpper } from '#shared/proofing/textShape';
import { rankSuggestions } from '#shared/proofing/rankSuggestions';
import { editDistance } from '#shared/proofing/editDistance';
import type { Lexicon } from '#shared/proofing/Lexicon';

const asText = (data: string | Uint8Array): string =>
	typeof data === 'string' ? data : new TextDecoder().decode(data);

/**
 * Hunspell through nspell, with answers cached per word: a story repeats its words, and nspell's
 * `suggest` costs milliseconds. Suggestions are re-ranked by how few edits they need, since nspell
 * lists them in dictionary order after its own replacement table.
 */
export class Speller {
	readonly #spell: ReturnType<typeof nspell>;
	readonly #known = new Map<string, boolean>();
	readonly #suggestions = new Map<string, string[]>();
	/** Each dictionary stem's affix flags ("happy" → "URTP"): a little grammar for the rules. */
	readonly #flags = new Map<string, string>();
	/**
	 * nspell's word forms (every affix applied), and whether every compound its rules make has a
	 * digit and it only ever replaces curly apostrophes: then a string without digits that is none
	 * of its forms is no word, answered without nspell.
	 */
	readonly #forms: Record<string, unknown> | undefined;
	readonly #compoundsNeedDigits: boolean;
	/** nspell's special flags by name ("ONLYINCOMPOUND": "c"). */
	readonly #affixFlags: Record<string, unknown>;
	/**
	 * The dictionary's forms hashed, for skipping one-edit strings that cannot be words without
	 * building or asking them (see oneEditAway); undefined when `#correct` reads more than its
	 * forms. Built with the checker (a few tens of milliseconds), so no check waits for it.
	 */
	readonly #formHashes: FormHashes | undefined;

	constructor(
		dictionary: HunspellDictionary,
		extraWords: readonly string[] = [],
		/** Corpus words and counts: a fast search two edits out, and frequencies to rank by. */
		readonly lexicon: Lexicon | null = null
	) {
		const dic = asText(dictionary.dic);
		this.#spell = nspell(asText(dictionary.aff), dic);
		for (const word of extraWords) this.#spell.add(word);
		const internals = this.#spell as unknown as NspellInternals;
		this.#forms = typeof internals.data === 'object' ? internals.data : undefined;
		this.#affixFlags = internals.flags ?? {};
		this.#compoundsNeedDigits =
			Array.isArray(internals.compoundRules) &&
			internals.compoundRules.every((rule) => rule instanceof RegExp && !rule.test('')) &&
			typeof internals.compoundRuleCodes === 'object' &&
			Object.values(internals.compoundRuleCodes).every(
				(words) => Array.isArray(words) && words.every((word) => /\d/.test(String(word)))
			) &&
			(internals.conversion?.in ?? []).every(
				(pattern) =>
					Array.isArray(pattern) && pattern[0] instanceof RegExp && pattern[0].source === '’'
			);
		this.#formHashes =
			this.#forms && this.#compoundsNeedDigits
				? new FormHashes(Object.keys(this.#forms))
				: undefined;
		for (const line of dic.split('\n')) {
			const slash = line.indexOf('/');
			if (slash > 0) this.#flags.set(line.slice(0, slash), line.slice(slash + 1).split(/\s/)[0]!);
		}
	}

	/** The affix flags of a dictionary stem ('' for a stem without flags, undefined if absent). */
	flagsOf(stem: string): string | undefined {
		return this.#flags.get(stem) ?? (this.isKnown(stem) ? '' : undefined);
	}

	/** True when the dictionary knows the word as written (or, all in capitals, in any case). */
	isKnown(word: string): boolean {
		let known = this.#known.get(word);
		if (known === undefined) {
			const plain = word.includes('’') ? word.replace(/’/g, "'") : word;
			known = this.#correct(plain);
			if (!known && isAllCaps(plain)) known = this.#correct(plain.toLowerCase());
			// "café", "naïve": the dictionary has them without their accents.
			if (!known) {
				const folded = plain.normalize('NFD').replace(/\p{M}/gu, '');
				if (folded !== plain) known = this.#correct(folded);
			}
			this.#known.set(word, known);
		}
		return known;
	}

	/** Known in lowercase: a common word rather than only a name ("Willow" → willow). */
	isKnownLowercase(word: string): boolean {
		return this.isKnown(word.toLowerCase());
	}

	/**
	 * Replacements for an unknown word, best first (at most five). Words one edit away are found
	 * by trying every edit (about a millisecond); when there are none, the lexicon's corpus words
	 * two edits away (microseconds); only when that finds nothing either does nspell search
	 * further (tens of milliseconds), and only if `mayDig()` agrees — else the answer is [] and
	 * is not kept, so a later call may dig.
	 */
	suggest(word: string, mayDig: () => boolean = () => true, likelyName = false): string[] {
		const key = likelyName ? `${word}\u0000` : word;
		const cached = this.#suggestions.get(key);
		if (cached) return cached;
		const plain = word.replace(/’/g, "'");
		const correct = (candidate: string) => this.#correct(candidate);
		// Common words one slip away come from the lexicon's index (microseconds); only when
		// there are none is every one-letter edit tried against Hunspell (about a millisecond).
		const near = this.#near(plain);
		let candidates = this.#nearby(plain, 1, near);
		// A capitalised word mid-sentence that no common word is one slip from is a name: the
		// rarer words Hunspell's edit search would add, or common words two slips away, would
		// make it look misspelt, and that search cost most of a check of a story full of names.
		const name = likelyName && this.lexicon !== null;
		// A lower-case word is rarely a misspelt name: only names found ("jstu": "Stu") is none.
		const lowerStart = !isUpper(plain[0]);
		const none = (found: string[]) =>
			!found.some((candidate) => !(lowerStart && isUpper(candidate[0])));
		if (none(candidates) && !name) candidates = oneEditAway(plain, correct, this.#formHashes);
		if (none(candidates) && !name) candidates = this.#nearby(plain, 2, near);
		// Two substitutions ("exersize"), which the delete index misses: a slower scan, only for
		// a plain word nothing was found for.
		if (none(candidates) && !name && /^[a-z]{4,20}$/.test(plain)) candidates = this.#far(plain);
		// With a lexicon its search replaces nspell's deep one: a word more than two edits from
		// every known word is mostly a coinage, and the deep search cost most of a check's time.
		if (candidates.length === 0 && !this.lexicon) {
			if (!mayDig()) return [];
			candidates = this.#spell.suggest(plain);
		}
		const frequency = (candidate: string) => this.lexicon?.count(candidate.toLowerCase()) ?? 0;
		const suggestions = rankSuggestions(word, candidates, correct, frequency);
		this.#suggestions.set(key, suggestions);
		return suggestions;
	}

	/**
	 * nspell's `correct`, with a quick "no" for most strings that are no word: nspell looks the
	 * string up as written, in sentence case when it is all capitals, and in lowercase, then
	 * tries its compound rules, all after trimming it and replacing curly apostrophes. A string
	 * that is trimmed already, has no curly apostrophe and no digit (when every compound needs
	 * one), and is none of the dictionary's forms in any of those cases, is unknown to it.
	 * Spelling suggestions try thousands of such strings in a check.
	 */
	#correct(value: string): boolean {
		const forms = this.#forms;
		if (forms && this.#compoundsNeedDigits && !UNSURE.test(value) && value.length > 0) {
			// A form as written: nspell's first lookup, which says yes unless the form is only
			// for compounds or forbidden.
			const entry = forms[value];
			if (entry && !hasAffixFlag(this.#affixFlags, 'ONLYINCOMPOUND', entry)) {
				if (!hasAffixFlag(this.#affixFlags, 'FORBIDDENWORD', entry)) return true;
			}
			const lower = value.toLowerCase();
			if (
				!forms[value] &&
				!forms[lower] &&
				(value.toUpperCase() !== value || !forms[value.charAt(0) + value.slice(1).toLowerCase()])
			)
				return false;
		}
		return this.#spell.correct(value);
	}

	/**
	 * Corpus words two slips of any kind away that the dictionary knows. (The lexicon's words are
	 * lower-case ASCII letters, for which `isKnown` is `#correct`, remembered.)
	 */
	#far(lower: string): string[] {
		if (!this.lexicon) return [];
		return this.lexicon.within(lower, 2).filter((candidate) => this.isKnown(candidate));
	}

	/** Corpus words at most two slips from a word, each with its distance (sought once a word). */
	#near(plain: string): { word: string; distance: number }[] {
		if (!this.lexicon) return [];
		const lower = plain.toLowerCase();
		return this.lexicon
			.similar(lower)
			.map((word) => ({ word, distance: editDistance(word, lower) }));
	}

	/** Those of the `near` words at most `edits` slips away that the dictionary knows, in the word's case. */
	#nearby(plain: string, edits: number, near: { word: string; distance: number }[]): string[] {
		const capitalised = isUpper(plain[0]);
		return near
			.filter(({ word, distance }) => distance <= edits && this.isKnown(word))
			.map(({ word }) => (capitalised ? capitalize(word) : word));
	}
}

/** What nspell changes or reads before its lookups (spaces, curly apostrophes, digits). */
const UNSURE = /[\s’\d]/;

/** The parts of an nspell instance the quick lookup reads (not in its types). */
interface NspellInternals {
	data?: Record<string, unknown>;
	compoundRules?: unknown[];
	compoundRuleCodes?: Record<string, unknown[]>;
	conversion?: { in?: unknown[] };
	flags?: Record<string, unknown>;
}

/** nspell's test of a special flag on a form's flags (util/flag.js). */
const hasAffixFlag = (flags: Record<string, unknown>, name: string, entry: unknown): boolean =>
	!!entry &&
	name in flags &&
	typeof (entry as { indexOf?: unknown }).indexOf === 'function' &&
	(entry as { indexOf(value: unknown): number }).indexOf(flags[name]) > -1;

const LETTERS = "abcdefghijklmnopqrstuvwxyz'";

/** Codes of the hashed forms: 1–26 the letters a to z, 27 the apostrophe (-1 any other). */
const letterCode = (char: number): number =>
	char === 39 ? 27 : char >= 97 && char <= 122 ? char - 96 : -1;

const BASE = 131;

/**
 * The lower-cased forms of a dictionary (those of ASCII letters and apostrophes) as 32-bit
 * hashes in an open-addressing table. A search one edit around a word computes each edit's hash
 * from the word's prefix and suffix hashes, without building the string: a string whose hash is
 * no form's is none of the forms, lower-cased or capitalised, and is skipped. Only the few that
 * match (real forms, and rare collisions) are built and asked properly.
 */
class FormHashes {
	readonly #table: Int32Array;
	readonly #used: Uint8Array;
	readonly #shift: number;
	/** The word being searched around: its codes, prefix and suffix hashes, and powers of BASE. */
	#codes = new Int32Array(0);
	#prefix = new Int32Array(0);
	#suffix = new Int32Array(0);
	#powers = new Int32Array(0);

	constructor(words: string[]) {
		const bits = Math.max(10, Math.ceil(Math.log2(words.length * 2 + 1)));
		this.#table = new Int32Array(1 << bits);
		this.#used = new Uint8Array(1 << bits);
		this.#shift = 32 - bits;
		for (const word of words) {
			let hash = 0;
			let ascii = word.length > 0;
			for (let i = 0; i < word.length && ascii; i++) {
				const char = word.charCodeAt(i);
				const code = letterCode(char >= 65 && char <= 90 ? char + 32 : char);
				ascii = code > 0;
				hash = (Math.imul(hash, BASE) + code) | 0;
			}
			if (ascii) this.#add(hash);
		}
	}

	#slot(hash: number): number {
		return Math.imul(hash, 0x9e3779b1) >>> this.#shift;
	}

	#add(hash: number): void {
		const mask = this.#table.length - 1;
		let slot = this.#slot(hash);
		while (this.#used[slot]) {
			if (this.#table[slot] === hash) return;
			slot = (slot + 1) & mask;
		}
		this.#used[slot] = 1;
		this.#table[slot] = hash;
	}

	#has(hash: number): boolean {
		const mask = this.#table.length - 1;
		let slot = this.#slot(hash);
		while (this.#used[slot]) {
			if (this.#table[slot] === hash) return true;
			slot = (slot + 1) & mask;
		}
		return false;
	}

	/** Starts a search around a lower-case word; false when its letters are not all ASCII. */
	start(lower: string): boolean {
		if (!/^[a-z']+$/.test(lower)) return false;
		const length = lower.length;
		this.#codes = new Int32Array(length);
		this.#prefix = new Int32Array(length + 1);
		this.#suffix = new Int32Array(length + 1);
		this.#powers = new Int32Array(length + 3);
		this.#powers[0] = 1;
		for (let k = 1; k < length + 3; k++) this.#powers[k] = Math.imul(this.#powers[k - 1]!, BASE);
		for (let k = 0; k < length; k++) {
			this.#codes[k] = letterCode(lower.charCodeAt(k));
			this.#prefix[k + 1] = (Math.imul(this.#prefix[k]!, BASE) + this.#codes[k]!) | 0;
		}
		for (let k = length - 1; k >= 0; k--)
			this.#suffix[k] =
				(Math.imul(this.#codes[k]!, this.#powers[length - 1 - k]!) + this.#suffix[k + 1]!) | 0;
		return true;
	}

	/**
	 * Whether the word with its letters `from` to `to` (exclusive) replaced by up to two letters
	 * (codes, -1 for none) may be a form.
	 */
	fits(from: number, to: number, first = -1, second = -1): boolean {
		const length = this.#codes.length;
		const tail = length - to;
		const middle = (first >= 0 ? 1 : 0) + (second >= 0 ? 1 : 0);
		let inner = 0;
		if (first >= 0) inner = first;
		if (second >= 0) inner = (Math.imul(inner, BASE) + second) | 0;
		const hash =
			(Math.imul(this.#prefix[from]!, this.#powers[middle + tail]!) +
				Math.imul(inner, this.#powers[tail]!) +
				this.#suffix[to]!) |
			0;
		return this.#has(hash);
	}
}

/**
 * Dictionary words one deletion, swap, substitution or insertion away, in the word's case.
 * With the dictionary's `forms`, strings that cannot be words are skipped unasked.
 */
function oneEditAway(
	word: string,
	isKnown: (word: string) => boolean,
	forms?: FormHashes
): string[] {
	const lower = word.toLowerCase();
	const capitalised = isUpper(word[0]);
	const found = new Set<string>();
	const consider = (candidate: string) => {
		if (candidate === lower || candidate.startsWith("'") || candidate.endsWith("'")) return;
		if (isKnown(candidate)) found.add(capitalised ? capitalize(candidate) : candidate);
		else if (isKnown(capitalize(candidate))) found.add(capitalize(candidate));
	};
	const pruned = forms?.start(lower) ?? false;
	const fits = (from: number, to: number, first?: number, second?: number) =>
		!pruned || forms!.fits(from, to, first, second);
	const code = (char: string) => letterCode(char.charCodeAt(0));
	for (let i = 0; i <= lower.length; i++) {
		const head = lower.slice(0, i);
		const tail = lower.slice(i);
		if (tail && fits(i, i + 1)) consider(head + tail.slice(1));
		if (tail.length > 1 && fits(i, i + 2, code(tail[1]!), code(tail[0]!)))
			consider(head + tail[1] + tail[0] + tail.slice(2));
		for (const letter of LETTERS) {
			if (tail && letter !== tail[0] && fits(i, i + 1, code(letter)))
				consider(head + letter + tail.slice(1));
			if (fits(i, i, code(letter))) consider(head + letter + tail);
		}
	}
	return [...found];
}
