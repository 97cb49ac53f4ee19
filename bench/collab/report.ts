import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { LoadResult, ProcessFigures } from './runLoad.ts';
import type { BenchOptions } from './options.ts';
import { renderOutages, type OutageResult } from './redisOutage.ts';
import { outDir } from './servers.ts';
import type { SyncResult } from './syncTime.ts';

/** A run that failed: which deployment (report column), which load, why. */
export interface RunError {
	server: string;
	load: string;
	message: string;
}

export interface BenchReport {
	startedAt: string;
	node: string;
	cpus: number;
	options: BenchOptions;
	/**
	 * The report's two columns, in order, and the ratio first / second: ours and the reference,
	 * or (with --nodes N) N processes and 1 process.
	 */
	columns: [string, string];
	sync: SyncResult[];
	loads: LoadResult[];
	outages: OutageResult[];
	errors: RunError[];
}

type Pair<T> = Partial<Record<string, T>>;

const number = (value: number, digits = 0) =>
	Number.isFinite(value) ? value.toFixed(digits) : value === Infinity ? '∞' : '–';

function ratio(first: number | undefined, second: number | undefined): string {
	if (first === undefined || second === undefined) return '–';
	if (!Number.isFinite(first) || !Number.isFinite(second) || second === 0) return '–';
	return (first / second).toFixed(2);
}

/** Table rows for one report; a missing figure shows as "error" (the run failed) or "not run". */
function rowWriter([a, b]: [string, string], ran: string[]) {
	const missing = (column: string) => (ran.includes(column) ? 'error' : 'not run');
	return {
		row(load: string, figure: string, pair: Pair<number>, format: (v: number) => string): string {
			const cell = (column: string) =>
				pair[column] === undefined ? missing(column) : format(pair[column]!);
			return `| ${load} | ${figure} | ${cell(a)} | ${cell(b)} | ${ratio(pair[a], pair[b])} |`;
		},
		textRow(load: string, figure: string, pair: Pair<string>): string {
			return `| ${load} | ${figure} | ${pair[a] ?? missing(a)} | ${pair[b] ?? missing(b)} | |`;
		}
	};
}

function pick<R extends { server: string }, T>(results: R[], get: (r: R) => T): Pair<T> {
	const pair: Pair<T> = {};
	for (const r of results) pair[r.server] = get(r);
	return pair;
}

function generatorStatus(r: LoadResult): string {
	const cpu = r.generatorCpuCores.map((c) => `${(c * 100).toFixed(0)} %`).join('+');
	const elu = r.generatorLoops.map((l) => l.utilization.toFixed(2)).join('+');
	const state = r.saturated ? `**SATURATED** (${r.saturationReasons.join('; ')})` : 'ok';
	return `${state}: CPU ${cpu}, ELU ${elu}, observers CPU ${(r.observerCpuCores * 100).toFixed(0)} %`;
}

function machineStatus(r: LoadResult): string {
	const busy = `${(r.machineBusy * 100).toFixed(0)} % of all cores busy`;
	const other = `other processes ${(r.otherCpuCores * 100).toFixed(0)} % of a core`;
	return r.disturbed ? `**DISTURBED**: ${other}; ${busy}` : `${busy}; ${other}`;
}

