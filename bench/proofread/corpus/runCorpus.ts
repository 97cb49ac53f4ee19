/**
 * Checks one half of the corpus evaluation set (built under bench/.out/corpus) and scores it.
 * Shared by `npm run bench:proofread` (the test half) and `npm run bench:proofread:corpus`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { countWords } from '#shared/model/countWords';
import type { Checker } from '#shared/proofing/createChecker';
import type { Flag } from '#shared/proofing/types';
import { printScores } from '../printScores.ts';
import { buildCorpusSet, type Half } from './buildCorpusSet.ts';
import { scoreFlags, type ScoredRow } from './scoreFlags.ts';

export interface CorpusRun {
	half: Half;
	outDir: string;
	misses: boolean;
	falsePositives: boolean;
	log: (line?: string) => void;
	/** Keep only flags that pass (e.g. a confidence level). */
	keep?: (flag: Flag) => boolean;
}

export function runCorpus(checker: Checker, run: CorpusRun) {
	const folder = buildCorpusSet(path.join(run.outDir, 'corpus'))[run.half];
	return { half: run.half, ...scoreTruthFolder(checker, folder, run) };
}

/** Checks every .txt of a folder with a truth.jsonl and scores it with scoreFlags. */
export function scoreTruthFolder(
	checker: Checker,
	folder: string,
	run: Omit<CorpusRun, 'half' | 'outDir'> & { label?: string }
) {
	const { log } = run;
	const rows = readFileSync(path.join(folder, 'truth.jsonl'), 'utf8')
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line) as ScoredRow);
	const texts = new Map<string, string>();
	const flags = new Map<string, Flag[]>();
	let words = 0;
	let elapsed = 0;
	for (const file of readdirSync(folder)
		.filter((name) => name.endsWith('.txt'))
		.sort()) {
		const text = readFileSync(path.join(folder, file), 'utf8');
		texts.set(file, text);
		words += countWords(text);
		const started = performance.now();
		const found = checker.check(text);
		elapsed += performance.now() - started;
		flags.set(file, run.keep ? found.filter(run.keep) : found);
	}
	log(
		`  ${run.label ?? path.basename(folder)}: ${texts.size} documents, ${words.toLocaleString('en')} words, ` +
			`${rows.length} planted errors; checked in ${elapsed.toFixed(0)} ms`
	);
	const result = scoreFlags(texts, flags, rows);
	printScores(result, log);
	if (run.misses) {
		for (const miss of result.misses)
			log(
				`  MISS ${miss.row.kind}/${miss.row.subkind} ${JSON.stringify(miss.row.right)}: ${miss.context}`
			);
	}
	if (run.falsePositives) {
		for (const { flag, context } of result.falseFlags)
			log(`  FP ${flag.rule} → ${JSON.stringify(flag.suggestions[0] ?? '')}: ${context}`);
	}
	return {
		documents: texts.size,
		words,
		errors: rows.length,
		checkMs: elapsed,
		headline: result.headline,
		perKind: result.perKind,
		perRule: result.perRule
	};
}
