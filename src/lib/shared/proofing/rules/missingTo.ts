import type { Lexicon } from '#shared/proofing/Lexicon';
import { isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { DETERMINERS, isFunctionWord } from '#shared/proofing/words/functionWords';

/**
 * Verbs and adjectives that take "to" before a plain verb ("wants to pay", "had to settle", "was
 * able to go") and never the plain verb alone: "have" and "had" take a participle, so "have
 * settle" lacks a "to" as much as "wanted leave" does.
 */
const TAKES_TO = new Set(
	(
		'try tries tried ought able unable going decided ' +
		'refused managed hoped began begins started have has had ' +
		'want wants wanted seem seems seemed appear appears appeared expect expects expected ' +
		'intend intends intended plan plans planned agree agreed promised learn learned ' +
		'forget forgot remembered pretend pretended offered continue continued attempt ' +
		'attempted fail fails failed threatened deserve deserved afford enough eager anxious ' +
		'ready willing afraid determined wish wished asked like liked love loved hate hated ' +
		'prefer preferred'
	).split(' ')
);

/**
 * Plain verbs whose participle is the same word ("have come", "had put"): after "have" they are
 * right as they stand.
 */
const SAME_PARTICIPLE = new Set(
	(
		'come become overcome run put cut set hit let read shut spread hurt cost burst quit bet ' +
		'beat cast thrust split upset rid'
	).split(' ')
);

/**
 * A word the corpus has after "to" far more often than after "the" or "a": a verb ("settle",
 * "go"), not a noun or adjective that a verb could take as it stands ("had flower gardens",
 * "have complete facilities", "had long since").
 */
function mostlyAVerb(lexicon: Lexicon, lower: string): boolean {
	const asVerb = lexicon.pairCount('to', lower);
	const asNoun = lexicon.pairCount('the', lower) + lexicon.pairCount('a', lower);
	return asVerb >= MIN_AFTER_TO && asVerb >= VERB_RATIO * asNoun;
}

const MIN_AFTER_TO = 3;
const VERB_RATIO = 3;

/**
 * "She wants pay you a visit", "they had settle it", "he was able go": a verb that takes "to"
 * straight before a plain verb that is seldom a noun (a noun would be its object: "needed help",
 * "have dinner") and is no participle. Written from the kinds of the corpus development half's
 * dropped-word misses, where "to" was the second commonest word dropped.
 */
export const missingTo: Rule = (context) => {
	const flags: Flag[] = [];
	const { speller, lexicon } = context;
	if (!lexicon) return [];
	for (const word of context.words) {
		const next = context.next(word);
		// "The play was be a benefit", "he used be": "be" after a form of "be" or a word that
		// takes "to" is "to be" with its "to" dropped.
		if (next?.text === 'be' && BEFORE_TO_BE.has(word.lower) && /^ $/.test(context.gapAfter(word))) {
			flags.push(missingToFlag(word, next));
			continue;
		}
		if (!TAKES_TO.has(word.lower)) continue;
		if (!next || next.text !== next.lower || isFunctionWord(next.lower)) continue;
		if (!/^ $/.test(context.gapAfter(word))) continue;
		// "the plan lay in", "his wish came": a noun, the subject of the verb after it.
		const before = context.previous(word);
		if (before && DETERMINERS.has(before.lower)) continue;
		if (!isVerbBase(speller, next.lower) || next.lower.endsWith('ly')) continue;
		if (isPastVerb(speller, next.lower) || SAME_PARTICIPLE.has(next.lower)) continue;
		if (!mostlyAVerb(lexicon, next.lower)) continue;
		// "had hold of it", "have need of": the word is a noun there.
		if (context.next(next)?.lower === 'of') continue;
		flags.push(missingToFlag(word, next));
	}
	return flags;
};

/** Words "be" follows only with "to" between ("was to be", "used to be", "going to be"). */
const BEFORE_TO_BE = new Set(
	'was were is are am used going supposed ought able unable about'.split(' ')
);

const missingToFlag = (
	word: { text: string; start: number },
	next: { text: string; end: number }
) =>
	flag(
		'grammar',
		'grammar/missing-word',
		word.start,
		next.end,
		`"${word.text} to ${next.text}"?`,
		[`${word.text} to ${next.text}`],
		'possible'
	);
