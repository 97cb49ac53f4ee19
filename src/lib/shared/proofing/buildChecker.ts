import type { Lexicon } from '#shared/proofing/Lexicon';
import { learnNames } from '#shared/proofing/learnNames';
import { realWord } from '#shared/proofing/rules/realWord';
import { compounds } from '#shared/proofing/rules/compounds';
import { theThey, theyThe } from '#shared/proofing/rules/theyThe';
import { toToo, tooTo } from '#shared/proofing/rules/tooTo';
import { nowNot } from '#shared/proofing/rules/nowNot';
import { formFrom } from '#shared/proofing/rules/formFrom';
import { oneOn } from '#shared/proofing/rules/oneOn';
import { ofOff } from '#shared/proofing/rules/ofOff';
import { inTo } from '#shared/proofing/rules/inTo';
import { knowNo } from '#shared/proofing/rules/knowNo';
import { isAs } from '#shared/proofing/rules/isAs';
import { verbSlips } from '#shared/proofing/rules/verbSlips';
import { homophoneSlips } from '#shared/proofing/rules/homophoneSlips';
import { andAn } from '#shared/proofing/rules/andAn';
import { missingWord } from '#shared/proofing/rules/missingWord';
import { missingArticle } from '#shared/proofing/rules/missingArticle';
import { missingTo } from '#shared/proofing/rules/missingTo';
import { missingPreposition } from '#shared/proofing/rules/missingPreposition';
import type { Rule } from '#shared/proofing/Rule';
import { apostrophe } from '#shared/proofing/rules/apostrophe';
import { animatePossessive } from '#shared/proofing/rules/animatePossessive';
import { lostContraction } from '#shared/proofing/rules/lostContraction';
import { article } from '#shared/proofing/rules/article';
import { confusedWords } from '#shared/proofing/rules/confusion';
import { dialogue } from '#shared/proofing/rules/dialogue';
import { grammar } from '#shared/proofing/rules/grammar';
import { hyphen } from '#shared/proofing/rules/hyphen';
import { participleModifier } from '#shared/proofing/rules/participleModifier';
import { mojibake } from '#shared/proofing/rules/mojibake';
import { invisibleCharacters } from '#shared/proofing/rules/nbsp';
import { punctuation } from '#shared/proofing/rules/punctuation';
import { repetition } from '#shared/proofing/rules/repetition';
import { residue } from '#shared/proofing/rules/residue';
import { spacing } from '#shared/proofing/rules/spacing';
import { spelling } from '#shared/proofing/rules/spelling';
import { Speller } from '#shared/proofing/Speller';
import { TextContext } from '#shared/proofing/TextContext';
import { stripPossessive } from '#shared/proofing/textShape';
import type {
	CheckOptions,
	Flag,
	FlagKind,
	HunspellDictionary,
	Locale
} from '#shared/proofing/types';
import { INFORMAL_WORDS } from '#shared/proofing/words/informal';

export interface CheckerSetup {
	/** Hunspell files per locale; only the checker's own locale is needed. */
	dictionaries: Partial<Record<Locale, HunspellDictionary>>;
	locale?: Locale;
	/** The corpus layer (null: check without it). */
	lexicon: Lexicon | null;
}

export interface Checker {
	readonly locale: Locale;
	/** Flags in text order, at most one per stretch of text. */
	check(text: string, options?: CheckOptions): Flag[];
}

const RULES: Rule[] = [
	mojibake,
	residue,
	invisibleCharacters,
	dialogue,
	apostrophe,
	animatePossessive,
	lostContraction,
	confusedWords,
	realWord,
	theyThe,
	theThey,
	tooTo,
	toToo,
	nowNot,
	formFrom,
	oneOn,
	ofOff,
	inTo,
	knowNo,
	isAs,
	verbSlips,
	homophoneSlips,
	andAn,
	grammar,
	missingWord,
	missingArticle,
	missingTo,
	missingPreposition,
	hyphen,
	compounds,
	participleModifier,
	repetition,
	article,
	punctuation,
	spacing,
	spelling
];

/** When two flags cover the same text, the more specific kind wins ("donít" is mojibake, not a typo). */
const PRIORITY: FlagKind[] = [
	'mojibake',
	'residue',
	'nbsp',
	'dialogue',
	'apostrophe',
	'confusion',
	'grammar',
	'hyphen',
	'repetition',
	'article',
	'punctuation',
	'spacing',
	'spelling',
	'unusual'
];

