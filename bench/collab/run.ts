/**
 * `npm run bench`: the collaboration server under the typing loads, against the
 * y-websocket 2.1.0 reference server, both started fresh for every run as child processes and
 * alternated (ABBA order across loads so drift in the machine does not favour one side).
 * Prints a Markdown table and writes it with the raw JSON to bench/.out/.
 */
import { nowMs } from './clock.ts';
import { parseOptions } from './options.ts';
import { machine, renderTable, writeReport, type BenchReport } from './report.ts';
import { runLoad } from './runLoad.ts';
import type { ServerKind } from './servers.ts';
import { measureInitialSync } from './syncTime.ts';
import { waitForQuietMachine } from './quietMachine.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function quiet(maxWaitSec: number): Promise<void> {
	const busy = await waitForQuietMachine(maxWaitSec);
	if (busy >= 0.15)
		log(`  (machine not idle: other processes use ${(busy * 100).toFixed(0)} % of a core)`);
}

async function main() {
	const options = parseOptions(process.argv.slice(2));
	const report: BenchReport = {
		startedAt: new Date().toISOString(),
		...machine(),
		options,
		sync: [],
		loads: [],
		errors: []
	};
	const started = nowMs();
	const order = (i: number): ServerKind[] =>
		i % 2 === 0 ? options.servers : [...options.servers].reverse();

	if (options.sync) {
		for (const kind of order(0)) {
			await quiet(options.quietWaitSec);
			log(`[${kind}] initial sync of a 50 KB story`);
			try {
				report.sync.push(await measureInitialSync(kind, options.syncRepeats));
			} catch (error) {
				report.errors.push({ server: kind, load: 'sync50k', message: String(error) });
				log(`  failed: ${String(error)}`);
			}
		}
	}
	for (const [i, load] of options.loads.entries()) {
		for (const kind of order(i + 1)) {
			await quiet(options.quietWaitSec);
			log(`[${kind}] ${load.label} (${load.id})`);
			try {
				const result = await runLoad(kind, load, options);
				report.loads.push(result);
				log(
					`  p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, ` +
						`${result.deliveredPerSec.toFixed(0)}/${result.offeredPerSec.toFixed(0)} updates/s, ` +
						`server CPU ${(result.serverCpuCores * 100).toFixed(0)} %, ` +
						`generator CPU ${result.generatorCpuCores.map((c) => (c * 100).toFixed(0)).join('+')} %` +
						(result.saturated ? ` SATURATED (${result.saturationReasons.join('; ')})` : '')
				);
			} catch (error) {
				report.errors.push({ server: kind, load: load.id, message: String(error) });
				log(`  failed: ${String(error)}`);
			}
		}
	}
	const table = renderTable(report);
	process.stdout.write(`${table}\n`);
	const written = writeReport(report, table);
	log(`\nwritten ${written} (and .json) in ${((nowMs() - started) / 1000).toFixed(0)} s`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		log(String(error instanceof Error ? (error.stack ?? error) : error));
		process.exit(1);
	}
);
