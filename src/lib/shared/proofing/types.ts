import { z } from 'zod';

/** What a flag is about; the UI draws a different underline per kind. */
export const FLAG_KINDS = [
	'spelling',
	'confusion',
	'apostrophe',
	'dialogue',
	'repetition',
	'article',
	'spacing',
	'punctuation',
	'hyphen',
	'grammar',
	'mojibake',
	'residue',
	'nbsp',
	'unusual'
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/**
 * Kinds whose fixes are exact and context-free enough for "fix all of this kind" in one click:
 * the repair of a mis-decoded character never depends on the sentence around it.
 */
export const SAFE_FIX_KINDS: readonly FlagKind[] = ['mojibake', 'nbsp', 'spacing', 'repetition'];

/**
 * How sure the checker is: `likely` flags are errors nearly every time they fire (the defaults of
 * the UI, the API and the CLI show them as before); `possible` flags are worth a look (a rare
 * word that may be a typo, a word the corpus statistics find unlikely in its context) and are
 * drawn fainter. Ordered from the surest.
 */
export const CONFIDENCE_LEVELS = ['likely', 'possible'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** True when a flag is at least as sure as `least` ("possible" lets every flag through). */
export const meetsConfidence = (found: Pick<Flag, 'confidence'>, least: Confidence): boolean =>
	CONFIDENCE_LEVELS.indexOf(found.confidence) <= CONFIDENCE_LEVELS.indexOf(least);

/**
 * One likely error. `start`/`end` are UTF-16 offsets into the checked text (JavaScript string
 * indices); `start === end` is an insertion point. Each suggestion replaces
 * `text.slice(start, end)`; the first is the one "apply" uses.
 */
export interface Flag {
	start: number;
	end: number;
	kind: FlagKind;
	message: string;
	suggestions: string[];
	/** Which rule raised it (stable id, used for ignore keys and benchmark breakdowns). */
	rule: string;
	confidence: Confidence;
}

/** A flag as it crosses a boundary (worker message, HTTP answer): validated, never trusted. */
export const flagSchema = z.object({
	start: z.number().int().nonnegative(),
	end: z.number().int().nonnegative(),
	kind: z.enum(FLAG_KINDS),
	message: z.string(),
	suggestions: z.array(z.string()),
	rule: z.string(),
	confidence: z.enum(CONFIDENCE_LEVELS).default('likely')
});

/** Hunspell files for one locale, as text or raw bytes (UTF-8). */
export interface HunspellDictionary {
	aff: string | Uint8Array;
	dic: string | Uint8Array;
}

export type Locale = 'en-US' | 'en-GB';

export interface CheckOptions {
	/** Words the team added to the story's dictionary (names, coinages): never spelling errors. */
	storyWords?: Iterable<string>;
	/** Words ignored everywhere in the story: no flag of any kind is raised on them. */
	ignoredWords?: Iterable<string>;
	/**
	 * Also report words that are not in any word list but are regularly formed from one
	 * ("unsmilingly", "raftered", "comin"): kind `unusual`, confidence `possible`. Off by
	 * default: nearly all of them are meant.
	 */
	unusualWords?: boolean;
}
