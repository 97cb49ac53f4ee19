/**
 * `npm run bench:proofread:corpus`: the checker on the corpus evaluation set (Brown fiction with
 * planted errors, see corpus/buildCorpusSet.ts). Tune on the development half only; the test half
 * is what `npm run bench:proofread` reports.
 *
 *   npm run bench:proofread:corpus                       # the development half
 *   npm run bench:proofread:corpus -- --misses --fp      # also list misses and false flags
 *   npm run bench:proofread:corpus -- --half test        # the test half (report it, never tune on it)
 *   npm run bench:proofread:corpus -- --confidence likely
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createChecker } from '#shared/proofing/createChecker';
import type { Locale } from '#shared/proofing/types';
import { loadDictionary } from '../../server/proofing/loadDictionaries.ts';
import { runCorpus } from './corpus/runCorpus.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const outDir = path.join(repoRoot, 'bench/.out');
const log = (line = '') => process.stdout.write(`${line}\n`);

const { values } = parseArgs({
	options: {
		half: { type: 'string', default: 'dev' },
		misses: { type: 'boolean', default: false },
		fp: { type: 'boolean', default: false },
		locale: { type: 'string', default: 'en-US' }
	}
});
const half = values.half === 'test' ? 'test' : 'dev';
const locale = values.locale as Locale;
mkdirSync(outDir, { recursive: true });
const checker = createChecker({ dictionaries: { [locale]: loadDictionary(locale) }, locale });
log(
	`Corpus evaluation set, ${half === 'dev' ? 'DEVELOPMENT half (tune here)' : 'TEST half (report only)'}`
);
const result = runCorpus(checker, {
	half,
	outDir,
	misses: values.misses!,
	falsePositives: values.fp!,
	log
});
writeFileSync(
	path.join(outDir, `proofread-corpus-${half}.json`),
	`${JSON.stringify(result, null, '\t')}\n`
);
