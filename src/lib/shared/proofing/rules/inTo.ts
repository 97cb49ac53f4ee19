import { flag, type Rule } from '#shared/proofing/Rule';
import { matchCase } from '#shared/proofing/textShape';
import type { Flag } from '#shared/proofing/types';
import {
	DETERMINERS,
	OBJECT_PRONOUNS,
	POSSESSIVE_DETERMINERS
} from '#shared/proofing/words/functionWords';

/**
 * Verbs whose particle is "in" and whose "to" starts what follows: "gave in to the pressure",
 * "turned him in to the police", "logged in to the site". Any form of them within two words
 * before keeps "in to" apart.
 */
const IN_VERBS =
	/^(?:give|gives|gave|given|giving|cave|caves|caved|caving|turn|turns|turned|turning|hand|hands|handed|handing|log|logs|logged|logging|sign|signs|signed|signing|check|checks|checked|checking|tune|tunes|tuned|tuning|buy|buys|bought|buying|send|sends|sent|sending|call|calls|called|calling|listen|listens|listened|listening|move|moves|moved|moving)$/;

const REFLEXIVES = new Set(
	'myself yourself himself herself itself ourselves themselves yourselves'.split(' ')
);

/**
 * "walked in to the room", "bumped in to a door": "in to" before a noun phrase is the
 * preposition "into", unless a verb whose particle is "in" comes just before ("gave in to the
 * crowd"). Before a plain verb "to" is the infinitive's ("came in to see") and is left alone.
 */
export const inTo: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		if (word.lower !== 'in') continue;
		const to = context.next(word);
		const object = to && context.next(to);
		if (to?.text !== 'to' || !object || context.gapAfter(word) !== ' ') continue;
		const lower = object.lower;
		const nounPhrase =
			DETERMINERS.has(lower) ||
			POSSESSIVE_DETERMINERS.has(lower) ||
			(OBJECT_PRONOUNS.has(lower) && lower !== 'you' && lower !== 'it' && lower !== 'her') ||
			REFLEXIVES.has(lower);
		if (!nounPhrase) continue;
		const before = context.previous(word);
		const before2 = before && context.previous(before);
		if ([before, before2].some((verb) => verb && IN_VERBS.test(verb.lower))) continue;
		const fixed = matchCase(word.text, 'into');
		flags.push(
			flag(
				'confusion',
				'confusion/in-to',
				word.start,
				to.end,
				`"${fixed}": one word for movement toward the inside.`,
				[fixed]
			)
		);
	}
	return flags;
};
