import { isGradable, isNoun, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import type { Flag } from '#shared/proofing/types';
import {
	confusion,
	nextEndsClause,
	words,
	type Around
} from '#shared/proofing/rules/confusionContext';
import { OBJECT_PRONOUNS } from '#shared/proofing/words/functionWords';

type Check = (at: Around) => Flag | null;

/** Words that follow "it is" / "you are" / "they are" but never a possessive. */
const AFTER_BE = words(
	'a an the not so too very really such always never just still also already gonna going ' +
		'getting being been all like about because what who that this me you him us them over ' +
		'almost my your his our their no nothing something here there'
);
/** "your all", "your very own", "your being here", "your no-good…" are possessives. */
const AFTER_YOU_ARE = new Set(
	[...AFTER_BE].filter((word) => !words('all very being no').has(word))
);
/** Adjectives that say how something is: after a possessive only before a noun. */
const STATE_WORDS = words(
	'okay ok alright fine true right wrong sure sorry late early welcome done over impossible ' +
		'possible beautiful perfect amazing crazy insane kidding joking lying serious ready gorgeous ' +
		'adorable cute brilliant important'
);
const ING_OBJECTS = words(
	'to me him her us them it this that so too now here there up out away back home with about ' +
		'for in on off down again crazy insane'
);
/** Prepositions that cannot start a clause, so "of it's", "with you're" must be possessives. */
const BEFORE_POSSESSIVE = words(
	'of in on with from by to into onto upon at for under through across around behind beneath ' +
		'beside between within without toward towards about'
);
const INFINITIVE_TAKERS = words(
	'want wants wanted need needs needed like asked ask told tell expect expected force forced ' +
		"allow allowed would 'd got get going have has had used supposed ought"
);
const TOO_WORDS = words(
	'much many late soon early far long bad hard tired young old busy scared big small fast slow ' +
		'loud quiet close good'
);
const TO_BEFORE_VERB = words(
	'want wanted wants need needed needs going have had has used tried try trying able about ought ' +
		'got hoping hope like love decided decide'
);

const isIng = (lower: string): boolean => lower.length > 4 && lower.endsWith('ing');

/** "its a", "its fine." → "it's"; "of it's", "it's own" → "its". */
const its: Check = (at) => {
	if (AFTER_BE.has(at.after) || (STATE_WORDS.has(at.after) && nextEndsClause(at))) {
		return confusion(at, "it's", 'its-its', '"It\'s" means "it is" or "it has".');
	}
	return null;
};

const itIs: Check = (at) => {
	if (at.after === 'own' || (BEFORE_POSSESSIVE.has(at.before) && at.after)) {
		return confusion(at, 'its', 'its-its', 'The possessive is "its", with no apostrophe.');
	}
	const { speller } = at.context;
	const owned =
		at.after &&
		isNoun(speller, at.after) &&
		!isGradable(speller, at.after) &&
		!isIng(at.after) &&
		(isPastVerb(speller, at.after2) || at.after2 === 'was' || at.after2 === 'is');
	return owned ? confusion(at, 'its', 'its-its', 'The possessive is "its".') : null;
};

const your: Check = (at) => {
	const state =
		STATE_WORDS.has(at.after) && (nextEndsClause(at) || words('to about for that').has(at.after2));
	const doing = isIng(at.after) && (ING_OBJECTS.has(at.after2) || nextEndsClause(at));
	if (AFTER_YOU_ARE.has(at.after) || state || doing) {
		return confusion(at, "you're", 'your-youre', '"You\'re" means "you are".');
	}
	return null;
};

const youAre: Check = (at) =>
	at.after === 'own' || (BEFORE_POSSESSIVE.has(at.before) && at.after && !isIng(at.after))
		? confusion(at, 'your', 'your-youre', 'The possessive is "your".')
		: null;

const whose: Check = (at) =>
	AFTER_YOU_ARE.has(at.after) || isIng(at.after) || words('there coming next ready').has(at.after)
		? confusion(at, "who's", 'whose-whos', '"Who\'s" means "who is" or "who has".')
		: null;

const whoIs: Check = (at) => {
	const { speller } = at.context;
	return at.after &&
		isNoun(speller, at.after) &&
		!isGradable(speller, at.after) &&
		!isIng(at.after) &&
		!isPastVerb(speller, at.after) &&
		words('is was are were').has(at.after2)
		? confusion(at, 'whose', 'whose-whos', '"Whose" asks who owns something.')
		: null;
};

const their: Check = (at) => {
	if (words("is was are were isn't wasn't aren't weren't").has(at.after)) {
		return confusion(at, 'there', 'their-there', '"There is / there are".');
	}
	if (words('going not gonna coming always never so too just really getting being').has(at.after)) {
		return confusion(at, "they're", 'their-theyre', '"They\'re" means "they are".');
	}
	return null;
};

const possessiveOnly: Check = (at) =>
	at.after === 'own' ? confusion(at, 'their', 'their-there', 'The possessive is "their".') : null;

/** "me to!" → "too"; "to much" → "too much"; "want too go" → "to go". */
const to: Check = (at) => {
	const object = OBJECT_PRONOUNS.has(at.before) || at.before === 'i' || at.before === 'me';
	if (object && at.endsClause && !INFINITIVE_TAKERS.has(at.before2)) {
		const text = at.context.text;
		// "…you to." but not "…you to?" after "what are you up to" style questions.
		if (/^["”]?\s*[.!,]/.test(text.slice(at.word.end, at.word.end + 3))) {
			return confusion(at, 'too', 'to-too', '"Too" means "also".');
		}
	}
	if (TOO_WORDS.has(at.after) && (nextEndsClause(at) || words('to for and now').has(at.after2))) {
		if (!words('up down back close next due').has(at.before)) {
			return confusion(at, 'too', 'to-too', '"Too" means "excessively".');
		}
	}
	return null;
};

const too: Check = (at) =>
	TO_BEFORE_VERB.has(at.before) &&
	at.after &&
	!TOO_WORDS.has(at.after) &&
	isVerbBase(at.context.speller, at.after) &&
	!isGradable(at.context.speller, at.after)
		? confusion(at, 'to', 'to-too', 'Before a verb, "to".')
		: null;

/** "they where happy" → "were"; "Were are you?" → "Where". */
const where: Check = (at) =>
	at.after &&
	(words('we they').has(at.before) ||
		(at.before === 'you' &&
			(!at.before2 || words('and but if when because so that').has(at.before2))))
		? confusion(at, 'were', 'were-where', '"Were" is the verb.')
		: null;

const were: Check = (at) =>
	at.context.isSentenceStart(at.word) &&
	words('are is was were did do does have has had can could would will should').has(at.after)
		? confusion(at, 'where', 'were-where', '"Where" asks about a place.')
		: null;

export const HOMOPHONE_CHECKS: Record<string, Check> = {
	its,
	"it's": itIs,
	'it’s': itIs,
	your,
	"you're": youAre,
	'you’re': youAre,
	whose,
	"who's": whoIs,
	'who’s': whoIs,
	their,
	"they're": possessiveOnly,
	'they’re': possessiveOnly,
	there: possessiveOnly,
	to,
	too,
	where,
	were
};
