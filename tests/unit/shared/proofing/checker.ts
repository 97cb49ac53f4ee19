import { expect } from 'vitest';
import { applyFixes } from '#shared/proofing/applyFixes';
import { createChecker } from '#shared/proofing/createChecker';
import type { CheckOptions, Flag } from '#shared/proofing/types';
import { loadDictionary } from '../../../../server/proofing/loadDictionaries';

/** One checker per test file: building it parses the dictionary once (about 0.2 s). */
export const checker = createChecker({ dictionaries: { 'en-US': loadDictionary('en-US') } });

/** The text after "fix all": every flag's first suggestion applied. */
export function fixed(text: string, options?: CheckOptions): string {
	return applyFixes(text, checker.check(text, options));
}

/** Flags as "rule:flagged text", easy to read in a failing assertion. */
export function described(text: string, options?: CheckOptions): string[] {
	return checker
		.check(text, options)
		.map((found: Flag) => `${found.rule}:${text.slice(found.start, found.end)}`);
}

/** Asserts that fixing `text` gives `corrected`, and that `corrected` itself is clean. */
export function expectFix(text: string, corrected: string): void {
	expect(fixed(text), described(text).join(' ')).toBe(corrected);
	expect(described(corrected)).toEqual([]);
}

export function expectClean(text: string, options?: CheckOptions): void {
	expect(described(text, options)).toEqual([]);
}
