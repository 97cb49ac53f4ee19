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
		if (word.text !== word.lower) continue;
		const preposition = PREPOSITIONS.has(word.lower);
		// Also a determiner after a verb's object slot or a particle ("scratched his mosquito
		// plagued neck", "tore away the blood soaked parts"), or an adjective and a comma ("a
		// small, neon lighted restaurant"): places no clause starts.
		if (!preposition && !opensObject(context, word)) continue;
		let first = context.next(word);
		if (preposition && first && DETERMINERS.has(first.lower)) first = context.next(first);
		if (!preposition && !DETERMINERS.has(word.lower)) first = context.words[word.index + 1];
		const participle = first && context.next(first);
		if (!first || !participle) continue;
		const lower = participle.lower;
		// The cheap test first: most words after a preposition's noun are no participle.
		if (!lower.endsWith('ed') && !IRREGULAR_PARTICIPLES.has(lower)) {
			if (!(lower.endsWith('ing') && isPresentParticiple(context, lower))) continue;
			if (!isModifierPart(context, first) || !beforeNoun(context, participle.end)) continue;
			if (lower === 'being' || !plainNounFollows(context, participle)) continue;
			if (!/^\p{L}+ \p{L}+$/u.test(context.text.slice(first.start, participle.end))) continue;
			flags.push(participleFlag(context, first, participle));
			continue;
		}
		if (!isModifierPart(context, first)) continue;
		if (participle.text !== lower || lower === first.lower) continue;
		// An -ed form or a participle of its own: "was", "came" are pasts, the next clause's verb.
		const past = lower.endsWith('ed') && isPastVerb(speller, lower);
		if (!past && !IRREGULAR_PARTICIPLES.has(lower)) continue;
		if (!beforeNoun(context, participle.end) || !nounFollows(context, participle)) continue;
		if (!preposition && !plainNounFollows(context, participle)) continue;
		const text = context.text.slice(first.start, participle.end);
		if (!/^\p{L}+ \p{L}+$/u.test(text)) continue;
		flags.push(participleFlag(context, first, participle));
	}
	return flags;
};

function participleFlag(context: TextContext, first: Word, participle: Word): Flag {
	const joined = context.text.slice(first.start, participle.end).replace(' ', '-');
	return flag(
		'hyphen',
		'hyphen/participle',
		first.start,
		participle.end,
		`Hyphenate "${joined}" before the noun it describes.`,
		[joined],
		'possible'
	);
}

/** Verbs a clause follows without "that" ("knew the dog chased cats"). */
const CLAUSE_VERBS =
	/^(?:kn[eo]w|knows|thought|think|said|say|says|saw|see|felt|feel|heard|hear|believed?|realized?|noticed?|guess(?:ed)?|suppose[d]?|hoped?|wished?|figured?|decided?|found|find|told|swore|meant|made|make|let|watched|watch|had|has|have|got|get|kept|keep|left|leave|wanted|want|liked|like|needed|need)$/;

/**
 * A determiner in an object's place, after a verb (not one a clause follows) or a particle
 * ("scratched his", "tore away the"), or an adjective with a comma after it ("small, neon").
 */
function opensObject(context: TextContext, word: Word): boolean {
	const { speller } = context;
	if (DETERMINERS.has(word.lower)) {
		const before = context.previous(word);
		if (!before || before.text !== before.lower || CLAUSE_VERBS.test(before.lower)) return false;
		return (
			/^(?:away|off|up|down|out|back)$/.test(before.lower) ||
			(isPastVerb(speller, before.lower) && !isNoun(speller, before.lower))
		);
	}
	// "a small, neon lighted restaurant": an adjective after a determiner, then a comma.
	if (context.gapAfter(word) !== ', ' || isFunctionWord(word.lower)) return false;
	const determiner = context.previous(word);
	return (
		determiner !== undefined &&
		DETERMINERS.has(determiner.lower) &&
		(isGradable(speller, word.lower) || /(?:ed|y)$/.test(word.lower))
	);
}

/**
 * A noun follows that is no adjective or adverb ("jaw", not "open", "warm" or "pretty"): after an
 * -ing form those make a clause ("with his mouth hanging open").
 */
function plainNounFollows(context: TextContext, participle: Word): boolean {
	const next = context.next(participle);
	if (!next || !nounFollows(context, participle)) return false;
	const { speller } = context;
	return !isGradable(speller, next.lower) && !speller.isKnown(`${next.lower}ly`);
}

/** "chewing", "shattering": the -ing form of a verb the dictionary knows. */
function isPresentParticiple(context: TextContext, lower: string): boolean {
	const stem = lower.slice(0, -3);
	return [stem, `${stem}e`, stem.slice(0, -1)].some(
		(candidate) => candidate.length >= 3 && context.speller.isKnown(candidate)
	);
}

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
