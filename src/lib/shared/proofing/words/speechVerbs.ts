import { editDistance } from '#shared/proofing/editDistance';

/**
 * Verbs that make a dialogue tag: `"Hi," she whispered`. Verbs of expression that are actions
 * ("smiled", "grinned", "laughed", "sighed", "groaned") are left out on purpose: after them the
 * quotation ends with a full stop and the beat is its own sentence.
 */
const SPEECH_STEMS = [
	'add',
	'admit',
	'advise',
	'agree',
	'announce',
	'answer',
	'argue',
	'ask',
	'assure',
	'babble',
	'bark',
	'beg',
	'bellow',
	'blurt',
	'boom',
	'breathe',
	'call',
	'cheer',
	'chide',
	'chirp',
	'choke',
	'coax',
	'comment',
	'complain',
	'concede',
	'confess',
	'confirm',
	'continue',
	'coo',
	'correct',
	'counter',
	'croak',
	'declare',
	'demand',
	'drawl',
	'encourage',
	'enquire',
	'exclaim',
	'explain',
	'gasp',
	'growl',
	'grumble',
	'guess',
	'gush',
	'hiss',
	'inform',
	'inquire',
	'insist',
	'instruct',
	'interject',
	'interrupt',
	'joke',
	'mock',
	'mouth',
	'mumble',
	'murmur',
	'muse',
	'mutter',
	'note',
	'object',
	'pant',
	'plead',
	'promise',
	'prompt',
	'protest',
	'purr',
	'question',
	'quip',
	'ramble',
	'rasp',
	'reason',
	'reassure',
	'remark',
	'remind',
	'repeat',
	'reply',
	'respond',
	'retort',
	'roar',
	'scold',
	'scream',
	'screech',
	'shout',
	'shriek',
	'snap',
	'snarl',
	'sneer',
	'sob',
	'soothe',
	'splutter',
	'sputter',
	'squeak',
	'squeal',
	'stammer',
	'state',
	'stutter',
	'suggest',
	'taunt',
	'tease',
	'urge',
	'wail',
	'warn',
	'wheeze',
	'whimper',
	'whine',
	'whisper',
	'wonder',
	'yell',
	'yelp'
];

/** "lied" is speech, "lies" is left out ("she lies on the bed"). */
const IRREGULAR = [
	'lied',
	'said',
	'says',
	'say',
	'told',
	'tells',
	'cried',
	'cries',
	'spoke',
	'sang',
	'sings',
	'spat'
];

function inflect(stem: string): string[] {
	const doubled = /^(?:beg|sob|snap|quip|admit)$/.test(stem);
	const past = stem.endsWith('e')
		? `${stem}d`
		: stem.endsWith('y')
			? `${stem.slice(0, -1)}ied`
			: doubled
				? `${stem}${stem.at(-1)}ed`
				: `${stem}ed`;
	const present = /(?:s|sh|ch|x)$/.test(stem)
		? `${stem}es`
		: /[^aeiou]y$/.test(stem)
			? `${stem.slice(0, -1)}ies`
			: `${stem}s`;
	return [past, present];
}

export const SPEECH_VERBS = new Set([...IRREGULAR, ...SPEECH_STEMS.flatMap(inflect)]);

/** Verbs that need a particle to be speech: "choked out", "called out", "went on". */
export const SPEECH_PARTICLES: Record<string, string> = { went: 'on', goes: 'on', bit: 'out' };

/**
 * A speech verb, also when misspelt ("murmered"): a long unknown word one edit from one is
 * taken for it, so the tag around it is still recognised.
 */
export function isSpeechVerb(lower: string, isKnown: (word: string) => boolean): boolean {
	if (SPEECH_VERBS.has(lower)) return true;
	if (lower.length < 6 || !lower.endsWith('ed') || isKnown(lower)) return false;
	let near = NEAR_SPEECH_VERB.get(lower);
	if (near === undefined) {
		near = [...SPEECH_VERBS].some(
			(verb) =>
				verb[0] === lower[0] &&
				Math.abs(verb.length - lower.length) <= 1 &&
				editDistance(verb, lower) <= 1
		);
		if (NEAR_SPEECH_VERB.size > 10_000) NEAR_SPEECH_VERB.clear();
		NEAR_SPEECH_VERB.set(lower, near);
	}
	return near;
}

/** Misspelt words already compared with the verbs (the answer depends on the word alone). */
const NEAR_SPEECH_VERB = new Map<string, boolean>();
