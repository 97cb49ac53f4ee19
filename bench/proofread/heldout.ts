/**
 * `npx tsx bench/proofread/heldout.ts`: the proofreading checker on the held-out stories in
 * tests/fixtures/proofread-heldout (original stories written for this, with planted errors, never
 * used to tune the rules), scored by ../shared/tools/score-proofread.mjs. It first checks that
 * every truth row's offsets point at its `wrong` text, so a slipped edit to a story fails loudly
 * instead of quietly scoring misses. Writes bench/.out/proofread-heldout.json.
 *
 *   npx tsx bench/proofread/heldout.ts                  # scores per kind, subkind and overall
 *   npx tsx bench/proofread/heldout.ts --misses --fp    # also list missed errors and false flags
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createChecker } from '#shared/proofing/createChecker';
import type { Locale } from '#shared/proofing/types';
import { loadDictionary } from '../../server/proofing/loadDictionaries.ts';
import type { Aggregate } from './printScores.ts';
import { scoreFolder } from './scoreFolder.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const heldOutDir = path.join(repoRoot, 'tests/fixtures/proofread-heldout');
const outDir = path.join(repoRoot, 'bench/.out');
const scorer = path.resolve(repoRoot, '../shared/tools/score-proofread.mjs');

const log = (line = '') => process.stdout.write(`${line}\n`);
const percent = (value: number | null | undefined) =>
	value == null ? '    -' : `${(100 * value).toFixed(1).padStart(5)}`;

interface TruthRow {
	id: string;
	story: string;
	start: number;
	end: number;
	wrong: string;
}

/** Every row's span must hold its `wrong` text; the story files are read as the scorer reads them. */
function checkTruthOffsets(): number {
	const rows = readFileSync(path.join(heldOutDir, 'truth.jsonl'), 'utf8')
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line) as TruthRow);
	const texts = new Map<string, string>();
	const broken: string[] = [];
	for (const row of rows) {
		if (!texts.has(row.story))
			texts.set(row.story, readFileSync(path.join(heldOutDir, row.story), 'utf8'));
		const found = texts.get(row.story)!.slice(row.start, row.end);
		if (found !== row.wrong)
			broken.push(
				`${row.id}: expected ${JSON.stringify(row.wrong)}, found ${JSON.stringify(found)}`
			);
	}
	if (broken.length) {
		throw new Error(`truth.jsonl offsets do not match the stories:\n  ${broken.join('\n  ')}`);
	}
	return rows.length;
}

function main(): void {
	const { values } = parseArgs({
		options: {
			misses: { type: 'boolean', default: false },
			fp: { type: 'boolean', default: false },
			locale: { type: 'string', default: 'en-US' }
		}
	});
	if (!existsSync(scorer)) throw new Error(`no scorer at ${scorer}`);
	const rows = checkTruthOffsets();
	log(`Held-out truth: ${rows} rows, offsets checked`);

	const locale = values.locale as Locale;
	const checker = createChecker({ dictionaries: { [locale]: loadDictionary(locale) }, locale });
	mkdirSync(outDir, { recursive: true });
	log('\nChecking the held-out stories');
	const { timings, result } = scoreFolder(checker, {
		dir: heldOutDir,
		scorer,
		flagsFile: path.join(outDir, 'proofread-heldout-flags.jsonl'),
		misses: values.misses!,
		falsePositives: values.fp!,
		log
	});

	const perSubkind = (result as { perSubkind?: Record<string, Aggregate> }).perSubkind ?? {};
	log('\nBy subkind (certain rows):');
	log('  subkind                            n  recall  fixes right');
	for (const [subkind, row] of Object.entries(perSubkind)) {
		log(
			`  ${subkind.padEnd(32)}${String(row.n).padStart(4)}   ${percent(row.recall)}   ${percent(row.fixAcc)}`
		);
	}
	const report = { startedAt: new Date().toISOString(), locale, timings, ...result };
	writeFileSync(
		path.join(outDir, 'proofread-heldout.json'),
		`${JSON.stringify(report, null, '\t')}\n`
	);
	log(`\nWrote ${path.relative(repoRoot, path.join(outDir, 'proofread-heldout.json'))}`);
}

main();
