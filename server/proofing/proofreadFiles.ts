import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createChecker } from '#shared/proofing/createChecker';
import { meetsConfidence, type Confidence, type Flag, type Locale } from '#shared/proofing/types';
import { loadDictionary } from './loadDictionaries';

export interface ProofreadOptions {
	json: boolean;
	locale: Locale;
	/** The least sure flags printed (default "possible": all of them). */
	confidence?: Confidence;
}

export interface ProofreadOutput {
	write(text: string): void;
	error(text: string): void;
}

/**
 * `galley proofread <files...> [--json] [--confidence likely]`: checks text files where they are, without importing
 * them. `--json` prints one flag per line with `story` set to the file's base name (the format
 * the proofreading scorer reads); otherwise `file:line:col kind message → suggestion`.
 * Returns the exit code: 1 when a file could not be read, else 0.
 */
export function proofreadFiles(
	files: string[],
	options: ProofreadOptions,
	output: ProofreadOutput
): number {
	const checker = createChecker({
		dictionaries: { [options.locale]: loadDictionary(options.locale) },
		locale: options.locale
	});
	let failures = 0;
	for (const file of files) {
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			failures++;
			output.error(`${file}: ${error instanceof Error ? error.message : String(error)}\n`);
			continue;
		}
		const least = options.confidence ?? 'possible';
		const flags = checker.check(text).filter((found) => meetsConfidence(found, least));
		if (options.json) {
			const story = path.basename(file);
			for (const found of flags) output.write(`${JSON.stringify({ story, ...found })}\n`);
		} else {
			output.write(report(file, text, flags));
		}
	}
	return failures === 0 ? 0 : 1;
}

function report(file: string, text: string, flags: Flag[]): string {
	const lineStarts = [0];
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
	const lines = flags.map((found) => {
		let line = lineStarts.length - 1;
		while (lineStarts[line]! > found.start) line--;
		const column = found.start - lineStarts[line]! + 1;
		const fix = found.suggestions.length
			? ` → ${found.suggestions.map((suggestion) => JSON.stringify(suggestion)).join(' | ')}`
			: '';
		const flagged = JSON.stringify(text.slice(found.start, found.end));
		const kind = found.confidence === 'likely' ? found.kind : `${found.kind} (${found.confidence})`;
		return `${file}:${line + 1}:${column} ${kind} ${flagged} ${found.message}${fix}\n`;
	});
	const counts = `${file}: ${flags.length} flag${flags.length === 1 ? '' : 's'}\n`;
	return lines.join('') + counts;
}
