import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { isInterjection } from '#shared/proofing/words/informal';

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