/**
 * The proofreading checker. Pure: no DOM, no Node, so a Web Worker, the server and the CLI share
 * it; the caller loads the dictionary files and the corpus layer its own way (the server and the
 * CLI through createChecker, which bundles the lexicon; the browser's worker fetches it as a
 * separate file, so the worker's script stays small). Building it parses the dictionary
 * (about 0.2 s); checks then reuse it.
 */
export function buildChecker(setup: CheckerSetup): Checker {
	const locale = setup.locale ?? 'en-US';
	const dictionary = setup.dictionaries[locale];
	if (!dictionary) throw new Error(`No dictionary for ${locale}`);
	const lexicon = setup.lexicon;
	const speller = new Speller(dictionary, INFORMAL_WORDS, lexicon);
	return {
		locale,
		check(text, options = {}) {
			const storyWords = lowercaseSet(options.storyWords);
			const context = new TextContext(text, speller, storyWords);
			context.lexicon = lexicon;
			context.unusualWords = options.unusualWords ?? false;
			context.names = learnNames(context, storyWords);
			const shielded = shieldedSpans(text);
			const flags = RULES.flatMap((rule) => rule(context)).filter(
				(found) => isUsable(text, found) && !shielded.some((span) => overlaps(found, span))
			);
			const repaired = withoutNeighboursOfDamage(resolveOverlaps(flags));
			return withoutIgnored(
				text,
				inHouseApostrophes(text, repaired),
				lowercaseSet(options.ignoredWords)
			);
		}
	};
}

/** Web addresses, e-mail addresses, @handles and #tags: not prose, never flagged. */
function shieldedSpans(text: string): Flag[] {
	const spans: Flag[] = [];
	for (const match of text.matchAll(/(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w+|(?<!\S)[@#][\w-]+/g)) {
		spans.push({ start: match.index, end: match.index + match[0].length } as Flag);
	}
	return spans;
}

function lowercaseSet(words: Iterable<string> | undefined): Set<string> {
	return new Set([...(words ?? [])].map((word) => word.toLowerCase()));
}

function isUsable(text: string, found: Flag): boolean {
	if (found.start < 0 || found.end > text.length || found.start > found.end) return false;
	const flagged = text.slice(found.start, found.end);
	found.suggestions = [...new Set(found.suggestions)].filter(
		(suggestion) => suggestion !== flagged
	);
	return true;
}

const overlaps = (a: Flag, b: Flag): boolean =>
	a.start === a.end || b.start === b.end
		? a.start === b.start ||
			(a.start > b.start && a.start < b.end) ||
			(b.start > a.start && b.start < a.end)
		: a.start < b.end && b.start < a.end;

function resolveOverlaps(flags: Flag[]): Flag[] {
	const ranked = flags
		.map((found, order) => ({ found, order, rank: PRIORITY.indexOf(found.kind) }))
		.sort((a, b) => a.rank - b.rank || a.order - b.order);
	const kept: Flag[] = [];
	for (const { found } of ranked) {
		if (!kept.some((other) => overlaps(found, other))) kept.push(found);
	}
	return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Suggestions write apostrophes the way the text does: curly ones in a text that uses them. */
function inHouseApostrophes(text: string, flags: Flag[]): Flag[] {
	if (!text.includes('’')) return flags;
	const curly = text.match(/(?<=\p{L})’(?=\p{L})/gu)?.length ?? 0;
	const straight = text.match(/(?<=\p{L})'(?=\p{L})/gu)?.length ?? 0;
	if (curly <= straight) return flags;
	for (const found of flags) {
		found.suggestions = found.suggestions.map((suggestion) =>
			suggestion.replace(/(?<=\p{L})'(?=\p{L})/gu, '’')
		);
	}
	return flags;
}

/** Beside mis-decoded characters other rules misread ("Hello,î"): repair first, check again. */
function withoutNeighboursOfDamage(flags: Flag[]): Flag[] {
	const damaged = flags.filter((found) => found.kind === 'mojibake');
	if (damaged.length === 0) return flags;
	const touches = (a: Flag, b: Flag) => a.start <= b.end && b.start <= a.end;
	return flags.filter(
		(found) => found.kind === 'mojibake' || !damaged.some((damage) => touches(found, damage))
	);
}

function withoutIgnored(text: string, flags: Flag[], ignored: Set<string>): Flag[] {
	if (ignored.size === 0) return flags;
	return flags.filter((found) => {
		const flagged = stripPossessive(text.slice(found.start, found.end).trim()).toLowerCase();
		return !ignored.has(flagged);
	});
}
