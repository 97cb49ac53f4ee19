import { flag, type Rule } from '#shared/proofing/Rule';
import { ownEntry } from '#shared/proofing/ownEntry';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import {
	isAllCaps,
	isCapitalized,
	isUpper,
	matchCase,
	stripPossessive
} from '#shared/proofing/textShape';
import { BARE_CONTRACTIONS } from '#shared/proofing/words/contractions';
import { isInterjection } from '#shared/proofing/words/informal';
import { SPLIT_COMPOUNDS } from '#shared/proofing/words/splitCompounds';
import { FOREIGN_PARTICLES } from '#shared/proofing/words/foreignParticles';
import { americanSpelling } from '#shared/proofing/words/britishSpelling';
import { editDistance } from '#shared/proofing/editDistance';
import { usesBritishQuotes } from '#shared/proofing/britishQuotes';
import { droppedG, wordFormation } from '#shared/proofing/wordFormation';
import { regularInflection } from '#shared/proofing/regularInflection';
import { isNoun, isVerbBase } from '#shared/proofing/morphology';
import { isFunctionWord } from '#shared/proofing/words/functionWords';
import { isHyphenPart } from '#shared/proofing/hyphenPart';
import { isInPhrase } from '#shared/proofing/inPhrase';

/** Longest run of capitals read as an acronym ("POV", "NYPD") rather than a shouted word. */
const ACRONYM_LENGTH = 5;

/**
 * An unknown word written this often, the same way, and not one slip from a word written in the
 * text, is meant (a coinage, a foreign or dialect word). "teh" and "wass" recur as habits beside
 * "the" and "was" and stay flagged every time; "biwa" or "fucken" recurring is flagged once, as
 * possible.
 */
const RECURRING = 3;

/**
 * A story that spells "colour" and "realised" more than once is written in British English on
 * purpose: its British spellings are accepted even by the American dictionary.
 */
const BRITISH_STORY = 2;

/** Hunspell spelling, minus what fiction writes on purpose: names, stutters, interjections. */
export const spelling: Rule = (context) => {
	const flags: Flag[] = [];
	const unknown: { word: Word; base: string; american: string | null }[] = [];
	const isKnown = (candidate: string) => context.speller.isKnown(candidate);
	for (const word of context.words) {
		const base = stripPossessive(word.text);
		const lower = base.toLowerCase();
		if (base.length < 2 || /\p{N}/u.test(base)) continue;
		const split = ownEntry(SPLIT_COMPOUNDS, lower);
		if (split) {
			flags.push(
				flag('spelling', 'spelling/split', word.start, word.end, `Write "${split}".`, [
					matchCase(word.text, split)
				])
			);
			continue;
		}
		if (isAccepted(context, word, base, lower)) continue;
		const formed = formedFrom(context, lower);
		if (formed) {
			if (context.unusualWords) flags.push(unusual(word.start, word.end, formed));
			continue;
		}
		unknown.push({ word, base, american: americanSpelling(lower, isKnown) });
	}
	const foreign = foreignPhrases(context, unknown);
	const british = new Set(
		unknown.filter((entry) => entry.american).map((entry) => entry.base.toLowerCase())
	);
	const britishStory =
		british.size >= BRITISH_STORY || (british.size > 0 && usesBritishQuotes(context.text));
	const occurrences = new Map<string, number>();
	for (const { base } of unknown) {
		const lower = base.toLowerCase();
		occurrences.set(lower, (occurrences.get(lower) ?? 0) + 1);
	}
	const reported = new Set<string>();
	const written = new Set(context.words.map((word) => word.lower));
	for (const { word, base, american } of unknown) {
		if (american && britishStory) continue;
		if (foreign.has(word.index)) continue;
		if (!american && looksLikeName(context, word, base)) continue;
		const lower = base.toLowerCase();
		const recurs =
			!american &&
			(occurrences.get(lower) ?? 0) >= RECURRING &&
			(!oneSlipFromWord(context, lower) || !nearWordWritten(context, lower, written));
		if (recurs && reported.has(lower)) continue;
		reported.add(lower);
		const suggestions = american
			? [matchCase(base, american) + word.text.slice(base.length)]
			: context
					.suggest(base)
					.map((suggestion) => (isUpper(base[0]) ? matchCase(base, suggestion) : suggestion))
					.map((suggestion) => suggestion + word.text.slice(base.length));
		// No dictionary word within two slips of any kind: a coinage, a foreign or a technical
		// word ("sockdologizing", "kotowaza", "encephalographic") far more often than a slip,
		// which lands near the word meant. Reported, when asked, with the unusual words.
		if (!american && suggestions.length === 0) {
			if (context.unusualWords) flags.push(farFromWords(word.start, word.end));
			continue;
		}
		flags.push(
			flag(
				'spelling',
				american ? 'spelling/british' : 'spelling/unknown',
				word.start,
				word.end,
				american
					? `British spelling; the story is checked as American English ("${american}").`
					: recurs
						? `"${word.text}" is not in the dictionary, and the story writes it ${occurrences.get(lower)} times: if it is meant, add it to the story's dictionary.`
						: `"${word.text}" is not in the dictionary.`,
				suggestions,
				recurs ? 'possible' : 'likely'
			)
		);
	}
	return flags;
};

