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
	'nbsp'
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/**
 * Kinds whose fixes are exact and context-free enough for "fix all of this kind" in one click:
 * the repair of a mis-decoded character never depends on the sentence around it.
 */
export const SAFE_FIX_KINDS: readonly FlagKind[] = ['mojibake', 'nbsp', 'spacing', 'repetition'];

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
}

/** A flag as it crosses a boundary (worker message, HTTP answer): validated, never trusted. */
export const flagSchema = z.object({
	start: z.number().int().nonnegative(),
	end: z.number().int().nonnegative(),
	kind: z.enum(FLAG_KINDS),
	message: z.string(),
	suggestions: z.array(z.string()),
	rule: z.string()
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
}
