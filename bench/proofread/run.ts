/**
 * `npm run bench:proofread`: the proofreading checker on the real stories in ../shared/stories
 * (when that folder is there), scored by ../shared/tools/score-proofread.mjs, on the written
 * held-out stories and on the test half of the corpus evaluation set, plus the time to
 * check a generated 50,000-word story once the dictionary is loaded. Prints tables and writes
 * bench/.out/proofread.json (and the flags it scored, bench/.out/proofread-flags.jsonl).
 *
 *   npm run bench:proofread                  # scores and timings
 *   npm run bench:proofread -- --misses --fp # also list missed errors and false flags
 *   npm run bench:proofread -- --stories     # only the shared and held-out stories (no test half,
 *                                            # no timings): for checks while tuning
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { countWords } from '#shared/model/countWords';
import { createChecker, type Checker } from '#shared/proofing/createChecker';
import type { Locale } from '#shared/proofing/types';
import { loadDictionary } from '../../server/proofing/loadDictionaries.ts';
import { runCorpus, scoreTruthFolder } from './corpus/runCorpus.ts';
import { generateStory } from './generateStory.ts';
import { scoreFolder } from './scoreFolder.ts';
import { timeRealText } from './timeRealText.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const outDir = path.join(repoRoot, 'bench/.out');
const shared = path.resolve(repoRoot, '../shared');
const storiesDir = path.join(shared, 'stories');
const scorer = path.join(shared, 'tools/score-proofread.mjs');
const heldOutDir = path.join(repoRoot, 'tests/fixtures/proofread-heldout');
const TARGET_WORDS = 50_000;
const AIM_MS = 500;

const log = (line = '') => process.stdout.write(`${line}\n`);
const ms = (value: number) => `${value.toFixed(0)} ms`;

function main(): void {
	const { values } = parseArgs({
		options: {
			misses: { type: 'boolean', default: false },
			fp: { type: 'boolean', default: false },
			stories: { type: 'boolean', default: false },
			locale: { type: 'string', default: 'en-US' }
		}
	});
	const locale = values.locale as Locale;
	mkdirSync(outDir, { recursive: true });

	let started = performance.now();
	const dictionary = loadDictionary(locale);
	const readMs = performance.now() - started;
	started = performance.now();
	const checker = createChecker({ dictionaries: { [locale]: dictionary }, locale });
	const buildMs = performance.now() - started;
	log(`Dictionary ${locale}: read ${ms(readMs)}, parsed ${ms(buildMs)}`);

	const stories =
		existsSync(path.join(storiesDir, 'truth.jsonl')) && existsSync(scorer)
			? scoreStories(checker, values.misses!, values.fp!)
			: (log(`\n(no ${path.relative(repoRoot, storiesDir)} with truth.jsonl: scoring skipped)`),
				null);
	log(
		'\nThe written held-out stories (tests/fixtures/proofread-heldout, scored by corpus/scoreFlags.ts)'
	);
	const heldOut = scoreTruthFolder(checker, heldOutDir, {
		misses: false,
		falsePositives: false,
		log,
		label: 'held-out'
	});
	if (values.stories) return;
	log('\nThe corpus evaluation set, TEST half (Brown fiction, planted errors; never tuned on)');
	const corpus = runCorpus(checker, {
		half: 'test',
		outDir,
		misses: values.misses!,
		falsePositives: values.fp!,
		log
	});
	const speed = timeLongStory(locale);
	const realText = timeRealText(locale, path.join(outDir, 'corpus/dev'), TARGET_WORDS);
	log(
		`\nChecking ${realText.words.toLocaleString('en')} words of real prose (corpus dev documents, ${realText.flags} flags):`
	);
	log(
		`  warm server, text not seen before: median ${ms(realText.warmServerMs)} of 3 ` +
			`(${realText.roundsMs.map(ms).join(', ')})`
	);
	log(`  same text again (suggestions cached): ${ms(realText.againMs)}`);
	log(`  aim < ${AIM_MS} ms: ${realText.warmServerMs < AIM_MS ? 'met' : 'NOT met'}`);

	const report = {
		startedAt: new Date().toISOString(),
		node: process.version,
		locale,
		dictionary: { readMs, buildMs },
		stories,
		heldOut,
		corpus,
		speed,
		realText
	};
	writeFileSync(path.join(outDir, 'proofread.json'), `${JSON.stringify(report, null, '\t')}\n`);
	log(`\nWrote ${path.relative(repoRoot, path.join(outDir, 'proofread.json'))}`);
}

function scoreStories(checker: Checker, misses: boolean, falsePositives: boolean) {
	log('\nChecking the stories');
	const { timings, result } = scoreFolder(checker, {
		dir: storiesDir,
		scorer,
		flagsFile: path.join(outDir, 'proofread-flags.jsonl'),
		misses,
		falsePositives,
		log
	});
	return { timings, headline: result.headline, perKind: result.perKind, perRule: result.perRule };
}

/** A fresh checker each round, so the first check pays for every suggestion like a new story would. */
function timeLongStory(locale: Locale) {
	const text = generateStory(TARGET_WORDS);
	const words = countWords(text);
	const dictionary = loadDictionary(locale);
	const rounds: number[] = [];
	let flags = 0;
	for (let round = 0; round < 5; round++) {
		const checker = createChecker({ dictionaries: { [locale]: dictionary }, locale });
		const started = performance.now();
		flags = checker.check(text).length;
		rounds.push(performance.now() - started);
	}
	const sorted = [...rounds].sort((a, b) => a - b);
	const median = sorted[Math.floor(sorted.length / 2)]!;
	const checker = createChecker({ dictionaries: { [locale]: dictionary }, locale });
	checker.check(text);
	const again = performance.now();
	checker.check(text);
	const warm = performance.now() - again;
	log(`\nChecking ${words.toLocaleString('en')} generated words (${flags} flags):`);
	log(
		`  new checker: median ${ms(median)} of ${rounds.length} ` +
			`(min ${ms(sorted[0]!)}, max ${ms(sorted.at(-1)!)})`
	);
	log(`  same checker again (suggestions cached): ${ms(warm)}`);
	log(`  aim < ${AIM_MS} ms: ${median < AIM_MS ? 'met' : 'NOT met'}`);
	return { words, flags, roundsMs: rounds, medianMs: median, warmMs: warm, aimMs: AIM_MS };
}

main();
