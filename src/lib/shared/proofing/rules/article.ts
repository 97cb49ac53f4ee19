import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { isAllCaps, isCapitalized, matchCase } from '#shared/proofing/textShape';
import { isInterjection } from '#shared/proofing/words/informal';

/** Vowel letters that sound like a consonant: "a one", "a unicorn", "a European", "a user". */
const CONSONANT_SOUND =
	/^(?:one(?!r)|once|eu|ewe|uni(?![mnd]|ll)|unan|usu|use|usa|uti|ute|uto|ura|ure|uri|uro|uku|ubiq|ufo|ouija)/;
/** Consonant letters that are silent: "an hour", "an honest", "an heir". */
const VOWEL_SOUND = /^(?:hour|honest|honor|honour|heir|hors\b)/;
/** Letters whose names start with a vowel sound ("an FBI agent", "an MRI"). */
const VOWEL_LETTER_NAMES = 'AEFHILMNORSX';

/** a/an by the sound of the next word. */
export const article: Rule = (context) => {
	const flags: Flag[] = [];
	const { text } = context;
	for (const word of context.words) {
		if (word.lower !== 'a' && word.lower !== 'an') continue;
		// "Plan A", "T-a-a", "a.m.": a letter, not an article.
		if (word.text === 'A' && !context.isSentenceStart(word) && !context.afterOpener(word)) continue;
		if (/[-.]/.test(text[word.end] ?? '') || /[-.]/.test(text[word.start - 1] ?? '')) continue;
		const next = context.next(word);
		if (!next || next.text.length < 2 || /\p{N}/u.test(next.text)) continue;
		if (isInterjection(next.text, (candidate) => context.speller.isKnown(candidate))) continue;
		const wantsAn =
			isAllCaps(next.text) && next.text.length <= 5
				? VOWEL_LETTER_NAMES.includes(next.text[0]!)
				: startsWithVowelSound(next.lower);
		if (wantsAn === null || wantsAn === (word.lower === 'an')) continue;
		const right = matchCase(word.text, wantsAn ? 'an' : 'a');
		flags.push(
			flag('article', 'article/a-an', word.start, word.end, `"${right} ${next.text}".`, [right])
		);
	}
	flags.push(...articleBeforePossessive(context));
	return flags;
};

function startsWithVowelSound(lower: string): boolean | null {
	if (VOWEL_SOUND.test(lower)) return true;
	if (/^h(?:erb|istoric)/.test(lower)) return null; // both are in use
	if (CONSONANT_SOUND.test(lower)) return false;
	return /^[aeiou]/.test(lower);
}

/** "a Buffy's hair": an article cannot stand before a name's possessive; "and"/"as" was meant. */
const articleBeforePossessive: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.text !== 'a') continue;
		const next = context.next(word);
		if (!next || !/['’]s$/.test(next.text) || !isCapitalized(next.text)) continue;
		if (!context.isName(next.text.slice(0, -2))) continue;
		flags.push(
			flag('grammar', 'grammar/article-before-name', word.start, word.end, `"a ${next.text}"?`, [
				'and',
				'as',
				'at'
			])
		);
	}
	return flags;
};
