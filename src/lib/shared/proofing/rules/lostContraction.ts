import { isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';
import { DETERMINERS } from '#shared/proofing/words/functionWords';

/**
 * "Were not ready" for "We're not ready", "Well need money" for "We'll need money", "shed be
 * fine" for "she'd be fine": a contraction that lost its apostrophe and became another word.
 * Each is read from what may follow it: "were" starts a sentence only as a question ("Were you
 * there?"), so before an adverb, adjective or participle in a statement it is "we're"; "well"
 * starts a clause before a plain verb only as "we'll"; "shed", "wed", "shell", "hell" start one
 * before "be", "have" or a helper's verb only as "she'd", "we'd", "she'll", "he'll".
 */
export const lostContraction: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const fixed = weAre(context, word) ?? weWill(context, word) ?? pronounWithHelper(context, word);
		if (!fixed) continue;
		const suggestion = matchCase(word.text, fixed);
		flags.push(
			flag(
				'apostrophe',
				'apostrophe/contraction-word',
				word.start,
				word.end,
				`Missing apostrophe: "${suggestion}"?`,
				[suggestion]
			)
		);
	}
	return flags;
};

/** What follows "we're" but never starts a question's subject after "were". */
const AFTER_WE_ARE = new Set(
	(
		'not so too really just all still never always only almost already out right through done ' +
		'gone lost fine ready sure late home here going gonna coming leaving getting trying'
	).split(' ')
);

/**
 * After a comma, "were" may be a subject's verb with a comma too many before it ("the clothes
 * she wore, were all she had"): there only what never follows such a verb counts.
 */
const AFTER_COMMA_ONLY = new Set(['all', 'not', 'only', 'still', 'never', 'always', 'almost']);

function weAre(context: TextContext, word: Word): string | null {
	if (word.lower !== 'were') return null;
	// "Mae, were so busy", "If we can't pay, were through": a clause of its own after a comma.
	const afterComma = !startsSentence(context, word) && /,\s*$/.test(context.gapBefore(word));
	if (!startsSentence(context, word) && !afterComma) return null;
	const next = context.next(word);
	if (!next || !AFTER_WE_ARE.has(next.lower)) return null;
	if (afterComma && AFTER_COMMA_ONLY.has(next.lower)) return null;
	// "Were not the others told?": a question keeps its inversion.
	return endsAsQuestion(context, word) ? null : "we're";
}

/**
 * Words after "well" that are no verb there: an interjection's "Well look at you!", and adverbs
 * the dictionary also lists as verbs ("well back in a field", "well up the hill").
 */
const AFTER_WELL = new Set(
	'look say now then sure okay yes no back up out down off over away ahead behind'.split(' ')
);

function weWill(context: TextContext, word: Word): string | null {
	if (word.lower !== 'well' || !startsClause(context, word)) return null;
	const next = context.next(word);
	if (!next || next.text !== next.lower || AFTER_WELL.has(next.lower)) return null;
	return isVerbBase(context.speller, next.lower) ? "we'll" : null;
}

const PRONOUN_FORMS: Record<string, string> = {
	shed: "she'd",
	wed: "we'd",
	shell: "she'll",
	hell: "he'll"
};

/**
 * What follows "she'd", "we'd", "she'll", "he'll" and never the nouns or the verbs "shed", "wed",
 * "shell": helpers, adverbs, and common verbs that are rarely nouns ("Shell people" is a noun).
 */
const AFTER_HELPER = new Set(
	(
		'be have had been never rather better just probably always like love want go come get see ' +
		'say tell think know give let do'
	).split(' ')
);

function pronounWithHelper(context: TextContext, word: Word): string | null {
	const fixed = PRONOUN_FORMS[word.lower];
	if (!fixed) return null;
	const next = context.next(word);
	// "the happiness wed had together": "we'd" opens a relative clause after its noun, where
	// the verb "wed" (a past itself) is never followed by "had" or "been".
	const relative = word.lower === 'wed' && (next?.lower === 'had' || next?.lower === 'been');
	const withObject = next !== undefined && helperVerbWithObject(context, word, next);
	if (!relative && !withObject && !startsClause(context, word)) return null;
	if (!next || (!withObject && !AFTER_HELPER.has(next.lower) && !weHad(context, word, next)))
		return null;
	// "the shed had", "what the hell do": a determiner makes it the noun.
	const previous = context.previous(word);
	return previous && DETERMINERS.has(previous.lower) ? null : fixed;
}

/** Objects that follow a verb, never the noun "shed", "shell" or "hell" and a verb. */
const OBJECTS = new Set(
	'it him her them me us you herself himself themselves myself itself the a an his their my'.split(
		' '
	)
);

/**
 * "walk out shed pull herself together", "sure shed turn it over", "Bishop hell do all right": a
 * plain verb with its object after "shed", "shell" or "hell" has "she'd", "she'll" or "he'll"
 * for its subject: the noun would want a verb in -s ("the shell turns it"), and the verb "shed"
 * takes no second verb.
 */
function helperVerbWithObject(context: TextContext, word: Word, next: Word): boolean {
	if (word.text !== word.lower || word.lower === 'wed') return false;
	if (next.text !== next.lower || !/^ $/.test(context.gapAfter(word))) return false;
	// "what the hell do you": "do" there asks a question, and "you" is its subject.
	if (next.lower === 'do') return false;
	if (!isVerbBase(context.speller, next.lower) || isPastVerb(context.speller, next.lower))
		return false;
	const object = context.next(next);
	return object !== undefined && object.text === object.lower && OBJECTS.has(object.lower);
}

/** Participles that are no simple past. */
const PARTICIPLES = new Set(
	'seen gone done known taken given been gotten eaten written'.split(' ')
);

/** "Wed heard the record": at a clause's start "wed" before a past participle is "we'd". */
function weHad(context: TextContext, word: Word, next: Word): boolean {
	if (word.lower !== 'wed' || next.text !== next.lower) return false;
	if (next.lower === 'had') return false;
	return isPastVerb(context.speller, next.lower) || PARTICIPLES.has(next.lower);
}

const startsSentence = (context: TextContext, word: Word): boolean =>
	context.isSentenceStart(word) || context.afterOpener(word);

/** The start of a sentence, or of a clause after a comma, semicolon, dash or "and"/"so"/"then". */
function startsClause(context: TextContext, word: Word): boolean {
	if (startsSentence(context, word)) return true;
	if (/[,;—]\s*$/.test(context.gapBefore(word))) return true;
	const previous = context.previous(word);
	// "and we'll go", "I'm sure she'd know": a conjunction, or a verb that takes a clause.
	return (
		previous !== undefined &&
		/^(?:and|but|so|then|if|when|because|maybe|sure|think|thought|hope|guess|bet|said|says|know|knew)$/.test(
			previous.lower
		)
	);
}

function endsAsQuestion(context: TextContext, word: Word): boolean {
	const end = context.text.slice(word.end).search(/[.!?\n]/);
	return end >= 0 && context.text[word.end + end] === '?';
}