/**
 * "vous etes", "je ne sais", "chevaux de frise": two unknown lower-case words side by side are a
 * phrase in another language far more often than two slips in a row; so is an unknown word
 * beside a foreign article or preposition ("fille de chambre", "Nozze de Figaro"), and the
 * particle itself. Returns their word indexes.
 */
function foreignPhrases(context: TextContext, unknown: { word: Word }[]): Set<number> {
	const indexes = new Set(
		unknown.filter(({ word }) => word.text === word.lower).map(({ word }) => word.index)
	);
	const phrase = new Set<number>();
	for (const index of indexes) {
		const next = context.next(context.words[index]!);
		if (next && indexes.has(next.index)) phrase.add(index).add(next.index);
	}
	for (const { word } of unknown) {
		for (const neighbour of [context.previous(word), context.next(word)]) {
			if (neighbour && FOREIGN_PARTICLES.has(neighbour.lower)) phrase.add(word.index);
		}
		// The particle itself, between foreign or capitalised words ("Nozze de Figaro").
		if (!FOREIGN_PARTICLES.has(word.lower)) continue;
		const before = context.previous(word);
		const after = context.next(word);
		if (before && after && [before, after].every((side) => isForeignSide(side, indexes)))
			phrase.add(word.index);
	}
	return phrase;
}

const isForeignSide = (word: Word, unknown: Set<number>): boolean =>
	unknown.has(word.index) || isCapitalized(word.text);

/**
 * How an unknown lower-case word is regularly formed ("un + smiling + ly", "comin = coming"), or
 * undefined. A formation one slip from a dictionary word is more likely that word misspelt
 * ("truely" is true + ly but first of all "truly"); a dropped g is one slip by nature.
 */
