/**
 * Scores flags against truth rows with the definitions of ../shared/tools/score-proofread.mjs
 * (written again here so the corpus set needs nothing outside the repository): a flag finds a row
 * when it overlaps it and is at most max(2 × the row's length, the row's length + 30) long;
 * recall = rows found / rows; precision = flags on a row / (those + flags on no row); a found row
 * is fixed when applying the top suggestion of every flag on it gives the right text.
 */
import type { Flag } from '#shared/proofing/types';
import type { ScoreReport } from '../printScores.ts';
import type { TruthRow } from './plantErrors.ts';

const straight = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

function overlaps(flag: Flag, row: ScoredRow): boolean {
	const length = row.end - row.start;
	if (flag.end - flag.start > Math.max(2 * length, length + 30)) return false;
	if (flag.start === flag.end) return row.start <= flag.start && flag.start <= row.end;
	return flag.start < row.end && row.start < flag.end;
}

function fixes(text: string, row: ScoredRow, flags: Flag[]): boolean {
	const start = Math.min(row.start, ...flags.map((flag) => flag.start));
	const end = Math.max(row.end, ...flags.map((flag) => flag.end));
	const expected = [row.right, ...(row.alts ?? [])].map((right) =>
		straight(text.slice(start, row.start) + right + text.slice(row.end, end))
	);
	let got = '';
	let at = start;
	for (const flag of [...flags].sort((a, b) => a.start - b.start)) {
		if (flag.start < at || flag.suggestions.length === 0) return false;
		got += text.slice(at, flag.start) + flag.suggestions[0];
		at = flag.end;
	}
	got += text.slice(at, end);
	return expected.includes(straight(got));
}

/** A truth row as the scorer reads it: planted rows are all certain; written ones may not be. */
export type ScoredRow = Omit<TruthRow, 'certain'> & { certain?: boolean; alts?: string[] };

export interface ScoredMiss {
	row: ScoredRow;
	context: string;
}

export interface CorpusScore extends ScoreReport {
	misses: ScoredMiss[];
	falseFlags: { story: string; flag: Flag; context: string }[];
}

/** Scores the flags of each story (by file name) against all rows. */
export function scoreFlags(
	texts: Map<string, string>,
	flagsByStory: Map<string, Flag[]>,
	rows: ScoredRow[]
): CorpusScore {
	const perKind: ScoreReport['perKind'] = {};
	const perRule: ScoreReport['perRule'] = {};
	let detected = 0;
	let fixed = 0;
	let tp = 0;
	let fp = 0;
	let flagCount = 0;
	let neutral = 0;
	const misses: ScoredMiss[] = [];
	const falseFlags: CorpusScore['falseFlags'] = [];
	const around = (text: string, start: number, end: number) =>
		`${text.slice(Math.max(0, start - 30), start)}[${text.slice(start, end)}]${text.slice(end, end + 30)}`.replace(
			/\n/g,
			' '
		);
	for (const [story, text] of texts) {
		const flags = flagsByStory.get(story) ?? [];
		const storyRows = rows.filter((row) => row.story === story);
		for (const row of storyRows.filter((candidate) => candidate.certain !== false)) {
			const kind =
				row.subkind === 'hyphen' || row.subkind === 'capitalization'
					? `${row.kind}/${row.subkind}`
					: row.kind;
			const entry = (perKind[kind] ??= { n: 0, detected: 0, recall: 0, fixAcc: 0, fixedAll: 0 });
			entry.n++;
			const on = flags.filter((flag) => overlaps(flag, row));
			if (on.length === 0) {
				misses.push({ row, context: around(text, row.start, row.end) });
				continue;
			}
			entry.detected++;
			detected++;
			if (fixes(text, row, on)) {
				fixed++;
				entry.fixedAll = (entry.fixedAll ?? 0) + 1;
			}
		}
		for (const flag of flags) {
			flagCount++;
			const rule = (perRule[flag.rule] ??= { flags: 0, tp: 0, neutral: 0, fp: 0 });
			rule.flags++;
			const on = storyRows.filter((row) => overlaps(flag, row));
			if (on.some((row) => row.certain !== false)) {
				rule.tp++;
				tp++;
			} else if (on.length) {
				rule.neutral++;
				neutral++;
			} else {
				rule.fp++;
				fp++;
				falseFlags.push({ story, flag, context: around(text, flag.start, flag.end) });
			}
		}
	}
	const certainCount = rows.filter((row) => row.certain !== false).length;
	for (const entry of Object.values(perKind)) {
		const fixedRows = entry.fixedAll ?? 0;
		entry.recall = entry.n ? entry.detected / entry.n : null;
		entry.fixAcc = entry.detected ? fixedRows / entry.detected : null;
		entry.fixedAll = entry.n ? fixedRows / entry.n : null;
	}
	return {
		headline: {
			n: certainCount,
			detected,
			recall: certainCount ? detected / certainCount : null,
			fixAcc: detected ? fixed / detected : null,
			fixedAll: certainCount ? fixed / certainCount : null,
			flags: flagCount,
			tp,
			fp,
			neutral,
			precision: tp + fp ? tp / (tp + fp) : null
		},
		perKind: Object.fromEntries(Object.entries(perKind).sort()),
		perRule,
		misses,
		falseFlags
	};
}
