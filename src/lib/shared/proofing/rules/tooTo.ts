import { isGradable, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { Speller } from '#shared/proofing/Speller';
import type { Flag } from '#shared/proofing/types';
import type { Word } from '#shared/proofing/tokenize';
import { matchCase } from '#shared/proofing/textShape';
import { DETERMINERS, OBJECT_PRONOUNS } from '#shared/proofing/words/functionWords';

/**
 * "talked too each other", "went into town too see him": "too" qualifies an adjective or an
 * adverb ("too late", "too fast"), so before an article, a possessive, an object pronoun or a
 * plain verb it is the preposition or the infinitive's "to", one letter longer.
 */
export const tooTo: Rule = (context) => {
	const { speller } = context;
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.lower !== 'too') continue;
		const next = context.next(word);
		if (!next) continue;
		const lower = next.lower;
		// "sent directly too Mrs. Meeker": a name mid-sentence is an object, "to" it.
		const named =
			/^\p{Lu}\p{Ll}/u.test(next.text) && next.text !== 'I' && context.isMidSentence(next);
		if (!named && next.text !== lower) continue;
		const nounPhrase =
			named ||
			REFLEXIVES.has(lower) ||
			((DETERMINERS.has(lower) || OBJECT_PRONOUNS.has(lower)) && !NOT_A_NOUN_PHRASE.has(lower));
		if (!nounPhrase && !isPlainVerb(speller, lower) && !isPluralNoun(speller, lower)) continue;
		flags.push(
			flag(
				'confusion',
				'confusion/too-to',
				word.start,
				word.end,
				`"too" means "also" or "overly": "to ${lower}"?`,
				[matchCase(word.text, 'to')]
			)
		);
	}
	return flags;
};

/**
 * "cut it too ribbons": the plural of a noun that is no verb ("ribbons", not "runs": "he too
 * runs" is right) is an object, which "too" cannot qualify.
 */
function isPluralNoun(speller: Speller, lower: string): boolean {
	if (!lower.endsWith('s') || lower.endsWith('ss')) return false;
	const singular = lower.slice(0, -1);
	return (speller.flagsOf(singular)?.includes('M') ?? false) && !isVerbLike(speller, singular);
}

/**
 * A verb's base form, also where the dictionary lists its -ing form as a word of its own
 * ("wrap" → "wrapping", "run" → "running").
 */
function isVerbLike(speller: Speller, lower: string): boolean {
	if (isVerbBase(speller, lower)) return true;
	const doubled = `${lower}${lower.at(-1)}`;
	return /[^aeiou][aeiou][bdgmnprt]$/.test(lower) && speller.isKnown(`${doubled}ing`);
}

/** "keep too himself": a reflexive is an object too. */
const REFLEXIVES = new Set(
	'myself yourself himself herself itself ourselves yourselves themselves'.split(' ')
);

/** "too much", "too many", "too little": quantities "too" qualifies. */
const NOT_A_NOUN_PHRASE = new Set(['much', 'many', 'few', 'little', 'some', 'no', 'that', 'this']);

/**
 * A verb's base form that is no adjective or adverb: "see", "go", "think" (not "close",
 * "late", "clean", which take -er or -ly, nor participles in -ed).
 */
function isPlainVerb(speller: Speller, lower: string): boolean {
	if (isPastVerb(speller, lower) || lower.endsWith('ed')) return false;
	if (!isVerbLike(speller, lower)) return false;
	if (lower === 'well') return false; // "too well"
	const stem = lower.replace(/y$/, 'i'); // "steady" → "steadier", "steadily"
	const known = (form: string) => speller.isKnown(form);
	// Compared ("later" and "latest", not "seer") or made an adverb ("cleanly", "steadily").
	const compared = [lower, stem].some(
		(base) =>
			(known(`${base}er`) && known(`${base}est`)) || (known(`${base}r`) && known(`${base}st`))
	);
	return !compared && !known(`${lower}ly`) && !known(`${stem}ly`);
}

/**
 * "doing it, to, sitting there", "a limit to sharing, to.": "to" alone between a comma and the
 * clause's end has no object or verb after it, as the preposition and the infinitive's "to"
 * must: it is the adverb "too" ("also").
 */
export const toToo: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.lower !== 'to') continue;
		const too = (message: string) =>
			flag('confusion', 'confusion/to-too', word.start, word.end, message, [
				matchCase(word.text, 'too')
			]);
		if (overlyBeforeInfinitive(context, word)) {
			flags.push(too('"too" (overly) before an adjective and its infinitive?'));
			continue;
		}
		if (!/,[ \t]*$/.test(context.gapBefore(word))) continue;
		if (!/^[ \t]*[.,!?;:]/.test(context.gapAfter(word))) continue;
		flags.push(too('"to" with nothing after it: "too" (also)?'));
	}
	return flags;
};

/**
 * "a ditch to broad to leap", "to heavy for him to lift": "to" before an adjective of degree
 * that an infinitive or "for" and its person follows is "too" ("too broad to leap"): the
 * preposition takes a noun phrase, the infinitive's "to" a verb, and neither an adjective alone.
 * Not after "from" ("from bad to worse"), where "to" ends a range.
 */
function overlyBeforeInfinitive(context: Parameters<Rule>[0], word: Word): boolean {
	const { speller } = context;
	const adjective = context.next(word);
	if (!adjective || adjective.text !== adjective.lower) return false;
	if (!isGradable(speller, adjective.lower) || isVerbLike(speller, adjective.lower)) return false;
	const link = context.next(adjective);
	const after = link && context.next(link);
	if (!link || !after || after.text !== after.lower) return false;
	const infinitive = link.lower === 'to' && isPlainVerb(speller, after.lower);
	const person =
		link.lower === 'for' && (OBJECT_PRONOUNS.has(after.lower) || DETERMINERS.has(after.lower));
	if (!infinitive && !person) return false;
	for (
		let back = context.previous(word), steps = 0;
		back && steps < 4;
		back = context.previous(back), steps++
	)
		if (back.lower === 'from') return false;
	return true;
}
