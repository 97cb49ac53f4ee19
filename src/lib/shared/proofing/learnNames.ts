import type { TextContext } from '#shared/proofing/TextContext';
import { isCapitalized, stripPossessive } from '#shared/proofing/textShape';
import { ownEntry } from '#shared/proofing/ownEntry';
import { BARE_CONTRACTIONS } from '#shared/proofing/words/contractions';
import { isFunctionWord } from '#shared/proofing/words/functionWords';

const isBareContractionOfI = (lower: string): boolean =>
	lower === 'id' || lower === 'ill' || !!ownEntry(BARE_CONTRACTIONS, lower)?.startsWith("I'");

/**
 * Names the text teaches by itself: a capitalised word the dictionary does not know in lowercase
 * that appears mid-sentence ("…hugged Xander") or more than once, and a common word that is
 * capitalised mid-sentence again and again and never written in lowercase ("Willow", "Dawn").
 * Returns lowercased names.
 */
export function learnNames(
	context: TextContext,
	known: ReadonlySet<string> = new Set()
): Set<string> {
	const midSentence = new Map<string, number>();
	const anywhere = new Map<string, number>();
	const lowercase = new Set<string>();
	for (const word of context.words) {
		const base = stripPossessive(word.text);
		if (base.length < 2) continue;
		const lower = base.toLowerCase();
		if (!isCapitalized(base)) {
			if (base === lower) lowercase.add(lower);
			continue;
		}
		// "Im", "Ive", "Id": "I'm" without its apostrophe is capitalised everywhere, like "I".
		if (isBareContractionOfI(lower) && !known.has(lower)) continue;
		anywhere.set(lower, (anywhere.get(lower) ?? 0) + 1);
		// "But-But" and "T-Tara" repeat a capital after a hyphen: no evidence of a name.
		if (context.isMidSentence(word) && context.text[word.start - 1] !== '-') {
			midSentence.set(lower, (midSentence.get(lower) ?? 0) + 1);
		}
	}
	const names = new Set<string>(known);
	for (const [lower, count] of anywhere) {
		const middle = midSentence.get(lower) ?? 0;
		const common = context.speller.isKnownLowercase(lower);
		// "Thats why", "Thats all": a bare contraction starts sentences again and again, as
		// "That's" does; only capitals mid-sentence make it a name.
		const contracted = ownEntry(BARE_CONTRACTIONS, lower) !== undefined;
		if (!common && (middle >= 1 || (count >= 2 && !contracted))) names.add(lower);
		else if (common && middle >= 2 && !lowercase.has(lower) && !isFunctionWord(lower)) {
			names.add(lower);
		}
	}
	// "Faiths" beside "Faith" is a possessive missing its apostrophe, not a second name.
	for (const name of names) {
		const stem = name.slice(0, -1);
		const outnumbered = (anywhere.get(stem) ?? 0) > (anywhere.get(name) ?? 0);
		if (
			name.endsWith('s') &&
			names.has(stem) &&
			!known.has(name) &&
			(known.has(stem) || outnumbered)
		) {
			names.delete(name);
		}
	}
	return names;
}
