import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';

/**
 * Determiners that cannot follow the number "one" ("one the way", "one his desk"), while "one
 * that", "one another", "one day" can: after "one" they mean "on" was meant.
 */
const ARTICLES_AND_POSSESSIVES = new Set([
	'the',
	'a',
	'an',
	'his',
	'her',
	'its',
	'my',
	'your',
	'their',
	'our',
	'some',
	// "leveled one it": "it" after the number is a pronoun's object, which "one" takes not.
	'it'
]);

/** "no one the police questioned", "the one the others chose", "one by one the": "one" the pronoun. */
const PRONOUN_ONE = new Set([
	'no',
	'what',
	'another',
	'the',
	'any',
	'every',
	'each',
	'some',
	'that',
	'this',
	'which',
	'by'
]);

/** Words that cannot follow the article "an" but follow "and" ("an it took", "an a squirt"). */
const NOT_AFTER_AN = new Set([
	'the',
	'a',
	'an',
	'his',
	'my',
	'your',
	'their',
	'our',
	'it',
	'he',
	'she',
	'they',
	'we',
	'you'
]);

/**
 * "one the way to Lublin" → "on", "calm an adamant" before a word "an" cannot take → "and": the
 * small words one letter apart, told apart by the word after them.
 */
export const oneOn: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.lower !== 'one' && word.lower !== 'an') continue;
		const after = context.next(word);
		if (!after || after.text !== after.lower) continue;
		let fix: string | undefined;
		if (
			word.lower === 'one' &&
			ARTICLES_AND_POSSESSIVES.has(after.lower) &&
			!PRONOUN_ONE.has(context.previous(word)?.lower ?? '')
		)
			fix = 'on';
		else if (word.lower === 'an' && NOT_AFTER_AN.has(after.lower)) fix = 'and';
		if (!fix) continue;
		flags.push(
			flag(
				'confusion',
				`confusion/${word.lower}-${fix}`,
				word.start,
				word.end,
				`"${word.lower} ${after.lower}": "${fix} ${after.lower}"?`,
				[matchCase(word.text, fix)]
			)
		);
	}
	return flags;
};
