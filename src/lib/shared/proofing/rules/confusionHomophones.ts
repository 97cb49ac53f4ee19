import { isGradable, isNoun, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import {
	confusion,
	nextEndsClause,
	words,
	type Around,
	type Check
} from '#shared/proofing/rules/confusionContext';
import {
	DETERMINERS,
	isFunctionWord,
	OBJECT_PRONOUNS,
	PREPOSITIONS
} from '#shared/proofing/words/functionWords';

/** Words that follow "it is" / "you are" / "they are" but never a possessive. */
const AFTER_BE = words(
	'a an the not so too very really such always never just still also already gonna going ' +
		'getting being been all like about because what who that this me you him us them over ' +
		'almost my your his our their no nothing something here there ' +
		// A preposition never follows a possessive ("its within reach", "your in luck");
		// "down", "inside", "past" are left out: nouns too ("its inside was hollow").
		'in on at for from with within into out'
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
	'want wants wanted need needs needed like likes liked asked ask asks told tell tells expect ' +
		'expects expected force forces forced allow allows allowed beg begs begged urge urges ' +
		'urged warn warns warned dare dares dared invite invites invited order orders ordered ' +
		'persuade persuades persuaded teach teaches taught remind reminds reminded ' +
		"would 'd got get going have has had used supposed ought"
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

/**
 * An adjective that is no noun ("terrible", "ridiculous"): after a possessive only before one.
 * Endings like -al and -ent are left out: "your usual", "your equivalent" stand for nouns.
 */
const isPlainAdjective = (at: Around, lower: string): boolean =>
	(isGradable(at.context.speller, lower) || /(?:ible|able|ous|ful|ive|ic)$/.test(lower)) &&
	!isNoun(at.context.speller, lower);

/**
 * What follows "its" / "your" can only follow "it is" / "you are": an adjective that ends the
 * clause ("its terrible.", "your ridiculous!"), or an adverb in -ly before a determiner or the
 * clause end ("its literally the point", "your really sweet."), where a possessive would need a
 * noun. Nouns in -ly ("family", "belly") are left alone.
 */
function needsVerb(at: Around): boolean {
	// "particularly your very, very serious questions": a degree adverb said twice.
	if (DEGREE.has(at.after)) return false;
	// Punctuation, not a line break: hard-wrapped text breaks lines inside phrases.
	const next = at.context.next(at.word);
	const closes = !!next && /^["”’']?[.,;:!?…]/.test(at.context.gapAfter(next));
	if (closes && isPlainAdjective(at, at.after)) return true;
	const adverb =
		at.after.length > 4 && at.after.endsWith('ly') && !isNoun(at.context.speller, at.after);
	return adverb && (closes || DETERMINERS.has(at.after2));
}

/** "its 11:40", "its 3am": a time of day after "its" is "it's". */
const TIME_AFTER = /^ \d{1,2}(?::\d\d|\s?[ap]\.?m\b)/i;

/** "its a", "its fine.", "its 11:40" → "it's"; "of it's", "it's own" → "its". */
const its: Check = (at) => {
	// "As for its being fine": a possessive gerund, a preposition's object.
	const gerund = at.after === 'being' && PREPOSITIONS.has(at.before);
	if (
		(AFTER_BE.has(at.after) && !gerund) ||
		(STATE_WORDS.has(at.after) && nextEndsClause(at)) ||
		needsVerb(at) ||
		TIME_AFTER.test(at.context.text.slice(at.word.end, at.word.end + 10))
	) {
		return confusion(at, "it's", 'its-its', '"It\'s" means "it is" or "it has".');
	}
	return null;
};

const itIs: Check = (at) => {
	if (at.after === 'own' || (BEFORE_POSSESSIVE.has(at.before) && at.after)) {
		return confusion(at, 'its', 'its-its', 'The possessive is "its", with no apostrophe.');
	}
	return owned(at) ? confusion(at, 'its', 'its-its', 'The possessive is "its".') : null;
};

/**
 * "made they're way towards", "Lublin was they're heart.": a singular noun that is no verb and
 * no adjective, with no article, cannot be what "they are"; the possessive needs no article.
 * Nouns said of people without one ("they're family", "you're history") are left alone.
 */
function bareNoun(at: Around): boolean {
	const { speller } = at.context;
	const lower = at.after;
	if (!lower || !/^[a-z]+$/.test(lower) || lower.endsWith('s') || BARE_PREDICATES.has(lower))
		return false;
	if (!isNoun(speller, lower) || isGradable(speller, lower) || isIng(lower)) return false;
	// "glad" ("gladly"), "rustic": an adjective first, though the dictionary has a noun too.
	if (speller.isKnown(`${lower}ly`) || ADJECTIVE_ENDING.test(lower)) return false;
	if (/(?:ly|ed|body|thing|one)$/.test(lower) || AFTER_BE.has(lower) || STATE_WORDS.has(lower))
		return false;
	if (isVerbBase(speller, lower) || speller.isKnown(`${lower}ed`) || speller.isKnown(`${lower}d`))
		return false;
	const next = at.context.next(at.word, 2);
	return (
		/^["”’']?[.,;:!?…]/.test(at.context.gapAfter(at.context.next(at.word)!)) ||
		(next !== undefined && words('towards toward to of in on at with from for').has(next.lower))
	);
}

const ADJECTIVE_ENDING = /(?:ic|ous|ful|ive|able|ible|al|ish|less|ent|ant|ary|ory|ese|an)$/;

const BARE_PREDICATES = words('family history scum kin home friends trash meat dinner toast');

/** "it's tail was", "you're mother called": a noun and then its verb, so a possessive before. */
function owned(at: Around): boolean {
	const { speller } = at.context;
	return (
		!!at.after &&
		isNoun(speller, at.after) &&
		!isGradable(speller, at.after) &&
		!isIng(at.after) &&
		!isPastVerb(speller, at.after) &&
		(isPastVerb(speller, at.after2) || words('was is were are').has(at.after2))
	);
}

/** "your being silly.": a gerund with a possessive needs a verb after it; this clause has none. */
function being(at: Around): boolean {
	// "As for its being fine", "about your being late.": the gerund is a preposition's object.
	if (PREPOSITIONS.has(at.before)) return false;
	const next = at.context.next(at.word, 2);
	return (
		at.after === 'being' && !!next && at.context.endsClause(next) && isPlainAdjective(at, at.after2)
	);
}

/** Adverbs of degree before an adjective ("very kind", "pretty hard"). */
const DEGREE = words('very so too really pretty quite awfully rather terribly real');

/**
 * "Your very kind, Mr. Morgan", "Your pretty hard on him": a degree adverb and an adjective that
 * ends the clause or takes "on", "to", "about" after it; a possessive would need its noun there.
 * "your very own" and "your very first" are possessives.
 */
function gradedState(at: Around): boolean {
	if (!DEGREE.has(at.after) || !at.after2 || words('own first last best').has(at.after2))
		return false;
	if (!isGradable(at.context.speller, at.after2) && !STATE_WORDS.has(at.after2)) return false;
	const adjective = at.context.next(at.word, 2);
	if (!adjective) return false;
	const then = at.context.next(adjective);
	return (
		/^["”’']?[.,;:!?…]/.test(at.context.gapAfter(adjective)) ||
		(then !== undefined && words('on to about with for at of').has(then.lower))
	);
}

const your: Check = (at) => {
	const state =
		STATE_WORDS.has(at.after) && (nextEndsClause(at) || words('to about for that').has(at.after2));
	// "your being here helps" is a gerund with its possessive; only "your being silly." is not.
	const doing =
		at.after === 'being'
			? being(at)
			: isIng(at.after) &&
				(ING_OBJECTS.has(at.after2) ||
					// "That's your setting.": a noun in -ing ends the clause as well as a verb.
					(nextEndsClause(at) && !isNoun(at.context.speller, at.after)));
	if (AFTER_YOU_ARE.has(at.after) || state || doing || needsVerb(at) || gradedState(at)) {
		return confusion(at, "you're", 'your-youre', '"You\'re" means "you are".');
	}
	return null;
};

const youAre: Check = (at) =>
	at.after === 'own' ||
	bareNoun(at) ||
	(BEFORE_POSSESSIVE.has(at.before) && at.after && !isIng(at.after)) ||
	owned(at)
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
		(words('is was are were').has(at.after2) || isPastVerb(speller, at.after2))
		? confusion(at, 'whose', 'whose-whos', '"Whose" asks who owns something.')
		: null;
};

/** Words that never follow a possessive: "get their before", "over their." want "there". */
const NOT_AFTER_POSSESSIVE = words(
	'before after with from at by for to into onto upon of since until during among between ' +
		'through toward towards without within and but or nor'
);

const their: Check = (at) => {
	if (
		words("is was are were isn't wasn't aren't weren't").has(at.after) ||
		NOT_AFTER_POSSESSIVE.has(at.after) ||
		(at.endsClause && /^[.!?]/.test(at.context.text.slice(at.word.end)))
	) {
		return confusion(at, 'there', 'their-there', '"There is / there are".');
	}
	if (words('going not gonna coming always never so too just really getting being').has(at.after)) {
		return confusion(at, "they're", 'their-theyre', '"They\'re" means "they are".');
	}
	return null;
};

const possessiveOnly: Check = (at) =>
	at.after === 'own' ? confusion(at, 'their', 'their-there', 'The possessive is "their".') : null;

/**
 * "they're car was parked" → "their"; "they're was no one", "still they're." → "there": "they
 * are" is never followed by another verb and never ends a clause. "There" otherwise is left to
 * `possessiveOnly` ("out there people were").
 */
const theyAre: Check = (at) =>
	possessiveOnly(at) ??
	(owned(at) || bareNoun(at)
		? confusion(at, 'their', 'their-theyre', 'The possessive is "their".')
		: null) ??
	(words("was were is will would could might must should had has seemed seems isn't wasn't").has(
		at.after
	) ||
	(at.endsClause && /^[.!?,;]/.test(at.context.text.slice(at.word.end)))
		? confusion(at, 'there', 'there-theyre', '"There was", "over there": "they\'re" is "they are".')
		: null);

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
	const intensified = words('far way').has(at.before);
	// "some way to close this door": a verb with its object after "to" is an infinitive.
	const infinitive =
		isVerbBase(at.context.speller, at.after) &&
		(DETERMINERS.has(at.after2) || OBJECT_PRONOUNS.has(at.after2));
	if (
		TOO_WORDS.has(at.after) &&
		!infinitive &&
		(nextEndsClause(at) || intensified || words('to for and now').has(at.after2))
	) {
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
	(at.context.isSentenceStart(at.word) &&
		words('are is was were did do does have has had can could would will should').has(at.after)) ||
	clauseAfterWere(at)
		? confusion(at, 'where', 'were-where', '"Where" asks about a place.')
		: null;

const RELATIVES = words('who whom whose which that what');
const FINITE_AFTER_SUBJECT = words('was were is are had has would could will did can might');

/**
 * "the school were she was teaching", "the trailer were the two drivers were standing": "were"
 * before a whole clause (a subject and its finite verb) is "where"; the verb "were" takes a
 * complement, and its inverted subject ("were she to go") no second verb.
 */
function clauseAfterWere(at: Around): boolean {
	if (at.context.isSentenceStart(at.word) || at.word.text !== 'were') return false;
	// "If they were he would know": a clause's own "were", then the next clause, comma left out.
	if (words('i you he she it we they if as though whatever who what').has(at.before)) return false;
	if (words('he she it they we').has(at.after)) return FINITE_AFTER_SUBJECT.has(at.after2);
	if (!words('the his her their my our your').has(at.after)) return false;
	// The subject's noun, perhaps after one modifier ("the two drivers"), then its verb.
	let word = at.context.next(at.word, 2);
	for (let step = 0; step < 2 && word; step++) {
		// "the ones who had come": a relative pronoun opens a clause of the noun's own.
		if (word.text !== word.lower || isFunctionWord(word.lower) || RELATIVES.has(word.lower))
			return false;
		const verb = at.context.next(word);
		if (verb && FINITE_AFTER_SUBJECT.has(verb.text)) return true;
		word = verb;
	}
	return false;
}

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
	"they're": theyAre,
	'they’re': theyAre,
	there: possessiveOnly,
	to,
	too,
	where,
	were
};
