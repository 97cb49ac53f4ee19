import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { ALWAYS_HYPHENATED, HYPHENATED_BEFORE_NOUN } from '#shared/proofing/words/compounds';
import { DETERMINERS, isFunctionWord, PREPOSITIONS } from '#shared/proofing/words/functionWords';
import { isGradable, isPastVerb } from '#shared/proofing/morphology';

const phrases = (list: string[]): RegExp =>
	new RegExp(
		`(?<![\\p{L}-])(?:${list.map((phrase) => phrase.replace(/ /g, ' +')).join('|')})(?![\\p{L}-])`,
		'giu'
	);

const ALWAYS = phrases(ALWAYS_HYPHENATED);
const BEFORE_NOUN = phrases(HYPHENATED_BEFORE_NOUN);
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const COMPOUND_NUMBER = new RegExp(`(?<![\\p{L}-])(?:${TENS}) (?:${UNITS})(?![\\p{L}-])`, 'giu');
const NUMBER = `\\d+|${UNITS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|${TENS}|(?:${TENS})-(?:${UNITS})`;
const AGE = new RegExp(
	`(?<![\\p{L}-])(?:${NUMBER})[ -](?:year|month|week|day|hour)[ -]old(?![\\p{L}])`,
	'giu'
);
/** "blue eyed", "red faced", "kind hearted": an adjective and a body-part adjective in -ed. */
const FEATURE = new RegExp(
	'(?<![\\p{L}-])(?:long|short|dark|light|fair|red|blond|blonde|brown|black|white|gr[ae]y|blue|' +
		'green|hazel|wide|bright|sharp|big|small|round|thin|thick|curly|straight|hot|cold|warm|' +
		'kind|open|narrow|broad|level|pig|bare|rosy|pale|flat|bow|knock|bleary|doe|starry|clear) ' +
		'(?:haired|eyed|faced|legged|skinned|lipped|cheeked|headed|hearted|minded|footed|chested)(?![\\p{L}-])',
	'giu'
);

