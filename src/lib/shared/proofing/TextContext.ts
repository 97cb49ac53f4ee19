import type { Lexicon } from '#shared/proofing/Lexicon';
import type { Speller } from '#shared/proofing/Speller';
import { tokenizeWords, type Word } from '#shared/proofing/tokenize';

const OPENERS = '"“‘\'([{*_';
const SENTENCE_END = '.!?…';
const CLOSERS = '"”’\')]}*_';

/**
 * One check of one text: its words and the questions rules ask about them (what sits between
 * two words, where sentences start, which capitalised words are names).
 */
export class TextContext {
	readonly words: Word[];
	readonly #sentenceStart: boolean[] = [];
	/** 1 where only spaces or tabs (at least one) separate a word from the next one. */
	readonly #spacedToNext: Uint8Array;
	/** Lowercased names: learned from the text plus the story dictionary. */
	names = new Set<string>();
	/** Corpus statistics and lexical knowledge, when the checker has them. */
	lexicon: Lexicon | null = null;
	/** Report regularly formed words that no list has (CheckOptions.unusualWords). */
	unusualWords = false;
	/**
	 * A deep Hunspell search costs tens of milliseconds (a tenth of a second for a long word):
	 * one check starts at most this many, so a text full of unknown words still checks quickly.
	 * Later checks find the answers cached and dig for the rest.
	 */
	#deepSearches = 15;

	constructor(
		readonly text: string,
		readonly speller: Speller,
		/** Lowercased words of the story dictionary. */
		readonly storyWords: ReadonlySet<string>
	) {
		this.words = tokenizeWords(text);
		for (const word of this.words) this.#sentenceStart.push(this.#startsSentence(word));
		// next() and previous() are asked about every word by most rules: the gaps are read once.
		this.#spacedToNext = new Uint8Array(this.words.length);
		for (let i = 0; i + 1 < this.words.length; i++) {
			const from = this.words[i]!.end;
			const to = this.words[i + 1]!.start;
			let spaced = to > from;
			for (let at = from; spaced && at < to; at++) {
				const char = text.charCodeAt(at);
				spaced = char === 32 || char === 9;
			}
			this.#spacedToNext[i] = spaced ? 1 : 0;
		}
	}

	/** The text between a word and the next one (everything to the end for the last word). */
	gapAfter(word: Word): string {
		const next = this.words[word.index + 1];
		return this.text.slice(word.end, next ? next.start : this.text.length);
	}

	gapBefore(word: Word): string {
		const previous = this.words[word.index - 1];
		return this.text.slice(previous ? previous.end : 0, word.start);
	}

	/**
	 * Spelling suggestions for a word. The deep search runs only on plain lowercase words of
	 * ordinary length (it slows down sharply with length, capitals and accents; a capitalised
	 * unknown word is mostly a name anyway) and within the budget.
	 */
	suggest(word: string, likelyName = false): string[] {
		if (word.length > 30) return [];
		const plain = /^[a-z'’]{1,12}$/.test(word);
		return this.speller.suggest(word, () => plain && this.#deepSearches-- > 0, likelyName);
	}

	/** True when punctuation or a line break follows the word (or nothing does). */
	endsClause(word: Word): boolean {
		return word.index === this.words.length - 1 || /[.,;:!?…\n]/.test(this.gapAfter(word));
	}

	/** The first word that starts at or after `offset`. */
	wordFrom(offset: number): Word | undefined {
		let low = 0;
		let high = this.words.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.words[middle]!.start < offset) low = middle + 1;
			else high = middle;
		}
		return this.words[low];
	}

	/** The next word when only spaces separate them (same clause, same line). */
	next(word: Word, step = 1): Word | undefined {
		let current: Word | undefined = word;
		for (let i = 0; i < step && current; i++) {
			current = this.#spacedToNext[current.index] ? this.words[current.index + 1] : undefined;
		}
		return current;
	}

	/** The previous word when only spaces separate them. */
	previous(word: Word, step = 1): Word | undefined {
		let current: Word | undefined = word;
		for (let i = 0; i < step && current; i++) {
			current =
				current.index > 0 && this.#spacedToNext[current.index - 1]
					? this.words[current.index - 1]
					: undefined;
		}
		return current;
	}

	/** First word of a sentence: after a full stop, a line break or the text's start. */
	isSentenceStart(word: Word): boolean {
		return this.#sentenceStart[word.index] ?? false;
	}

	/** Directly after an opening quotation mark or bracket (dialogue starts capitalised). */
	afterOpener(word: Word): boolean {
		const before = this.text[word.start - 1];
		return before !== undefined && OPENERS.includes(before);
	}

	/** A word in the middle of a sentence: capitals there mark names. */
	isMidSentence(word: Word): boolean {
		return !this.isSentenceStart(word) && !this.afterOpener(word);
	}

	isName(word: string): boolean {
		return this.names.has(word.toLowerCase());
	}

	#startsSentence(word: Word): boolean {
		let i = word.start - 1;
		while (i >= 0 && (OPENERS.includes(this.text[i]!) || this.text[i] === ' ')) i--;
		if (i < 0 || this.text[i] === '\n' || this.text[i] === '\r') return true;
		while (i >= 0 && CLOSERS.includes(this.text[i]!)) i--;
		return i >= 0 && SENTENCE_END.includes(this.text[i]!);
	}
}
