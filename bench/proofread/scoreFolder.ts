/**
 * Runs the checker on every story of a folder that has a truth.jsonl (and maybe a lexicon.json)
 * and scores the flags with ../shared/tools/score-proofread.mjs. Shared by the benchmark on the
 * real stories (run.ts) and the one on the held-out stories (heldout.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { countWords } from '#shared/model/countWords';
import type { Checker } from '#shared/proofing/createChecker';
import { printScores, type ScoreReport } from './printScores.ts';

export interface FolderRun {
	dir: string;
	scorer: string;
	/** Where the flags go, one JSON line each, for the scorer (and for a person to read). */
	flagsFile: string;
	misses: boolean;
	falsePositives: boolean;
	log: (line?: string) => void;
}

export function scoreFolder(checker: Checker, run: FolderRun) {
	const { dir, log } = run;
	const files = readdirSync(dir)
		.filter((file) => file.endsWith('.txt'))
		.sort();
	const lines: string[] = [];
	const timings: { story: string; words: number; flags: number; ms: number }[] = [];
	for (const file of files) {
		const text = readFileSync(path.join(dir, file), 'utf8');
		const started = performance.now();
		const flags = checker.check(text);
		const elapsed = performance.now() - started;
		timings.push({ story: file, words: countWords(text), flags: flags.length, ms: elapsed });
		log(`  ${file}: ${countWords(text)} words, ${flags.length} flags, ${elapsed.toFixed(1)} ms`);
		for (const flag of flags) lines.push(JSON.stringify({ story: file, ...flag }));
	}
	writeFileSync(run.flagsFile, `${lines.join('\n')}\n`);

	const lexicon = path.join(dir, 'lexicon.json');
	const args = [
		run.scorer,
		'--truth',
		path.join(dir, 'truth.jsonl'),
		'--stories',
		dir,
		...(existsSync(lexicon) ? ['--lexicon', lexicon] : []),
		run.flagsFile
	];
	const scored = spawnSync(process.execPath, [...args, '--json'], { encoding: 'utf8' });
	if (scored.status !== 0) throw new Error(`scorer failed: ${scored.stderr}`);
	const result = Object.values(JSON.parse(scored.stdout) as Record<string, ScoreReport>)[0]!;
	printScores(result, log);
	if (run.misses || run.falsePositives) {
		const listed = spawnSync(
			process.execPath,
			[...args, ...(run.misses ? ['--misses'] : []), ...(run.falsePositives ? ['--fp'] : [])],
			{ encoding: 'utf8' }
		);
		log(
			listed.stdout
				.split('\n')
				.filter((line) => /^\s+(?:MISS|FP) /.test(line))
				.join('\n')
		);
	}
	return { timings, result };
}
