import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { HunspellDictionary, Locale } from '#shared/proofing/types';

const PACKAGES: Record<Locale, string> = {
	'en-US': 'dictionary-en',
	'en-GB': 'dictionary-en-gb'
};

const require = createRequire(import.meta.url);

/**
 * Reads a locale's Hunspell files from its npm package. The browser worker fetches the same two
 * files as static assets instead; the checker only ever sees the bytes.
 */
export function loadDictionary(locale: Locale): HunspellDictionary {
	const directory = path.dirname(require.resolve(PACKAGES[locale]));
	return {
		aff: readFileSync(path.join(directory, 'index.aff')),
		dic: readFileSync(path.join(directory, 'index.dic'))
	};
}

/** The dictionaries of the given locales (both by default), keyed by locale. */
export function loadDictionaries(
	locales: readonly Locale[] = ['en-US', 'en-GB']
): Partial<Record<Locale, HunspellDictionary>> {
	return Object.fromEntries(locales.map((locale) => [locale, loadDictionary(locale)]));
}