/** Compound modifiers written open: "life changing", "twenty one", "a five year old". */
export const hyphen: Rule = (context) => {
	const flags: Flag[] = [];
	const { text } = context;
	const add = (start: number, phrase: string) => {
		const joined = phrase.replace(/[ -]+/g, '-');
		if (joined === phrase) return;
		flags.push(
			flag('hyphen', 'hyphen/compound', start, start + phrase.length, `Hyphenate "${joined}".`, [
				joined
			])
		);
	};
	for (const pattern of [ALWAYS, COMPOUND_NUMBER, AGE, FEATURE]) {
		for (const match of text.matchAll(pattern)) add(match.index, match[0]);
	}
	for (const match of text.matchAll(BEFORE_NOUN)) {
		if (beforeNoun(context, match.index + match[0].length)) add(match.index, match[0]);
	}
	for (const match of text.matchAll(DEGREE_PARTICIPLE)) {
		if (flags.some((found) => found.start === match.index)) continue;
		if (isDegreeCompound(context, match)) add(match.index, match[0]);
	}
	for (const match of text.matchAll(ALL_COMPOUND)) {
		const start = match.index + match[1]!.length;
		const second = match[2]!.toLowerCase();
		if (isFunctionWord(second) || !context.speller.isKnown(second)) continue;
		if (beforeNoun(context, start + match[2]!.length + 4)) add(start, `all ${match[2]}`);
	}
	for (const match of text.matchAll(TYPE_COMPOUND)) {
		if (isTypeCompound(context, match)) add(match.index, match[0]);
	}
	// The words, not a regex over the whole text: "like" is common, a letter run before it is not rare.
	for (const like of context.words) {
		if (like.text !== 'like') continue;
		const first = context.previous(like);
		if (!first || !/^\p{Ll}{3,}$/u.test(first.text) || context.gapAfter(first) !== ' ') continue;
		if (
			/^[\p{L}'’-]/u.test(text[like.end] ?? '') ||
			/[\p{L}'’-]/u.test(text[first.start - 1] ?? '')
		)
			continue;
		if (flags.some((found) => found.start === first.start)) continue;
		if (isLikeCompound(context, first, like)) add(first.start, text.slice(first.start, like.end));
	}
	for (const match of text.matchAll(SELF_COMPOUND)) {
		if (flags.some((found) => found.start === match.index)) continue;
		if (isSelfCompound(context, match)) add(match.index, match[0]);
	}
	return flags;
};

/**
 * "an all female cast", "an all night vigil": "a" or "an" cannot take "all" as a quantity, so
 * "all" and the next word are one modifier of the noun after.
 */
const ALL_COMPOUND = /(?<![\p{L}-])(an? )all (\p{Ll}+)(?![\p{L}'’-])/giu;

/** "a documentary type show", "bachelor type meals": a noun and "type" before a noun. */
const TYPE_COMPOUND = /(?<![\p{L}'’-])\p{Ll}+ type(?![\p{L}'’-])/gu;

/**
 * "a documentary type show", "to farmer type farmers": "type" straight before a noun, with no
 * "of", is the second part of a modifier (a noun and "type" after a determiner or preposition:
 * "they type letters" has a subject before the verb).
 */
function isTypeCompound(context: TextContext, match: RegExpMatchArray): boolean {
	const first = context.wordFrom(match.index!);
	const before = first && context.previous(first);
	if (!first || !before || !(DETERMINERS.has(before.lower) || PREPOSITIONS.has(before.lower)))
		return false;
	const lower = first.lower;
	if (isFunctionWord(lower) || /(?:s|ly)$/.test(lower) || !context.speller.isKnown(lower))
		return false;
	// "a new type engine" is "a new type of engine": an adjective is no part of the compound.
	if (isGradable(context.speller, lower)) return false;
	return beforeNoun(context, match.index! + match[0].length);
}

/**
 * "a black, snake like object", "with cat like grace": a noun and "like" that the dictionary has
 * as one adjective ("snakelike", "catlike"), straight before a noun with no determiner of its
 * own, is that adjective, hyphenated: after a preposition (a bare singular noun there modifies
 * the next) or after another adjective and a comma. After a determiner the noun before "like"
 * is a phrase's head as often ("the air like cupped hands", "his mouth like pebbles").
 */
function isLikeCompound(context: TextContext, first: Word, like: Word): boolean {
	if (isFunctionWord(first.lower)) return false;
	const closed = `${first.lower}like`;
	if (!context.speller.isKnown(closed) && !context.lexicon?.hasWord(closed)) return false;
	const before = context.previous(first);
	const opens =
		(before !== undefined && PREPOSITIONS.has(before.lower)) ||
		/^,\s*$/.test(context.gapBefore(first));
	return opens && beforeNoun(context, like.end);
}

/** "self pitying", "self sufficient", "self respect": "self" before a word it makes one with. */
const SELF_COMPOUND = /(?<![\p{L}'’-])self \p{Ll}+(?![\p{L}'’-])/giu;
const SELF_SECONDS = /(?:ing|ed|ive|ent|ant|ous|ish|less|ful|able|ible|al|ness|ion|ment|ity)$/;
const SELF_NOUNS = new Set(
	'made taught respect control esteem pity doubt interest defense defence love image worth'.split(
		' '
	)
);
/** "his former self", "her true self": adjectives that make "self" the noun. */
const SELF_ADJECTIVES = new Set(
	'own former true old inner real other better whole younger older usual normal'.split(' ')
);

function isSelfCompound(context: TextContext, match: RegExpMatchArray): boolean {
	const second = match[0].toLowerCase().split(' ')[1]!;
	if (!context.speller.isKnown(second) || isFunctionWord(second)) return false;
	if (!SELF_SECONDS.test(second) && !SELF_NOUNS.has(second)) return false;
	const first = context.wordFrom(match.index!);
	const before = first && context.previous(first);
	return !before || !SELF_ADJECTIVES.has(before.lower);
}

/** Participles that are no simple past: "well bred", "well bound", "ill made". */
const OWN_PARTICIPLES = new Set(
	'bred fed bound built made read kept paid spent lit worn born grown known done'.split(' ')
);

/** "a half finished essay", "with well trained dogs", "an ill advised plan". */
const DEGREE_PARTICIPLE = /(?<![\p{L}-])(?:half|well|ill) \p{Ll}+(?![\p{L}'’-])/giu;

/**
 * "half", "well" or "ill" and a past participle, between a determiner or preposition and a noun,
 * make one modifier. The determiner keeps out verbs ("he half expected trouble").
 */
function isDegreeCompound(context: TextContext, match: RegExpMatchArray): boolean {
	const start = match.index!;
	const [degree, participle] = match[0].toLowerCase().split(' ') as [string, string];
	const first = context.wordFrom(start);
	const before = first && context.previous(first);
	if (!first || !before) return false;
	const opens =
		DETERMINERS.has(before.lower) || PREPOSITIONS.has(before.lower) || before.lower === 'another';
	if (!opens && !afterListedAdjective(context, first)) return false;
	const pastParticiple =
		isPastVerb(context.speller, participle) ||
		OWN_PARTICIPLES.has(participle) ||
		(participle.length > 4 && participle.endsWith('en') && context.speller.isKnown(participle));
	const end = start + match[0].length;
	return (
		degree !== participle &&
		pastParticiple &&
		(beforeNoun(context, end) || beforeName(context, end))
	);
}

/**
 * "her portly, well bred way": the degree word follows an adjective and a comma, which a
 * determiner opens: a second modifier of the same noun.
 */
function afterListedAdjective(context: TextContext, first: Word): boolean {
	if (context.gapBefore(first) !== ', ') return false;
	const adjective = context.previous(first);
	const determiner = adjective && context.previous(adjective);
	return (
		adjective !== undefined &&
		adjective.text === adjective.lower &&
		!isFunctionWord(adjective.lower) &&
		determiner !== undefined &&
		DETERMINERS.has(determiner.lower)
	);
}

/** "another well dressed American": a capitalised word mid-sentence after the modifier. */
function beforeName(context: TextContext, offset: number): boolean {
	const next = context.wordFrom(offset);
	if (!next || !/^ +$/.test(context.text.slice(offset, next.start))) return false;
	return /^\p{Lu}\p{Ll}+$/u.test(next.text) && context.isMidSentence(next);
}

/** True when a plain lower-case content word (a noun, most likely) starts at `offset` after spaces. */
export function beforeNoun(context: TextContext, offset: number): boolean {
	const next = context.wordFrom(offset);
	if (!next || !/^ +$/.test(context.text.slice(offset, next.start))) return false;
	return (
		next.text === next.lower &&
		!isFunctionWord(next.lower) &&
		!next.lower.endsWith('ly') &&
		context.speller.isKnown(next.lower)
	);
}
