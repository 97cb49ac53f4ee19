import { contextTokens, type ContextToken } from '#shared/proofing/contextTokens';
import { isGradable, isNoun } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import { matchCase } from '#shared/proofing/textShape';
import type { Flag } from '#shared/proofing/types';
import type { Lexicon } from '#shared/proofing/Lexicon';
import type { TextContext } from '#shared/proofing/TextContext';
import {
	DETERMINERS,
	isFunctionWord,
	OBJECT_PRONOUNS,
	PREPOSITIONS
} from '#shared/proofing/words/functionWords';

/**
 * How much likelier (natural log) "of" must be than "off" between the two neighbours, and how
 * often the corpus must have seen "X of".
 */
const MARGIN = 4;
const MIN_OF = 4;
/** How many times more often than "off" a word must be seen before "of" to bind it. */
const OF_BOUND = 30;
/** Words back from "off" searched for a verb that takes it ("knocked the vase off the table"). */
const VERB_WINDOW = 3;

/**
 * "one off the men", "the sound off an approaching car": "off" after a word the corpus follows
 * with "of" dozens of times and with "off" hardly ever, before another word (not at a clause's
 * end: "a day off."), and with no verb of the few words before it that the corpus has with "off"
 * ("pulled the lid off the jar", "brushed himself off"). Written from the corpus development
 * half's misses, where "off" for "of" was the second commonest slip the bigram layer missed (it
 * needs the written word unseen beside both neighbours, and "off the" is common).
 */
export const ofOff: Rule = (context) => {
	const { lexicon } = context;
	if (!lexicon) return [];
	const flags: Flag[] = [];
	const tokens = contextTokens(context.text);
	for (let i = 1; i < tokens.length - 1; i++) {
		const token = tokens[i]!;
		if (token.key === 'of') {
			const found = particleOf(context, tokens, i, lexicon);
			if (found) flags.push(found);
			continue;
		}
		if (token.key !== 'off') continue;
		const raw = context.text.slice(token.start, token.end);
		if (raw !== 'off' && raw !== 'Off') continue;
		const previous = tokens[i - 1]!;
		const next = tokens[i + 1]!;
		if (!next.word) continue;
		const beforeKey = previous.word ? previous.key : previous.key === ',' ? ',' : null;
		if (beforeKey === null) continue;
		const score = (word: string) =>
			lexicon.logNext(beforeKey, word) + lexicon.logNext(word, next.key);
		// ", off course": the fixed phrase.
		const ofCourse = beforeKey === ',' && next.key === 'course';
		const likelier =
			lexicon.pairCount(beforeKey, 'of') >= MIN_OF && score('of') - score('off') >= MARGIN;
		const inPhrase =
			nounPhraseLink(tokens, i, lexicon) || bareNounLink(context, tokens, i, lexicon);
		// "off the beaten track", "off the record": set phrases (WordNet's) with "off".
		if (OFF_THE.test(context.text.slice(token.end, token.end + 20))) continue;
		const abstract = abstractNounLink(context, tokens, i);
		if (!ofCourse && !likelier && !inPhrase && !abstract) continue;
		if (!ofCourse && !inPhrase && takesOff(tokens, i, lexicon)) continue;
		flags.push(
			flag(
				'confusion',
				'confusion/of-off',
				token.start,
				token.end,
				ofCourse
					? '"Of course", not "off course".'
					: `"${previous.key} of" is the usual phrase; "off" here is one letter too many?`,
				[matchCase(raw, 'of')]
			)
		);
	}
	return flags;
};

/**
 * "down the barrel off his rifle", "into the mask off a mannequin": "off" joining two noun
 * phrases inside a prepositional phrase, where no verb is near to take it as a particle; the
 * link between a noun and the noun phrase after it is "of". Nouns the corpus has before "off"
 * ("an island off the coast", "the waters off Maine") are left alone.
 */
function nounPhraseLink(
	tokens: ReturnType<typeof contextTokens>,
	at: number,
	lexicon: NonNullable<Parameters<Rule>[0]['lexicon']>
): boolean {
	const next = tokens[at + 1];
	if (!next?.word || !DETERMINERS.has(next.key) || next.key === 'no') return false;
	const noun = tokens[at - 1]!;
	if (!noun.word || isFunctionWord(noun.key) || lexicon.pairCount(noun.key, 'off') > 0)
		return false;
	// The noun's determiner, perhaps after one modifier ("the cruel mask").
	for (const back of [2, 3]) {
		const determiner = tokens[at - back];
		const preposition = tokens[at - back - 1];
		if (!determiner?.word || !preposition?.word) return false;
		if (DETERMINERS.has(determiner.key))
			return PREPOSITIONS.has(preposition.key) && preposition.key !== 'off';
		if (isFunctionWord(determiner.key)) return false;
	}
	return false;
}

