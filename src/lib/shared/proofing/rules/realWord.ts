import { contextTokens, SENTENCE_START } from '#shared/proofing/contextTokens';
import { flag, type Rule } from '#shared/proofing/Rule';
import { matchCase } from '#shared/proofing/textShape';
import { isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { MODALS } from '#shared/proofing/words/functionWords';
import { editDistance } from '#shared/proofing/editDistance';
import type { Flag } from '#shared/proofing/types';

/**
 * How much more likely (natural log of the ratio) the other word must be in its context, and
 * how often it must have been seen beside each neighbour (one sighting in a million words is
 * noise). Tuned on the corpus development half only: with the derived confusion sets, 89 % of
 * such flags there were right.
 */
export const MARGIN = 2;
const MIN_EVIDENCE = 5;

/**
 * The commonest short words, whose slips ("know" for "no", "now" for "not", "is" for "as")
 * are common words too: the written word is nearly always seen beside one neighbour, so for
 * these the test is the score alone, with a wider margin, and the other word must be one of them.
 * Chosen on the corpus development half: the/they, then/than, were/where and here/there were
 * tried too and left out, their flags there were wrong one time in two.
 */
const FREQUENT = new Set(
	(
		'know no now not is as hear our hour write right though thought through form from ' +
		'went want'
	).split(' ')
);
const FREQUENT_MARGIN = 5;

/**
 * "command or weather", "logic or common sense": a coordinator joins two words of a kind, so
 * its pairs with a rare noun say nothing; "of" won there on unseen pairs, wrongly, every time
 * on the corpus development half.
 */
const COORDINATORS = new Set(['or', 'nor']);

/**
 * "the way she walked" → "he", "would she mind" → "the": a personal pronoun's neighbours say
 * nothing of which person is meant; every such flag on the development half was wrong.
 */
const PERSONAL = new Set(['she', 'he', 'her', 'him', 'them', 'me', 'we']);

const SUBJECTS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they', 'there']);

const ENDS_SENTENCE = new Set(['.', '?', '!', SENTENCE_START]);

/**
 * Real-word errors: a word of a confusion set ("their" / "there", "peace" / "piece") flagged when
 * the corpus bigrams make another word of its set far more likely between the same two
 * neighbours. Needs the checker's lexicon; without one it finds nothing.
 */
export const realWord: Rule = (context) => {
	const { lexicon } = context;
	if (!lexicon) return [];
	const flags: Flag[] = [];
	const tokens = contextTokens(context.text);
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i]!;
		if (!token.word) continue;
		const alternatives = lexicon.alternatives(token.key);
		if (!alternatives || COORDINATORS.has(token.key) || PERSONAL.has(token.key)) continue;
		const before = tokens[i - 1]?.key ?? SENTENCE_START;
		const previous = ENDS_SENTENCE.has(before) ? SENTENCE_START : before;
		const next = tokens[i + 1]?.key ?? '.';
		// The written word seen beside either neighbour stands (flagging where it was seen beside
		// one neighbour was right one time in two); most words are, so this test comes first.
		const seen =
			lexicon.pairCount(previous, token.key) > 0 || lexicon.pairCount(token.key, next) > 0;
		// A clause's last word has only one real neighbour ("He did now."): too little to go on.
		const frequent = FREQUENT.has(token.key) && /^[\p{L}']/u.test(next);
		if (seen && !frequent) continue;

		const raw = context.text.slice(token.start, token.end);
		// A capital inside the word, or a capitalised word mid-sentence: a name or a title.
		if (/\p{Lu}/u.test(raw.slice(1))) continue;
		if (/^\p{Lu}/u.test(raw) && previous !== SENTENCE_START && before !== '"' && raw !== 'I')
			continue;
		// "how long is he going", "is she supposed": a question puts "is" before its subject.
		if (token.key === 'is' && SUBJECTS.has(next)) continue;
		// "if left to myself", "if asked": a condition cut short before its participle.
		if (token.key === 'if' && isPastVerb(context.speller, next)) continue;
		const margin = seen ? FREQUENT_MARGIN : MARGIN;
		const score = (word: string) => lexicon.logNext(previous, word) + lexicon.logNext(word, next);
		let best: string | undefined;
		let bestScore = -Infinity;
		for (const other of alternatives) {
			// The other word must have been seen beside both neighbours, more than by chance.
			if (
				lexicon.pairCount(previous, other) < MIN_EVIDENCE ||
				lexicon.pairCount(other, next) < MIN_EVIDENCE
			)
				continue;
			const candidate = score(other);
			if (candidate > bestScore) {
				best = other;
				bestScore = candidate;
			}
		}
		if (!best || bestScore - score(token.key) < margin) continue;
		if (seen && !FREQUENT.has(best)) continue;
		// A typo of two letters in a long word ("thought" / "through") is rarer than one of one
		// (homophones are another matter): a seen word after a comma has only one word beside it
		// to go on ("He sat down, thought a while").
		if (seen && previous === ',' && token.key.length >= 6 && editDistance(token.key, best) > 1)
			continue;
		// "would live a rich life" → "like": a modal's plain verb stands against another plain
		// verb, whatever the bigrams prefer ("would know longer" → "no" is still a slip).
		const { speller } = context;
		if (MODALS.has(previous) && isVerbBase(speller, token.key) && isVerbBase(speller, best))
			continue;
		flags.push(
			flag(
				'confusion',
				'confusion/corpus',
				token.start,
				token.end,
				`"${best}" is far more usual here than "${token.key}".`,
				[matchCase(raw, best)],
				'possible'
			)
		);
	}
	return flags;
};
