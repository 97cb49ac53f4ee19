import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { isInterjection } from '#shared/proofing/words/informal';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import { isPastVerb } from '#shared/proofing/morphology';
import {
	CONJUNCTIONS,
	DETERMINERS,
	OBJECT_PRONOUNS,
	PREPOSITIONS
} from '#shared/proofing/words/functionWords';

/**
 * Repeated on purpose: "had had", "that that", "no no", "very very", "bye bye", "there there",
 * and anything a speaker says twice for effect.
 */
const DELIBERATE = new Set(
	(
		'had that is no so very really ha hah he now there tut knock chop yes yeah well boo go come ' +
		'oh ah far more please hey okay ok many long blah la bla bang beep wait stop help sorry bye ' +
		'hush run faster again never what why who how night baby quick hurry tick tock ding dong ' +
		'round away bad big little sweet hot cold oops yay yum pretty ever bye-bye kiss knock' +
		' do dum da pew hip'
	).split(' ')
);

/** "back back", "the the": the same word twice in a row within a sentence. */
export const repetition: Rule = (context) => {
	const flags: Flag[] = [];
	const { words, text } = context;
	for (let i = 1; i < words.length; i++) {
		const first = words[i - 1]!;
		const second = words[i]!;
		if (
			first.lower !== second.lower ||
			!/^ ?\n? ?$|^ +$/.test(text.slice(first.end, second.start))
		) {
			continue;
		}
		if (first.start === second.start || text.slice(first.end, second.start) === '') continue;
		if (DELIBERATE.has(first.lower) || context.isName(first.lower)) continue;
		if (isInterjection(first.text, (word) => context.speller.isKnown(word))) continue;
		if (hesitation(context, first, second) || particleThenPreposition(context, first)) continue;
		// A third time ("no no no", "down down down") is rhetoric, not a slip.
		if (words[i + 1]?.lower === first.lower || words[i - 2]?.lower === first.lower) continue;
		flags.push(
			flag('repetition', 'repetition/word', first.start, second.end, `"${first.text}" twice.`, [
				first.text
			])
		);
	}
	return flags;
};

/**
 * "Perhaps perhaps there is", "They'll they'll think": a speaker starting a sentence over says
 * its first word again, capitalised then not. An article, a preposition or a conjunction said
 * twice ("The the end") is still a slip.
 */
function hesitation(context: TextContext, first: Word, second: Word): boolean {
	if (!context.isSentenceStart(first) || !/^\p{Lu}/u.test(first.text)) return false;
	if (second.text !== second.lower) return false;
	const lower = first.lower;
	return !DETERMINERS.has(lower) && !PREPOSITIONS.has(lower) && !CONJUNCTIONS.has(lower);
}

/** Particles that are prepositions too ("let us in", "in the dark"). */
const PARTICLES = new Set('in on up down out over off through around by'.split(' '));

/**
 * "Pops let us in in the dark", "he came on on the hour": a verb's particle, then the same word
 * opening a prepositional phrase. After an object pronoun or a past the first is the particle.
 */
function particleThenPreposition(context: TextContext, first: Word): boolean {
	if (!PARTICLES.has(first.lower)) return false;
	const before = context.previous(first);
	if (!before) return false;
	return (
		(OBJECT_PRONOUNS.has(before.lower) && before.lower !== 'her') ||
		(isPastVerb(context.speller, before.lower) && !/^(?:was|were|had|did)$/.test(before.lower))
	);
}