function formedFrom(context: TextContext, lower: string): string | undefined {
	const known = (candidate: string) =>
		context.speller.isKnown(candidate) || (context.lexicon?.hasWord(candidate) ?? false);
	const full = droppedG(lower, known);
	if (full) return `"${full}" with the g dropped`;
	// "cap'n", "ever'body", "po'k": letters left out and marked with an apostrophe, as dialogue
	// writes speech ("don't" and "we'll" are known words, so this is speech of one's own).
	if (/^\p{L}+['’]\p{L}+$/u.test(lower) && !isClitic(lower)) return 'letters left out, marked';
	// "wooooosh", "zoooop": a letter drawn out for the sound.
	if (/(\p{L})\1\1/u.test(lower)) return 'a letter drawn out';
	const formation = wordFormation(lower, known);
	if (!formation) return undefined;
	// The formation's own stem is one slip away when the ending is one letter ("browny" is
	// brown + y, "tinplated" tinplate + d): that is how it is formed, not a slip.
	const stem = formation.parts.length === 2 ? formation.parts[0]! : '';
	const ownStem = isContentWord(context, stem) ? [stem] : [];
	return oneSlipFromWord(context, lower, ownStem) ? undefined : formation.parts.join(' + ');
}

/** A noun or a verb (not "where", whose "whered" is "where'd"). */
const isContentWord = (context: TextContext, lower: string): boolean =>
	lower.length > 0 &&
	!isFunctionWord(lower) &&
	(isNoun(context.speller, lower) || isVerbBase(context.speller, lower));

/**
 * A dictionary word one slip away ("huggings" is one from "hugging", as any plural is), other
 * than the given parts the word is formed from.
 */
const oneSlipFromWord = (context: TextContext, lower: string, parts: string[] = []): boolean =>
	context
		.suggest(lower)
		.map((candidate) => candidate.toLowerCase())
		.some(
			(candidate) =>
				editDistance(candidate, lower) <= 1 &&
				lower !== `${candidate}s` &&
				!parts.includes(candidate)
		);

/**
 * A word one slip from the unknown one is written elsewhere in the text ("teh" beside "the"):
 * the unknown word is a habit of the fingers. A dialect or coined word ("fucken", "figger")
 * recurs while the word it is one slip from never appears.
 */
const nearWordWritten = (context: TextContext, lower: string, written: ReadonlySet<string>) =>
	context
		.suggest(lower)
		.map((candidate) => candidate.toLowerCase())
		.some((candidate) => editDistance(candidate, lower) <= 1 && written.has(candidate));

const unusual = (start: number, end: number, formed: string): Flag =>
	flag(
		'unusual',
		'unusual/formation',
		start,
		end,
		`Not in the word lists, but regularly formed (${formed}): check it is meant.`,
		[],
		'possible'
	);

const farFromWords = (start: number, end: number): Flag =>
	flag(
		'unusual',
		'unusual/far',
		start,
		end,
		'Not in the word lists, and no word is near it: a coinage or a foreign word? Check it is meant.',
		[],
		'possible'
	);

/**
 * "Lissa!" at the start of a quotation, "Kestrel's POV" on a line of its own: a capitalised
 * unknown word that is only ever one slip from other names, never from a common word, is a name
 * seen once ("Finaly" is one slip from "finally" and stays flagged).
 */
function looksLikeName(context: TextContext, word: Word, base: string): boolean {
	if (!isCapitalized(base)) return false;
	if (afterTitle(context, word)) return true;
	return !context
		.suggest(base, context.isMidSentence(word))
		.some((suggestion) => context.speller.isKnown(suggestion.toLowerCase()));
}

/** Titles a name follows: "Mr. Fogg", "Uncle Jeb", "Captain Tchalo". */
const TITLES = new Set(
	(
		'mr mrs ms dr miss mister sir madam lady lord uncle aunt captain capt colonel col general ' +
		'gen sergeant sgt major lieutenant lt professor prof judge father sister brother saint st ' +
		'king queen prince princess count countess baron senator governor rev reverend'
	).split(' ')
);

/** Straight after a capitalised title ("Mr. Fogg"): a name, not a word of the dictionary. */
function afterTitle(context: TextContext, word: Word): boolean {
	const title = context.words[word.index - 1];
	if (!title || !isCapitalized(title.text) || !TITLES.has(title.lower)) return false;
	return /^\.? $/.test(context.text.slice(title.end, word.start));
}

function isAccepted(context: TextContext, word: Word, base: string, lower: string): boolean {
	const { speller } = context;
	if (context.storyWords.has(lower) || context.isName(lower)) return true;
	if (ownEntry(BARE_CONTRACTIONS, lower)) return true;
	if (isStutter(context, word)) return true;
	if (speller.isKnown(word.text) || speller.isKnown(base)) return true;
	// WordNet lists British spellings too ("harbour"): those stay with the British-spelling check.
	if (
		context.lexicon?.hasWord(lower) &&
		!americanSpelling(lower, (candidate) => speller.isKnown(candidate))
	)
		return true;
	if (isContraction(lower, (candidate) => speller.isKnown(candidate))) return true;
	if (isAmericanVariant(lower, (candidate) => speller.isKnown(candidate))) return true;
	if (isAllCaps(base) && base.length <= ACRONYM_LENGTH) return true;
	if (isInterjection(base, (candidate) => speller.isKnown(candidate))) return true;
	if (isNominalPlural(context, lower)) return true;
	if (regularInflection(lower, (stem) => isVerbBase(speller, stem))) return true;
	if (isHyphenPart(context, word, lower)) return true;
	if (isHyphenatedName(context, word)) return true;
	if (isInPhrase(context, word)) return true;
	// "ten-ish", "late-ish": the suffix hyphenated to a word or number, as people write it.
	if (lower === 'ish' && /[\p{L}\p{N}]-$/u.test(context.text.slice(word.start - 2, word.start)))
		return true;
	return isClosedCompound(context, lower);
}

/**
 * Spellings American dictionaries list beside the usual one: a doubled "l" before an ending
 * after a single vowel ("travelled", "marvelled", "imperilled": "traveled or travelled") and
 * "-ogue" for "-og" ("catalogue"). Other British spellings ("colour", "realise") stay with the
 * British-spelling check.
 */
function isAmericanVariant(lower: string, isKnown: (word: string) => boolean): boolean {
	const doubled = /(?<=[^aeiou][aeiou])ll(ed|ing|er|ers)$/.exec(lower);
	if (doubled) return isKnown(`${lower.slice(0, doubled.index)}l${doubled[1]}`);
	const ogue = /ogue(s|d)?$/.exec(lower);
	return (
		ogue !== null &&
		isKnown(`${lower.slice(0, ogue.index)}og${ogue[1] === 'd' ? 'ed' : (ogue[1] ?? '')}`)
	);
}

/**
 * "Noyon-la-Sainte", "Krzywy-Rog", "Jean-Luc": a capitalised part of a hyphenated word with
 * another capitalised part is part of a name, whatever its letters.
 */
function isHyphenatedName(context: TextContext, word: Word): boolean {
	if (!isCapitalized(word.text)) return false;
	let first = word;
	for (let step = 0; step < 3; step++) {
		const before = context.words[first.index - 1];
		if (!before || before.end !== first.start - 1 || context.text[before.end] !== '-') break;
		first = before;
	}
	const parts: Word[] = [first];
	for (let step = 0; step < 3; step++) {
		const last = parts.at(-1)!;
		const after = context.words[last.index + 1];
		if (!after || after.start !== last.end + 1 || context.text[last.end] !== '-') break;
		parts.push(after);
	}
	// A stutter or a drawl ("Jee-sus", "Shu-tt") has its capital at the start only.
	return parts.filter((part) => isCapitalized(part.text)).length >= 2;
}

const isClitic = (lower: string): boolean => /['’](?:s|d|ll|re|ve|m|t)$/u.test(lower);

/** "there'd", "this'll", "what're": a known word and a clitic, as speech runs them together. */
function isContraction(lower: string, isKnown: (word: string) => boolean): boolean {
	const match = /^(\p{L}+)['’](?:d|ll|re|ve|s)$/u.exec(lower);
	return match !== null && isKnown(match[1]!);
}

/**
 * "regionals", "sectionals": an adjective in -al used as a plural noun (the contests, the
 * players). Hunspell lists some ("finals", "nationals") but not every one.
 */
const isNominalPlural = (context: TextContext, lower: string): boolean =>
	lower.length >= 7 && lower.endsWith('als') && context.speller.isKnown(lower.slice(0, -1));

/** "T-Tara", "b-been", "But-But": a short start of the next word, then a hyphen. */
function isStutter(context: TextContext, word: Word): boolean {
	const next = context.words[word.index + 1];
	return (
		word.text.length <= 3 &&
		next !== undefined &&
		next.start === word.end + 1 &&
		context.text[word.end] === '-' &&
		next.lower.startsWith(word.lower)
	);
}

/**
 * "spellbooks", "doorframe": two dictionary words of three letters or more, run together, and no
 * word one slip away ("writting" is writ + ting, but first of all a misspelt "writing").
 */
function isClosedCompound(context: TextContext, lower: string): boolean {
	if (!hasSplit(context, lower)) return false;
	return !context
		.suggest(lower)
		.some(
			(candidate) => !/[\s-]/.test(candidate) && editDistance(candidate.toLowerCase(), lower) <= 1
		);
}

function hasSplit(context: TextContext, lower: string): boolean {
	for (let cut = 3; cut <= lower.length - 3; cut++) {
		const head = lower.slice(0, cut);
		const tail = lower.slice(cut);
		// "carefull", "beautifull": a doubled suffix, not two words.
		if (tail === 'full') continue;
		if (context.speller.isKnown(head) && context.speller.isKnown(tail)) return true;
	}
	return false;
}
