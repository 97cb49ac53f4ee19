/** Small character and case helpers shared by the rules. */

export const QUOTE_CHARS = '"“”';
export const CLOSING_PUNCTUATION = '.!?…';

export const isUpper = (char: string | undefined): boolean =>
	!!char && char !== char.toLowerCase() && char === char.toUpperCase();

export const isLower = (char: string | undefined): boolean =>
	!!char && char !== char.toUpperCase() && char === char.toLowerCase();

/** "Tara", "McKay": an uppercase first letter and at least one lowercase one. */
export const isCapitalized = (word: string): boolean =>
	isUpper(word[0]) && /\p{Ll}/u.test(word.slice(1));

/** "NO", "GOD": two or more letters, all uppercase. */
export const isAllCaps = (word: string): boolean =>
	word.length > 1 && /^[\p{Lu}\p{M}'’]+$/u.test(word);

export const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

export const decapitalize = (word: string): string => word.charAt(0).toLowerCase() + word.slice(1);

/** Gives `replacement` the case pattern of `original` (first letter or all caps). */
export function matchCase(original: string, replacement: string): string {
	if (isAllCaps(original) && original.length > 1) return replacement.toUpperCase();
	if (isUpper(original[0])) return capitalize(replacement);
	return replacement;
}

/** "Joss's" → "Joss", "dogs'" stays: only a final 's (straight or curly) is stripped. */
export const stripPossessive = (word: string): string => word.replace(/['’]s$/i, '');