/** The Markdown table: rows = load × figure, columns ours / reference / ratio. */
export function renderTable(report: BenchReport): string {
	const [first, second] = report.columns;
	const nodes = report.options.nodes;
	const { row, textRow } = rowWriter(
		report.columns,
		nodes ? report.columns : report.options.servers
	);
	const lines = [
		nodes
			? `## Collaboration load: Galley on ${nodes} processes vs 1 process, both on Postgres + Redis`
			: `## Collaboration load: Galley (ours) vs y-websocket 2.1.0 bin/server (reference)`,
		'',
		`${report.startedAt}, Node ${report.node}, ${report.cpus} cores, ` +
			`window ${report.options.windowSec} s after ${report.options.warmupSec} s warm-up, ` +
			`${report.options.charsPerSec} chars/s per client, ${report.options.observers} observers, ` +
			`${report.options.generators} generator process(es)${report.options.quick ? ', QUICK run' : ''}.`,
		'',
		`| load | figure | ${first} | ${second} | ${nodes ? `${nodes} / 1` : 'ours / ref'} |`,
		'|---|---|---:|---:|---:|'
	];
	if (report.sync.length) {
		const s = report.sync;
		const label = '50 KB story';
		lines.push(
			row(
				label,
				'initial sync, first connect (ms)',
				pick(s, (r) => r.firstMs),
				(v) => number(v, 1)
			)
		);
		lines.push(
			row(
				label,
				'initial sync, later connects median (ms)',
				pick(s, (r) => r.repeatMedianMs),
				(v) => number(v, 1)
			)
		);
		lines.push(
			row(
				label,
				'initial sync, later connects p95 (ms)',
				pick(s, (r) => r.repeatP95Ms),
				(v) => number(v, 1)
			)
		);
		lines.push(
			row(
				label,
				'server answer, raw step 1 → step 2, median (ms)',
				pick(s, (r) => r.rawMedianMs),
				(v) => number(v, 1)
			)
		);
		lines.push(
			row(
				label,
				'document state (KB)',
				pick(s, (r) => r.stateBytes / 1024),
				(v) => number(v, 1)
			)
		);
	}
	const loadIds = [...new Set(report.loads.map((r) => r.load))];
	for (const id of loadIds) {
		const results = report.loads.filter((r) => r.load === id);
		const label = results[0]!.label;
		const undelivered = results.some((r) => r.latency.undelivered > 0);
		lines.push(
			row(
				label,
				'edit-to-arrival p50 (ms)',
				pick(results, (r) => r.latency.p50),
				(v) => number(v, 1)
			)
		);
		lines.push(
			row(
				label,
				'edit-to-arrival p95 (ms)',
				pick(results, (r) => r.latency.p95),
				(v) => number(v, 1)
			)
		);
		lines.push(
			row(
				label,
				'edit-to-arrival p99 (ms)',
				pick(results, (r) => r.latency.p99),
				(v) => number(v, 1)
			)
		);
		if (undelivered) {
			lines.push(
				textRow(
					label,
					'edits never arrived at an observer',
					pick(results, (r) => `${r.latency.undelivered} of ${r.latency.pairs}`)
				)
			);
		}
		lines.push(
			row(
				label,
				'delivered updates/s',
				pick(results, (r) => r.deliveredPerSec),
				(v) => number(v)
			)
		);
		lines.push(
			row(
				label,
				'  … of offered updates/s',
				pick(results, (r) => r.offeredPerSec),
				(v) => number(v)
			)
		);
		lines.push(
			row(
				label,
				'server CPU (% of a core)',
				pick(results, (r) => r.serverCpuCores * 100),
				(v) => number(v)
			)
		);
		lines.push(
			row(
				label,
				'server RSS (MB)',
				pick(results, (r) => r.serverRssBytes / 2 ** 20),
				(v) => number(v, 1)
			)
		);
		lines.push(
			row(
				label,
				'  … before clients connected (MB)',
				pick(results, (r) => r.baselineRssBytes / 2 ** 20),
				(v) => number(v, 1)
			)
		);
		if (results.some((r) => r.backingCpuCores > 0)) {
			lines.push(
				row(
					label,
					'  … Postgres + Redis CPU (% of a core)',
					pick(results, (r) => r.backingCpuCores * 100),
					(v) => number(v)
				)
			);
		}
		if (results.some((r) => r.nodes > 1)) {
			const each = (r: LoadResult, figure: (p: ProcessFigures) => string) =>
				r.processes.map(figure).join(' / ');
			lines.push(
				textRow(
					label,
					'  … CPU per process (% of a core)',
					pick(results, (r) => each(r, (p) => number(p.cpuCores * 100)))
				)
			);
			lines.push(
				textRow(
					label,
					'  … RSS per process (MB)',
					pick(results, (r) => each(r, (p) => number(p.rssBytes / 2 ** 20, 1)))
				)
			);
		}
		if (results.some((r) => r.idleRoomBytes !== null)) {
			lines.push(
				row(
					label,
					'RSS per idle room (KB)',
					pick(results, (r) => (r.idleRoomBytes ?? NaN) / 1024),
					(v) => number(v, 1)
				)
			);
		}
		if (results.some((r) => r.echoesPerSec > 0)) {
			lines.push(
				row(
					label,
					'own edits echoed back/s',
					pick(results, (r) => r.echoesPerSec),
					(v) => number(v)
				)
			);
		}
		if (results.some((r) => r.connectFailures + r.droppedClients > 0)) {
			lines.push(
				textRow(
					label,
					'clients failed / dropped',
					pick(results, (r) => `${r.connectFailures} / ${r.droppedClients}`)
				)
			);
		}
		lines.push(textRow(label, 'load generator', pick(results, generatorStatus)));
		lines.push(textRow(label, 'machine', pick(results, machineStatus)));
	}
	if (report.outages.length) lines.push('', ...renderOutages(report.outages));
	for (const error of report.errors) {
		lines.push('', `- ${error.server} / ${error.load} failed: ${error.message.split('\n')[0]}`);
	}
	lines.push(
		'',
		'Latency: from the moment a typing client hands a keystroke to its socket until a real',
		'WebsocketProvider in the same room has integrated it (edits still missing after the drain count as ∞).',
		'Delivered updates/s: keystrokes of other clients arriving at each client per second, a merged frame',
		"counting every keystroke it carries; a client's own edits echoed back are not counted. Offered: what",
		'would arrive if every keystroke reached every other client of its room within the window.',
		'Server CPU and RSS: /proc of the server process over the window; RSS at the end of the window.',
		'With several processes: the sum over them (their shared Postgres and Redis are not counted), and',
		'each one below it; clients and observers are spread over the processes in turn.',
		'RSS per idle room: (server RSS with every room open, one idle client each − RSS before) / rooms.',
		'Initial sync: new WebsocketProvider until "synced" (includes integrating the document client-side);',
		'the first connect makes ours load the room from SQLite, while the reference holds every document in',
		'memory from the moment a client brought it. Raw step 1 → step 2 times the server alone.',
		'SATURATED: a generator or the observers could not keep up (figures may understate the server);',
		'DISTURBED: other processes used the CPU during the window (rerun on an idle machine).'
	);
	return lines.join('\n');
}

/** Writes the JSON and the table to bench/.out/ and returns the table's path. */
export function writeReport(report: BenchReport, table: string): string {
	mkdirSync(outDir, { recursive: true });
	const stamp = report.startedAt.replace(/[:.]/g, '-');
	const json = JSON.stringify(report, null, 2);
	const mdPath = path.join(outDir, `collab-${stamp}.md`);
	writeFileSync(path.join(outDir, `collab-${stamp}.json`), json);
	writeFileSync(mdPath, `${table}\n`);
	writeFileSync(path.join(outDir, 'collab-latest.json'), json);
	writeFileSync(path.join(outDir, 'collab-latest.md'), `${table}\n`);
	return mdPath;
}

/** Machine facts for the report header. */
export function machine() {
	return { node: process.version, cpus: cpus().length };
}
