/** The parts of score-proofread.mjs's `--json` output the benchmark prints. */
export interface Aggregate {
	n: number;
	detected: number;
	recall: number | null;
	fixAcc: number | null;
	fixedAll: number | null;
}

export interface ScoreReport {
	headline: Aggregate & {
		flags: number;
		tp: number;
		fp: number;
		neutral: number;
		precision: number | null;
	};
	perKind: Record<string, Aggregate>;
	perRule: Record<string, { flags: number; tp: number; neutral: number; fp: number }>;
}

const percent = (value: number | null | undefined) =>
	value == null ? '    -' : `${(100 * value).toFixed(1).padStart(5)}`;

/**
 * Recall and fix accuracy per kind of error (the copy-editor's kinds), precision per kind of flag
 * (the checker's kinds, from its rule ids), then overall.
 */
export function printScores(result: ScoreReport, log: (line?: string) => void): void {
	log("\nErrors found, by the copy-editor's kind (certain rows):");
	log('  kind                          n  recall  fixes right');
	for (const [kind, row] of Object.entries(result.perKind)) {
		log(
			`  ${kind.padEnd(26)}${String(row.n).padStart(5)}   ${percent(row.recall)}   ${percent(row.fixAcc)}`
		);
	}
	log("\nFlags raised, by the checker's kind:");
	log('  kind          flags  right  false  precision');
	const byKind = new Map<string, { flags: number; tp: number; fp: number }>();
	for (const [rule, row] of Object.entries(result.perRule)) {
		const kind = rule.split('/')[0]!;
		const total = byKind.get(kind) ?? { flags: 0, tp: 0, fp: 0 };
		byKind.set(kind, {
			flags: total.flags + row.flags,
			tp: total.tp + row.tp,
			fp: total.fp + row.fp
		});
	}
	for (const [kind, row] of [...byKind].sort()) {
		const precision = row.tp + row.fp ? row.tp / (row.tp + row.fp) : null;
		log(
			`  ${kind.padEnd(12)}${String(row.flags).padStart(6)}${String(row.tp).padStart(7)}` +
				`${String(row.fp).padStart(7)}     ${percent(precision)}`
		);
	}
	const { headline } = result;
	log(
		`\nOverall: recall ${percent(headline.recall)} % (${headline.detected}/${headline.n}), ` +
			`fixes right ${percent(headline.fixAcc)} % of those found, ` +
			`precision ${percent(headline.precision)} % (${headline.tp} right, ${headline.fp} false, ` +
			`${headline.neutral} on debatable rows)`
	);
}
