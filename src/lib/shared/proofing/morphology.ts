import type { Speller } from '#shared/proofing/Speller';

/*
 * Word classes read from the Hunspell affix flags of dictionary-en / dictionary-en-gb (both built
 * from SCOWL with the same flags): T (superlative -est) marks gradable adjectives, D (-ed) verbs,
 * M (possessive 's) nouns. Rough, but enough to tell "happier then" from "corner then".
 */

const IRREGULAR_COMPARATIVES = new Set([
	'more',
	'less',
	'rather',
	'other',
	'better',
	'worse',
	'fewer',
	'further',
	'farther',
	'lesser',
	'bigger',
	'hotter',
	'fatter',
	'thinner',
	'sadder',
	'madder',
	'redder',
	'wetter',
	'fitter',
	'flatter',
	'dimmer',
	'slimmer',
	'grimmer'
]);

const hasFlag = (speller: Speller, stem: string, flag: string): boolean =>
	speller.flagsOf(stem)?.includes(flag) ?? false;

/** "happier", "faster", "later", "more": a comparative that "than" should follow. */
export function isComparative(speller: Speller, lower: string): boolean {
	if (IRREGULAR_COMPARATIVES.has(lower)) return true;
	if (!lower.endsWith('er') || lower.length < 4) return false;
	const stems = [lower.slice(0, -2), lower.slice(0, -1)];
	if (lower.endsWith('ier')) stems.push(`${lower.slice(0, -3)}y`);
	return stems.some((stem) => stem.length > 1 && hasFlag(speller, stem, 'T'));
}

/** An adjective with degrees ("fine", "cold", "happy"). */
export const isGradable = (speller: Speller, lower: string): boolean =>
	hasFlag(speller, lower, 'T');

/** An adjective or adverb that "more" can grade ("careful", "quickly", "cold"). */
export const isGradableByMore = (speller: Speller, lower: string): boolean =>
	isGradable(speller, lower) ||
	hasFlag(speller, lower, 'Y') ||
	/(?:ly|ful|ous|ive|able|ible|ent|ant|ic|al|less|ish)$/.test(lower);

const IRREGULAR_PAST = new Set(
	(
		'was were had did grew fell came went got took made became began broke caught drew froze gave ' +
		'held hit hung kept knew left lit lost met ran rose sank saw shook shone shot slid spread ' +
		'stood stuck swung threw tore woke wore won felt found heard meant sat said told thought ' +
		'brought bought fought taught sought slept swept wept led fled bled fed sped spun split shut ' +
		'burst cast cut let put quit set shed struck sprang sang rang drank sank swam flew blew ' +
		'grew knew drove rode rose wrote spoke stole chose froze seemed looked ' +
		'sold dealt spent lent sent built paid laid bore swore bit hid spat ate dug clung flung ' +
		'stung slung wrung crept leapt knelt dwelt'
	).split(' ')
);

/** A verb in the simple past ("grew", "widened", "faded"). */
export function isPastVerb(speller: Speller, lower: string): boolean {
	if (IRREGULAR_PAST.has(lower)) return true;
	if (!lower.endsWith('ed') || lower.length < 4) return false;
	const stems = [lower.slice(0, -2), lower.slice(0, -1)];
	if (lower.endsWith('ied')) stems.push(`${lower.slice(0, -3)}y`);
	if (lower.at(-3) === lower.at(-4)) stems.push(lower.slice(0, -3));
	return stems.some((stem) => hasFlag(speller, stem, 'D'));
}

/** Can be a noun: the dictionary gives it a possessive form ("smile", "eyes" → eye). */
export function isNoun(speller: Speller, lower: string): boolean {
	if (hasFlag(speller, lower, 'M')) return true;
	return lower.endsWith('s') && hasFlag(speller, lower.slice(0, -1), 'M');
}

const IRREGULAR_BASE = new Set(
	(
		'be go do have see get make take come give find tell say know think eat leave run sleep ' +
		'keep buy bring fight teach catch feel meet send spend stand understand win lose hold ' +
		'sit speak write ride drive fly swim sing drink begin forget forgive hide shake wake wear'
	).split(' ')
);

/** A verb's base form ("smile", "lead", "go"). */
export const isVerbBase = (speller: Speller, lower: string): boolean =>
	IRREGULAR_BASE.has(lower) || hasFlag(speller, lower, 'D') || hasFlag(speller, lower, 'G');