/**
 * "his air off affluence", "a belt off minor planets", "no certificate off marriage": a noun
 * after its determiner, then "off" and a noun phrase with no determiner of its own. "Off" as a
 * preposition takes a bare noun only in set phrases ("off duty", "off balance"), which the
 * corpus has; as a particle it follows a verb, not a noun (the nouns made of phrasal verbs,
 * "a trade-off", "the kick-off", are left alone).
 */
function bareNounLink(
	context: Parameters<Rule>[0],
	tokens: ReturnType<typeof contextTokens>,
	at: number,
	lexicon: NonNullable<Parameters<Rule>[0]['lexicon']>
): boolean {
	const noun = tokens[at - 1]!;
	const determiner = tokens[at - 2];
	const next = tokens[at + 1]!;
	if (!noun.word || !determiner?.word || !next.word) return false;
	const isLower = (token: ContextToken) => context.text.slice(token.start, token.end) === token.key;
	if (!isLower(noun) || !isLower(next) || !isLower(determiner)) return false;
	if (
		!DETERMINERS.has(determiner.key) &&
		!(PREPOSITIONS.has(determiner.key) && determiner.key !== 'to')
	)
		return false;
	const { speller } = context;
	if (isFunctionWord(noun.key) || !isNoun(speller, noun.key)) return false;
	if (lexicon.pairCount(noun.key, 'off') > 0 || lexicon.isPhrasalVerb(noun.key, 'off'))
		return false;
	// "a trade off worth making": the noun "trade-off", "tradeoff" written open.
	const joined = [`${noun.key}off`, `${noun.key}-off`];
	if (joined.some((word) => speller.isKnown(word) || lexicon.hasWord(word))) return false;
	if (lexicon.compound(`${noun.key} off`)) return false;
	if (isFunctionWord(next.key) || next.key.endsWith('ly') || !speller.isKnown(next.key))
		return false;
	// A noun, an adjective or an -ing form starts the phrase ("held the boys off somehow").
	const nominal =
		isNoun(speller, next.key) ||
		isGradable(speller, next.key) ||
		speller.isKnown(`${next.key}ly`) ||
		next.key.endsWith('ing');
	// "off duty", "off balance", "off guard": the set phrases, as the corpus, the dictionary
	// ("offhand", "off-duty") or the list has them.
	const setPhrase =
		OFF_PHRASES.has(next.key) ||
		lexicon.pairCount('off', next.key) > 0 ||
		[`off-${next.key}`, `off${next.key}`].some(
			(word) => lexicon.count(word) > 0 || speller.isKnown(word) || lexicon.compound(word)
		);
	return nominal && !setPhrase;
}

const OFF_THE =
	/^ the (?:beaten (?:track|path)|record|hook|cuff|wall|mark|rack|shelf|grid|charts|map|leash|clock|books)\b/i;

/** Nouns "off" takes with no determiner, in set phrases ("off duty", "off limits"). */
const OFF_PHRASES = new Set(
	(
		'duty guard limits key balance course base stage camera screen topic target track season ' +
		'work school centre center colour color record hand line site road peak hours kilter ' +
		'schedule campus shore side beat watch'
	).split(' ')
);

/**
 * "the elegance off that room", "a magnification off the Galaxy": an abstract noun (its suffix
 * says so) is not a thing taken off something, so "off" and a noun phrase after it is "of".
 * A verb that takes "off" before it ("took the attention off the problem") still claims it.
 */
function abstractNounLink(
	context: Parameters<Rule>[0],
	tokens: ReturnType<typeof contextTokens>,
	at: number
): boolean {
	const noun = tokens[at - 1]!;
	const next = tokens[at + 1]!;
	if (!noun.word || !next.word || !DETERMINERS.has(next.key) || next.key === 'no') return false;
	if (context.text.slice(noun.start, noun.end) !== noun.key) return false;
	return ABSTRACT.test(noun.key) && isNoun(context.speller, noun.key);
}

/**
 * Suffixes of abstract nouns only: "-ment", "-ance", "-ence", "-ity", "-hood", "-sion" also make
 * things and places "off" a road or a hall ("the ornaments off the shelf", "the entrance off the
 * hall", "a community off the coast", "a mansion off the highway").
 */
const ABSTRACT = /.{3}(?:ations?|ness|isms?)$/;

