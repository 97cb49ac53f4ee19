/**
 * `npm run bench:proofread`: the proofreading checker on the real stories in ../shared/stories
 * (when that folder is there), scored by ../shared/tools/score-proofread.mjs, plus the time to
 * check a generated 50,000-word story once the dictionary is loaded. Prints tables and writes
 * bench/.out/proofread.json (and the flags it scored, bench/.out/proofread-flags.jsonl).
 *
 *   npm run bench:proofread                  # scores and timings
 *   npm run bench:proofread -- --misses --fp # also list missed errors and false flags
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { countWords } from '#shared/model/countWords';
import { createChecker, type Checker } from '#shared/proofing/createChecker';
import type { Locale } from '#shared/proofing/types';
import { loadDictionary } from '../../server/proofing/loadDictionaries.ts';
import { generateStory } from './generateStory.ts';
import { printScores, type ScoreReport } from './printScores.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const outDir = path.join(repoRoot, 'bench/.out');
const shared = path.resolve(repoRoot, '../shared');
const storiesDir = path.join(shared, 'stories');
const scorer = path.join(shared, 'tools/score-proofread.mjs');
const TARGET_WORDS = 50_000;
const AIM_MS = 500;

const log = (line = '') => process.stdout.write(`${line}\n`);
const ms = (value: number) => `${value.toFixed(0)} ms`;

function main(): void {
	const { values } = parseArgs({
		options: {
			misses: { type: 'boolean', default: false },
			fp: { type: 'boolean', default: false },
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
	const speed = timeLongStory(locale);

	const report = {
		startedAt: new Date().toISOString(),
		node: process.version,
		locale,
		dictionary: { readMs, buildMs },
		stories,
		speed
	};
	writeFileSync(path.join(outDir, 'proofread.json'), `${JSON.stringify(report, null, '\t')}\n`);
	log(`\nWrote ${path.relative(repoRoot, path.join(outDir, 'proofread.json'))}`);
}

function scoreStories(checker: Checker, misses: boolean, falsePositives: boolean) {
	const files = readdirSync(storiesDir)
		.filter((file) => file.endsWith('.txt'))
		.sort();
	const lines: string[] = [];
	const timings: { story: string; words: number; flags: number; ms: number }[] = [];
	log('\nChecking the stories');
	for (const file of files) {
		const text = readFileSync(path.join(storiesDir, file), 'utf8');
		const started = performance.now();
		const flags = checker.check(text);
		const elapsed = performance.now() - started;
		timings.push({ story: file, words: countWords(text), flags: flags.length, ms: elapsed });
		log(`  ${file}: ${countWords(text)} words, ${flags.length} flags, ${elapsed.toFixed(1)} ms`);
		for (const flag of flags) lines.push(JSON.stringify({ story: file, ...flag }));
	}
	const flagsFile = path.join(outDir, 'proofread-flags.jsonl');
	writeFileSync(flagsFile, `${lines.join('\n')}\n`);

	const args = [
		scorer,
		'--truth',
		path.join(storiesDir, 'truth.jsonl'),
		'--stories',
		storiesDir,
		'--lexicon',
		path.join(storiesDir, 'lexicon.json'),
		flagsFile
	];
	const scored = spawnSync(process.execPath, [...args, '--json'], { encoding: 'utf8' });
	if (scored.status !== 0) throw new Error(`scorer failed: ${scored.stderr}`);
	const result = Object.values(JSON.parse(scored.stdout) as Record<string, ScoreReport>)[0]!;
	printScores(result, log);
	if (misses || falsePositives) {
		const listed = spawnSync(
			process.execPath,
			[...args, ...(misses ? ['--misses'] : []), ...(falsePositives ? ['--fp'] : [])],
			{ encoding: 'utf8' }
		);
		log(
			listed.stdout
				.split('\n')
				.filter((line) => /^\s+(?:MISS|FP) /.test(line))
				.join('\n')
		);
	}
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
