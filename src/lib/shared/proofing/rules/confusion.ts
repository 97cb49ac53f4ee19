import { isComparative, isGradableByMore, isPastVerb } from '#shared/proofing/morphology';
import { ownEntry } from '#shared/proofing/ownEntry';
import type { Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';
import { isCapitalized } from '#shared/proofing/textShape';
import {
	DETERMINERS,
	OBJECT_PRONOUNS,
	POSSESSIVE_DETERMINERS,
	SUBJECT_PRONOUNS
} from '#shared/proofing/words/functionWords';
import {
	around,
	confusion,
	nextEndsClause,
	words,
	type Around,
	type Check
} from '#shared/proofing/rules/confusionContext';
import { HOMOPHONE_CHECKS } from '#shared/proofing/rules/confusionHomophones';

const BEFORE_TEMPORAL_THEN = words('and but since until till by just back');
const MODAL_OR_TO = words(
	"to will would could can might may must should shall gonna wanna not don't didn't doesn't " +
		"won't can't couldn't wouldn't never"
);
const LOOSE_AFTER = words(
	'let lets break breaks broke broken cut cuts set came come comes hang hanging hung turn turned ' +
		'run running shake shook pull pulled tore tear work worked wriggle wriggled'
);
const LEAD_OBJECTS = words('to me him her us them the a into up down out away back through astray');
const LET_OR_MODAL = words(
	"let lets make made help helped watch watched will would could can should must to did does didn't"
);
const POSITION_WORDS = words(
	'down back on in there here still awake beside next around flat against across under upon'
);
const MOTION_VERBS = words(
	'walked ran went drove moved rushed hurried flew raced stormed strode stepped slipped brushed ' +
		'pushed shoved swept sailed zoomed sped limped wandered marched darted dashed jogged drifted ' +
		'floated rolled crept snuck sneaked got squeezed edged'
);
const TIME_SPANS = words('few week weeks year years month months day days hour hours couple');
const BREATHE_BEFORE = words(
	"to could couldn't can can't cannot just didn't don't will would should must try tried " +
		'i you we they'
);
const BREATH_BEFORE = words(
	'a the her his my your our their deep long shaky sharp shuddering ragged last another calming ' +
		'steadying quick big shallow'
);
const QUIET_BEFORE = words(
	'be was were is are been being stay stayed keep kept so very too fell went got grew remained'
);
const QUITE_AFTER = words(
	'a an sure right good nice well frankly possibly literally honestly simply clearly obviously ' +
		'certain different likely understand believe'
);
const NEGATED = words(
	"don't didn't doesn't can't couldn't won't wouldn't wasn't isn't weren't haven't hadn't " +
		'was were had is am could would did'
);
const PAST_PARTICIPLE_START = words(
	'been gone done known seen had made got gotten taken given thought said told heard found left'
);

const CHECKS: Record<string, Check> = {
	then: (at) => {
		if (!at.after || !at.before) return null;
		const { speller } = at.context;
		if (isComparative(speller, at.before) && !isCapitalized(at.word.text)) {
			return confusion(at, 'than', 'then-than', 'A comparison takes "than".');
		}
		if ((at.before2 === 'more' || at.before2 === 'less') && isGradableByMore(speller, at.before)) {
			return confusion(at, 'than', 'then-than', 'A comparison takes "than".');
		}
		return null;
	},
	than: (at) => {
		const opens = at.context.isSentenceStart(at.word) && !!at.after && at.after !== 'what';
		const afterTime =
			BEFORE_TEMPORAL_THEN.has(at.before) && !isComparative(at.context.speller, at.before2);
		if (opens || afterTime || (afterComma(at) && !comparesEarlier(at)))
			return confusion(at, 'then', 'than-then', '"Then" is about time; "than" compares.');
		// "knew than this place must go": nothing in the sentence for "than" to compare. A
		// misspelt word just before ("no omre than a mile") may be the comparative itself.
		const misspelt = !at.context.speller.isKnown(at.before) && !at.context.isName(at.before);
		if (!comparesEarlier(at) && !misspelt) {
			const found = confusion(at, 'that', 'than-that', '"Than" finishes a comparison.');
			found.confidence = 'possible';
			return found;
		}
		return null;
	},
	loose: (at) =>
		MODAL_OR_TO.has(at.before) && at.after !== 'ends'
			? confusion(at, 'lose', 'loose-lose', '"Lose" is the verb; "loose" means not tight.')
			: null,
	loosing: (at) =>
		at.after &&
		(POSSESSIVE_DETERMINERS.has(at.after) ||
			words('the it him them you me control track sight').has(at.after))
			? confusion(at, 'losing', 'loose-lose', '"Losing" is the verb.')
			: null,
	lose: (at) =>
		LOOSE_AFTER.has(at.before) && (at.endsClause || at.after === 'and' || at.after === 'of')
			? confusion(at, 'loose', 'lose-loose', '"Loose" means free or not tight.')
			: null,
	lead: (at) => {
		const byAuxiliary =
			(words('had has have').has(at.before) && LEAD_OBJECTS.has(at.after)) ||
			(words('was were been being').has(at.before) &&
				words('by to into away out astray back').has(at.after));
		const bySubject =
			(words('he she it').has(at.before) || (at.before && at.context.isName(at.before))) &&
			(OBJECT_PRONOUNS.has(at.after) || words('the a way').has(at.after)) &&
			!LET_OR_MODAL.has(at.before2);
		return byAuxiliary || bySubject
			? confusion(at, 'led', 'lead-led', 'The past of "lead" is "led".')
			: null;
	},
	lay: (at) =>
		(MODAL_OR_TO.has(at.before) || at.before === "let's") &&
		POSITION_WORDS.has(at.after) &&
		!words('the a an his her my your their our it them').has(at.after2)
			? confusion(at, 'lie', 'lay-lie', 'To recline is "lie"; "lay" puts something down.')
			: null,
	laying: (at) =>
		POSITION_WORDS.has(at.after) &&
		!(
			words('down back').has(at.after) &&
			words('the a an his her my your their our it them').has(at.after2)
		)
			? confusion(at, 'lying', 'lay-lie', 'Reclining is "lying"; "laying" puts something down.')
			: null,
	// "She lied down": telling lies never goes down or back; reclining in the past is "lay".
	lied: (at) =>
		words('down back').has(at.after) && !words('was were be been being').has(at.before)
			? confusion(at, 'lay', 'lay-lie', 'The past of "lie" (recline) is "lay".')
			: null,
	laid: (at) =>
		words('down back there still awake').has(at.after) &&
		!words('so very more').has(at.before) &&
		(nextEndsClause(at) || words('on in beside next for with and against').has(at.after2))
			? confusion(at, 'lay', 'lay-lie', 'The past of "lie" (recline) is "lay".')
			: null,
	passed: (at) =>
		MOTION_VERBS.has(at.before) || (at.before === 'the' && TIME_SPANS.has(at.after))
			? confusion(at, 'past', 'passed-past', '"Past" is the preposition; "passed" is the verb.')
			: null,
	// "She past the bakery": straight after its subject, the verb "passed".
	past: (at) =>
		words('i he she we they').has(at.before) &&
		!at.context.isSentenceStart(at.word) &&
		!!at.after &&
		(DETERMINERS.has(at.after) || OBJECT_PRONOUNS.has(at.after))
			? confusion(at, 'passed', 'passed-past', '"Passed" is the verb; "past" the preposition.')
			: null,
	quite: (at) =>
		QUIET_BEFORE.has(at.before) && at.endsClause
			? confusion(at, 'quiet', 'quite-quiet', '"Quiet" means silent.')
			: null,
	quiet: (at) => {
		// "was quiet sure": being quiet is never "sure" or "certain", so even after "was" it is "quite".
		const degree = words('sure certain').has(at.after) && !words('the a an').has(at.before);
		return degree ||
			(QUITE_AFTER.has(at.after) && !words('the a an be was were is so very too').has(at.before))
			? confusion(at, 'quite', 'quiet-quite', '"Quite" means fairly or completely.')
			: null;
	},
	breath: (at) =>
		BREATHE_BEFORE.has(at.before)
			? confusion(at, 'breathe', 'breath-breathe', '"Breathe" is the verb.')
			: null,
	breathe: (at) =>
		BREATH_BEFORE.has(at.before)
			? confusion(at, 'breath', 'breath-breathe', '"Breath" is the noun.')
			: null,
	of: (at) =>
		words('could would should must might').has(at.before) &&
		(PAST_PARTICIPLE_START.has(at.after) || isPastVerb(at.context.speller, at.after))
			? confusion(at, 'have', 'of-have', '"Could have" ("could\'ve"), not "could of".')
			: null,
	affect: (at) =>
		words('an the side no any').has(at.before) && (at.endsClause || words('on of').has(at.after))
			? confusion(at, 'effect', 'affect-effect', 'The noun is "effect".')
			: null,
	// "will effect change" is the verb "bring about"; "will effect our plans" means "affect".
	effect: (at) =>
		MODAL_OR_TO.has(at.before) &&
		(OBJECT_PRONOUNS.has(at.after) ||
			at.after === 'everyone' ||
			POSSESSIVE_DETERMINERS.has(at.after))
			? confusion(at, 'affect', 'affect-effect', 'The verb is "affect".')
			: null,
	thought: (at) => {
		const { context, word } = at;
		const clause = SUBJECT_PRONOUNS.has(at.after) || at.after === 'there';
		if (words('even as').has(at.before) && clause) {
			return confusion(at, 'though', 'thought-though', '"Though" (although) was meant.');
		}
		// "and then, thought I don't know why, …": after a comma, with no subject of its own.
		const beforeComma = context.words[word.index - 1];
		const gap = beforeComma ? context.text.slice(beforeComma.end, word.start) : '';
		if (
			gap === ', ' &&
			words('then and but so yet still now').has(beforeComma!.lower) &&
			clause &&
			NEGATED.has(at.after2)
		) {
			return confusion(at, 'though', 'thought-though', '"Though" (although) was meant.');
		}
		return null;
	},
	that: (at) => {
		const { context, word } = at;
		const { speller } = context;
		const compared =
			(isComparative(speller, at.before) && !NOT_COMPARED.has(at.before)) ||
			((at.before2 === 'more' || at.before2 === 'less') && isGradableByMore(speller, at.before));
		if (!compared || !at.after) return null;
		// "so much bigger that we left": "so" or "such" sets up a clause of result.
		for (let back = context.previous(word), steps = 0; back && steps < 5; steps++) {
			if (back.lower === 'so' || back.lower === 'such') return null;
			back = context.previous(back);
		}
		// "happier that the war was over", "more certain that he had": adjectives of feeling and
		// knowing take a clause with "that".
		if (THAT_CLAUSE.has(at.before)) return null;
		const nounPhrase =
			words('the a an his her their my our your its').has(at.after) && !clauseFollows(at);
		const clause =
			SUBJECT_PRONOUNS.has(at.after) &&
			at.after !== 'you' &&
			(FINITE_OR_MODAL.has(at.after2) || isPastVerb(speller, at.after2));
		return nounPhrase || clause
			? confusion(at, 'than', 'that-than', 'A comparison takes "than".')
			: null;
	},
	// "no won on the beach": "no" takes a noun, so "won" after it is "one".
	won: (at) =>
		at.before === 'no' && at.after
			? confusion(at, 'one', 'won-one', '"No one", not "no won".')
			: null,
	...HOMOPHONE_CHECKS
};

/** Comparatives of adjectives of feeling and knowing, which take a clause with "that". */
const THAT_CLAUSE = words(
	'happier gladder prouder sadder sorrier angrier madder surer certain sure aware glad happy ' +
		'afraid convinced confident pleased relieved grateful thankful anxious worried determined ' +
		'hopeful fearful proud'
);

/** "that the war was over": a noun and its finite verb after "that" make a clause. */
function clauseFollows(at: Around): boolean {
	const noun = at.context.next(at.word, 2);
	const verb = noun && at.context.next(noun);
	return !!verb && (FINITE_OR_MODAL.has(verb.lower) || isPastVerb(at.context.speller, verb.lower));
}

/**
 * Comparatives that take "that" ("better that he knows", "rather that") and the adverbs of time
 * before a reported clause ("he saw later that they had gone").
 */
const NOT_COMPARED = words('better worse more less rather other further farther later earlier');
const FINITE_OR_MODAL = words(
	'is was are were has had does did looks looked seems seemed will would can could should might must'
);

const COMPARING = words('rather other else different sooner prefer preferred more less');

/** ", than away": "than" right after a comma, as "then" starts its next step. */
const afterComma = (at: Around): boolean =>
	!!at.after && /,\s*$/.test(at.context.text.slice(Math.max(0, at.word.start - 3), at.word.start));

/** Whether anything earlier in the sentence sets up a comparison for "than" to finish. */
function comparesEarlier(at: Around): boolean {
	const { context } = at;
	for (let index = at.word.index - 1; index >= 0; index--) {
		const word = context.words[index]!;
		if (COMPARING.has(word.lower) || isComparative(context.speller, word.lower)) return true;
		if (context.isSentenceStart(word)) return false;
	}
	return false;
}

/** Real words in the wrong place, recognised from their neighbours. */
export const confusedWords: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const check = ownEntry(CHECKS, word.lower);
		if (!check || context.storyWords.has(word.lower)) continue;
		const found = check(around(context, word));
		if (found) flags.push(found);
	}
	return flags;
};