/** A word among the few before "off" that the corpus has before "off" at least as often as "of". */
function takesOff(
	tokens: ReturnType<typeof contextTokens>,
	at: number,
	lexicon: NonNullable<Parameters<Rule>[0]['lexicon']>
): boolean {
	// "because off", "instead off": the word just before wants "of" so strongly that no verb
	// further back ("it was because off") can claim the particle.
	const previous = tokens[at - 1]!.key;
	if (lexicon.pairCount(previous, 'of') >= OF_BOUND * (lexicon.pairCount(previous, 'off') + 1))
		return false;
	for (let j = at - 1; j >= Math.max(0, at - VERB_WINDOW); j--) {
		const token = tokens[j]!;
		if (!token.word) return false;
		const off = lexicon.pairCount(token.key, 'off');
		if (off > 1 && off >= lexicon.pairCount(token.key, 'of')) return true;
		// "bit off one corner", "knock a man off his feet": a verb WordNet has with "off", not
		// a noun after its determiner or preposition ("the sound off an engine", "in back off").
		const before = tokens[j - 1];
		const noun =
			before?.word === true &&
			(DETERMINERS.has(before.key) || (PREPOSITIONS.has(before.key) && before.key !== 'to'));
		if (!noun && verbBases(token.key).some((base) => lexicon.isPhrasalVerb(base, 'off')))
			return true;
	}
	return false;
}

/** Irregular pasts and participles of verbs that take particles ("bit" → "bite"). */
const IRREGULAR_BASES: Record<string, string> = Object.fromEntries(
	(
		'bit:bite bitten:bite ran:run threw:throw thrown:throw took:take taken:take came:come ' +
		'went:go gone:go got:get gotten:get kept:keep fell:fall fallen:fall led:lead left:leave ' +
		'made:make paid:pay rode:ride ridden:ride shook:shake shaken:shake tore:tear torn:tear ' +
		'wore:wear worn:wear drove:drive driven:drive blew:blow blown:blow broke:break ' +
		'broken:break brought:bring struck:strike swept:sweep flung:fling sold:sell told:tell ' +
		'gave:give given:give held:hold bore:bear borne:bear drew:draw drawn:draw froze:freeze ' +
		'frozen:freeze fought:fight bought:buy slept:sleep shot:shoot spun:spin wound:wind ' +
		'swore:swear sworn:swear stole:steal hove:heave laid:lay'
	)
		.split(' ')
		.map((pair) => pair.split(':') as [string, string])
);

/** The base forms a verb form may have ("knocked" → knock, "chopping" → chop, "bit" → bite). */
function verbBases(lower: string): string[] {
	const irregular = IRREGULAR_BASES[lower];
	if (irregular) return [irregular];
	const bases = [lower];
	const suffix = /(?:ed|ing|es|s)$/.exec(lower)?.[0];
	if (!suffix) return bases;
	const stem = lower.slice(0, -suffix.length);
	bases.push(stem, `${stem}e`);
	if (stem.length > 2 && stem.at(-1) === stem.at(-2)) bases.push(stem.slice(0, -1));
	if (stem.endsWith('i')) bases.push(`${stem.slice(0, -1)}y`);
	return bases;
}

/**
 * "Be" (and its contractions: "I'm", "they're") and the linking verbs, after which a participle
 * is an adjective ("scared of").
 */
const LINKING = new Set(
	'is are was were be been being am get gets got getting gotten feel feels felt seem seems seemed look looks looked become becomes became grow grew'.split(
		' '
	)
);

/**
 * "the gun went of.", "lay of for a while", "wash it of.": "of" straight after a verb WordNet has
 * with "off" (or after its object pronoun), before the clause ends or "and"/"for", is the
 * particle one letter short. "Of" is stranded there only in a relative clause or a question
 * ("what it is made of", "all he could think of"), after words the corpus has before "of" more
 * often than before "off".
 */
function particleOf(
	context: TextContext,
	tokens: readonly ContextToken[],
	at: number,
	lexicon: Lexicon
): Flag | null {
	const token = tokens[at]!;
	if (context.text.slice(token.start, token.end) !== 'of') return null;
	const next = tokens[at + 1];
	const ends = !next || !next.word || /^(?:and|but|or|for)$/.test(next.key);
	if (!ends) return null;
	let verbAt = at - 1;
	if (tokens[verbAt]!.word && OBJECT_PRONOUNS.has(tokens[verbAt]!.key)) verbAt--;
	const verb = tokens[verbAt];
	if (!verb) return null;
	// "What are you scared of?", "he was frightened of": a participle after "be" or a linking
	// verb is an adjective, which takes "of".
	for (const back of [1, 2]) {
		const before = tokens[verbAt - back];
		if (before?.word && (LINKING.has(before.key) || /'(?:m|re|s)$/.test(before.key))) return null;
	}
	if (!verb.word || lexicon.pairCount(verb.key, 'of') > lexicon.pairCount(verb.key, 'off'))
		return null;
	if (!verbBases(verb.key).some((base) => lexicon.isPhrasalVerb(base, 'off'))) return null;
	return flag(
		'confusion',
		'confusion/of-off',
		token.start,
		token.end,
		`"${verb.key} off"? "Of" does not end a clause after "${verb.key}".`,
		['off']
	);
}
