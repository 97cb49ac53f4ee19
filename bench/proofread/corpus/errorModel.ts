/**
 * The error model of the corpus evaluation set: slips real writers make, planted in clean
 * published prose. Word lists come from public sources (Wikipedia's list of common misspellings
 * through the `misspellings` package) and from the usual lists of confusable English words, never
 * from the checker's own rules or from the stories it was tuned on.
 */

/** The share of planted errors per kind (normalised). Fixed before any figure was seen. */
export const ERROR_MIX = {
	misspelling: 0.3,
	confusable: 0.2,
	apostrophe: 0.12,
	hyphen: 0.1,
	capital: 0.15,
	missingWord: 0.08
} as const;

export type ErrorKind = keyof typeof ERROR_MIX;

/** One planted error per this many words. */
export const WORDS_PER_ERROR = 40;

/**
 * Homophones and near-homophones writers confuse, and short words one typo apart that make
 * another word. Each word may be replaced by any word of its group.
 */
export const CONFUSABLE_GROUPS: readonly (readonly string[])[] = [
	['its', "it's"],
	['your', "you're"],
	['their', 'there', "they're"],
	['then', 'than'],
	['to', 'too'],
	['whose', "who's"],
	['lose', 'loose'],
	['affect', 'effect'],
	['accept', 'except'],
	['passed', 'past'],
	['quiet', 'quite'],
	['were', 'where'],
	['breath', 'breathe'],
	['led', 'lead'],
	['advice', 'advise'],
	['chose', 'choose'],
	['weather', 'whether'],
	['peace', 'piece'],
	['hear', 'here'],
	['know', 'no'],
	['new', 'knew'],
	['threw', 'through'],
	['brake', 'break'],
	['road', 'rode'],
	['allowed', 'aloud'],
	['sight', 'site'],
	['wander', 'wonder'],
	['later', 'latter'],
	['tail', 'tale'],
	['waist', 'waste'],
	['bare', 'bear'],
	['board', 'bored'],
	['course', 'coarse'],
	['principal', 'principle'],
	['desert', 'dessert'],
	['right', 'write'],
	['wait', 'weight'],
	['week', 'weak'],
	['whole', 'hole'],
	['hour', 'our'],
	['one', 'won'],
	['aid', 'aide'],
	['sent', 'scent'],
	['maybe', 'may be'],
	['every day', 'everyday'],
	['into', 'in to'],
	['of', 'off'],
	['form', 'from'],
	['and', 'an'],
	['on', 'one'],
	['is', 'as'],
	['the', 'they'],
	['were', 'we'],
	['that', 'than'],
	['now', 'not'],
	['us', 'use'],
	['want', 'went'],
	['where', 'were'],
	['lie', 'lay'],
	['dyeing', 'dying'],
	['cloths', 'clothes'],
	['thought', 'though', 'through'],
	['staring', 'stating'],
	['relieved', 'relived'],
	['lightening', 'lightning'],
	['sweat', 'sweet']
];

/** Small words a hurried writer leaves out. */
export const DROPPABLE = new Set(['the', 'a', 'an', 'to', 'of', 'in', 'was', 'is', 'and', 'he']);
