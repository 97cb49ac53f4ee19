/**
 * `npm run bench`: the collaboration server under the typing loads, against the
 * y-websocket 2.1.0 reference server, both started fresh for every run as child processes and
 * alternated (ABBA order across loads so drift in the machine does not favour one side).
 * `npm run bench -- --nodes 3` instead compares Galley on three processes with Galley on one, both
 * on a private Postgres + Redis, and measures a Redis outage under load.
 * Prints a Markdown table and writes it with the raw JSON to bench/.out/.
 */
import { nowMs } from './clock.ts';
import { manyRooms, parseOptions } from './options.ts';
import { machine, renderTable, writeReport, type BenchReport } from './report.ts';
import { runLoad } from './runLoad.ts';
import { fleet, singleServer, stopFleetBacking, type DeploymentSpec } from './deployment.ts';
import { measureRedisOutage } from './redisOutage.ts';
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
	const deployments: DeploymentSpec[] = options.nodes
		? [fleet(options.nodes), fleet(1)]
		: options.servers.map(singleServer);
	const report: BenchReport = {
		startedAt: new Date().toISOString(),
		...machine(),
		options,
		columns: options.nodes ? [fleet(options.nodes).column, fleet(1).column] : ['ours', 'reference'],
		sync: [],
		loads: [],
		outages: [],
		errors: []
	};
	const started = nowMs();
	const order = (i: number): DeploymentSpec[] =>
		i % 2 === 0 ? deployments : [...deployments].reverse();

	if (options.sync) {
		for (const { column: kind } of order(0)) {
			if (kind !== 'ours' && kind !== 'reference') continue;
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
		for (const deployment of order(i + 1)) {
			const kind = deployment.column;
			await quiet(options.quietWaitSec);
			log(`[${kind}] ${load.label} (${load.id})`);
			try {
				const result = await runLoad(deployment, load, options);
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
	if (options.nodes && options.outage) {
		const load = manyRooms(20, 10, false);
		const deployment = deployments[0]!;
		await quiet(options.quietWaitSec);
		log(`[${deployment.column}] Redis down for ${options.outageSec} s under ${load.label}`);
		try {
			const outage = await measureRedisOutage(deployment, load, options);
			report.outages.push(outage);
			log(
				`  catch-up ${outage.catchUpMs.toFixed(0)} ms, all healthy after ${outage.healthyMs.toFixed(0)} ms, ` +
					`p99 during ${outage.during.p99.toFixed(0)} ms`
			);
		} catch (error) {
			report.errors.push({
				server: deployment.column,
				load: 'redis outage',
				message: String(error)
			});
			log(`  failed: ${String(error)}`);
		}
	}
	await stopFleetBacking();
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
