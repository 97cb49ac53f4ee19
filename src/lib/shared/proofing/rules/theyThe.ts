import { isNoun, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';
import { isFunctionWord } from '#shared/proofing/words/functionWords';

/**
 * "put they shells", "to they bedroom": "they" is a subject, so a verb (or an adverb before one)
 * follows it; a word that can only be a noun or an adjective means the article was meant, one
 * slip away. The dictionary's affix flags say what a word can be, and a word that takes verb
 * endings at all ("they cover", "they ran", "they sand") is never flagged: many nouns are verbs
 * too ("horse", "sky"), so this finds about half the slips, but rarely a sentence that is right.
 */
export const theyThe: Rule = (context) => {
	const { speller } = context;
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.lower !== 'they' || (word.text !== 'they' && !context.isSentenceStart(word))) continue;
		const next = context.next(word);
		if (!next || next.text !== next.lower || !speller.isKnown(next.lower)) continue;
		const lower = next.lower;
		if (isFunctionWord(lower) || FLOATING.has(lower) || /(?:ly|ing|ed)$/.test(lower)) continue;
		if (isVerb(speller, lower) || isPastVerb(speller, lower)) continue;
		// "they covers" stays: a verb in -s does not follow "they", so it is the noun.
		if (!isNoun(speller, lower) && !isAdjective(speller, lower)) continue;
		flags.push(
			flag(
				'confusion',
				'confusion/they-the',
				word.start,
				word.end,
				`"${lower}" is no verb: "the ${lower}"?`,
				[matchCase(word.text, 'the')]
			)
		);
	}
	return flags;
};

/** Words that float after a subject: "they all laughed", "they both knew". */
const FLOATING = new Set(['all', 'both', 'each', 'alone', 'together', 'themselves', 'sure']);

/** A verb's base form: flagged as one, or with -ed / -ing forms ("drop" → "dropped"). */
function isVerb(speller: Parameters<Rule>[0]['speller'], lower: string): boolean {
	if (isVerbBase(speller, lower)) return true;
	const doubled = lower + lower.at(-1);
	const bare = lower.replace(/e$/, '');
	return [`${lower}ed`, `${doubled}ed`, `${bare}ed`, `${lower}ing`, `${doubled}ing`, `${bare}ing`]
		.filter((form) => form !== lower)
		.some((form) => speller.isKnown(form));
}

/** Takes comparison endings ("mad", "madder") or makes an adverb in -ly ("idiotic"). */
const isAdjective = (speller: Parameters<Rule>[0]['speller'], lower: string): boolean =>
	speller.isKnown(`${lower}ly`) || speller.isKnown(`${lower}er`) || speller.isKnown(`${lower}ally`);
