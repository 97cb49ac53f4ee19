import { isGradable, isNoun, isPastVerb } from '#shared/proofing/morphology';
import { beforeNoun } from '#shared/proofing/rules/hyphen';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { DETERMINERS, isFunctionWord, PREPOSITIONS } from '#shared/proofing/words/functionWords';

/** Past participles that are no "-ed" form: "black clad", "iron shod", "fine drawn". */
const IRREGULAR_PARTICIPLES = new Set(
	'clad shod drawn grown blown sewn sown worn torn born bred fed built made bound spun wrought'.split(
		' '
	)
);

/** First parts that are adverbs of degree: the hyphen rule decides "well", "half", "ill". */
const DEGREE = new Set(['well', 'half', 'ill', 'much', 'very', 'so', 'too', 'more', 'most']);

/**
 * "into the shark infested waters", "for a combat inflicted wound", "of moon drenched road": a
 * noun or adjective and a past participle, inside a prepositional phrase and before its noun,
 * make one modifier and take a hyphen. The preposition keeps out clauses ("the dog chased cats"
 * at a sentence's start has a subject and its verb); the noun after keeps out "with the door
 * closed." Possible, not likely: some writers and house styles leave such modifiers open.
 */
export const participleModifier: Rule = (context) => {
	const flags: Flag[] = [];
	const { speller } = context;
	for (const word of context.words) {
		if (!PREPOSITIONS.has(word.lower) || word.text !== word.lower) continue;
		let first = context.next(word);
		if (first && DETERMINERS.has(first.lower)) first = context.next(first);
		const participle = first && context.next(first);
		if (!first || !participle) continue;
		const lower = participle.lower;
		// The cheap test first: most words after a preposition's noun are no participle.
		if (!lower.endsWith('ed') && !IRREGULAR_PARTICIPLES.has(lower)) continue;
		if (!isModifierPart(context, first)) continue;
		if (participle.text !== lower || lower === first.lower) continue;
		// An -ed form or a participle of its own: "was", "came" are pasts, the next clause's verb.
		const past = lower.endsWith('ed') && isPastVerb(speller, lower);
		if (!past && !IRREGULAR_PARTICIPLES.has(lower)) continue;
		if (!beforeNoun(context, participle.end) || !nounFollows(context, participle)) continue;
		const text = context.text.slice(first.start, participle.end);
		if (!/^\p{L}+ \p{L}+$/u.test(text)) continue;
		const joined = text.replace(' ', '-');
		flags.push(
			flag(
				'hyphen',
				'hyphen/participle',
				first.start,
				participle.end,
				`Hyphenate "${joined}" before the noun it describes.`,
				[joined],
				'possible'
			)
		);
	}
	return flags;
};

/**
 * A plain noun: lower-case, known, no function word, adverb, adjective or verb form. An adjective
 * first ("old spavined mare", "three bronzed girls") is two modifiers side by side, no compound.
 */
function isModifierPart(context: TextContext, word: Word): boolean {
	const lower = word.lower;
	const { speller } = context;
	if (word.text !== lower || isFunctionWord(lower) || DEGREE.has(lower)) return false;
	if (/(?:ly|ing|ed|s)$/.test(lower) || !speller.isKnown(lower)) return false;
	if (isPastVerb(speller, lower) || isGradable(speller, lower) || NUMBERS.test(lower)) return false;
	return isNoun(speller, lower);
}

const NUMBERS =
	/^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|own|other|same)$/;

/** The word after the participle is a noun ("waters", "wound"), not an adverb or a verb form. */
function nounFollows(context: TextContext, participle: Word): boolean {
	const noun = context.next(participle);
	if (!noun || /(?:ly|ed|ing)$/.test(noun.lower)) return false;
	return isNoun(context.speller, noun.lower) || context.speller.isKnown(`${noun.lower}s`);
}
