import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { countWords } from '#shared/model/countWords';
import { createChecker } from '#shared/proofing/createChecker';
import type { Locale } from '#shared/proofing/types';
import { loadDictionary } from '../../server/proofing/loadDictionaries.ts';
import { generateStory } from './generateStory.ts';

/**
 * Times the checker on 50,000 words of real prose with real-looking slips: the corpus set's
 * development documents (Brown fiction with planted errors) run together. The generated story
 * repeats a few sentences, so its unknown words are few and cached after the first; real prose
 * has hundreds of different unknown words (names, dialect, misspellings), and their suggestion
 * search is what used to cost seconds.
 *
 * - warm server: a checker that has already checked another text (dictionary and lexicon loaded,
 *   caches warm for common words), on this text for the first time: what an API call costs;
 * - again: the same text a second time (every suggestion cached): what a re-check while typing
 *   costs.
 */
export function timeRealText(locale: Locale, folder: string, targetWords: number) {
	let text = '';
	for (const file of readdirSync(folder)
		.filter((name) => name.endsWith('.txt'))
		.sort()) {
		text += `${readFileSync(path.join(folder, file), 'utf8')}\n\n`;
		if (countWords(text) >= targetWords) break;
	}
	const dictionary = loadDictionary(locale);
	const rounds: number[] = [];
	let flags = 0;
	let again = 0;
	for (let round = 0; round < 3; round++) {
		const checker = createChecker({ dictionaries: { [locale]: dictionary }, locale });
		checker.check(generateStory(5_000));
		let started = performance.now();
		flags = checker.check(text).length;
		rounds.push(performance.now() - started);
		started = performance.now();
		checker.check(text);
		again = performance.now() - started;
	}
	const median = [...rounds].sort((a, b) => a - b)[1]!;
	return { words: countWords(text), flags, warmServerMs: median, roundsMs: rounds, againMs: again };
}
