import { delay, nowMs, pollUntil } from './clock.ts';
import type { DeploymentSpec } from './deployment.ts';
import { GeneratorPool } from './generatorPool.ts';
import { allArrived, editKey, summariseLatency, type LatencySummary } from './latency.ts';
import type { Observer } from './observer.ts';
import type { BenchOptions, LoadSpec } from './options.ts';
import { placeObservers, spreadClients } from './placement.ts';
import { prepareRooms } from './rooms.ts';
import type { BenchServer } from './servers.ts';
import { storyText } from './storyText.ts';

/** What a fleet did while its Redis was down under load, and how fast it was whole again. */
export interface OutageResult {
	server: string;
	load: string;
	label: string;
	outageSec: number;
	/** Edit-to-arrival latency of the edits sent before Redis stopped, while it was down, after. */
	before: LatencySummary;
	during: LatencySummary;
	after: LatencySummary;
	/**
	 * From Redis accepting connections again until every edit sent before that moment had reached
	 * every observer of its room (0 when they all had already). The aim: ≤ 2 s.
	 */
	catchUpMs: number;
	/** From Redis back until every process's /healthz said "ok" (Infinity: not within the drain). */
	healthyMs: number;
	/** Whether every process reported "degraded" while Redis was down. */
	allDegraded: boolean;
}

async function healthStatus(node: BenchServer): Promise<string> {
	try {
		const response = await fetch(`${node.httpUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
		const body = (await response.json()) as { status?: string };
		return body.status ?? `http ${response.status}`;
	} catch (error) {
		return String(error);
	}
}

const allHealth = (nodes: BenchServer[]) => Promise.all(nodes.map(healthStatus));

/** Polls every process's /healthz until all say `status`; resolves to whether they did. */
async function untilAll(nodes: BenchServer[], status: string, timeoutMs: number): Promise<boolean> {
	const deadline = nowMs() + timeoutMs;
	while (nowMs() < deadline) {
		if ((await allHealth(nodes)).every((s) => s === status)) return true;
		await delay(50);
	}
	return false;
}

/** Only the keystroke records (room, client, clock, sent at) sent in [from, to). */
function sentBetween(sends: Float64Array[], from: number, to: number): Float64Array[] {
	return sends.map((records) => {
		const kept: number[] = [];
		for (let i = 0; i < records.length; i += 4) {
			const at = records[i + 3]!;
			if (at >= from && at < to) kept.push(...records.subarray(i, i + 4));
		}
		return Float64Array.from(kept);
	});
}

/** How long after `since` the last of these keystrokes reached its last observer. */
function lastArrivalAfter(sends: Float64Array[], observers: Observer[], since: number): number {
	let last = since;
	for (const records of sends) {
		for (let i = 0; i < records.length; i += 4) {
			const key = editKey(records[i + 1]!, records[i + 2]!);
			for (const observer of observers) {
				if (observer.room !== records[i]) continue;
				const arrived = observer.arrivals.get(key);
				if (arrived === undefined) return Infinity;
				last = Math.max(last, arrived);
			}
		}
	}
	return last - since;
}

/**
 * Typing in `load` over a fresh fleet: `phaseSec` of normal operation, Redis killed (SIGKILL, as
 * if it crashed) for `options.outageSec`, started again on the same port, `phaseSec` more. The
 * processes must keep relaying through Postgres meanwhile and recover without a restart.
 */
export async function measureRedisOutage(
	spec: DeploymentSpec,
	load: LoadSpec,
	options: BenchOptions,
	phaseSec = options.quick ? 3 : 5
): Promise<OutageResult> {
	const deployment = await spec.start();
	const redis = deployment.redis;
	if (!redis) throw new Error(`${spec.column} has no Redis to stop`);
	const pool = new GeneratorPool(options.generators);
	const observers: Observer[] = [];
	try {
		const rooms = await prepareRooms(deployment.nodes[0]!, load.rooms, storyText(2_000, 7));
		const connected = await pool.connect(spreadClients(deployment, rooms, load), []);
		if (connected.ok === 0) throw new Error(`no client could connect: ${connected.errors[0]}`);
		// One observer per process at least, so edits are seen crossing in every direction.
		const count = Math.max(options.observers, deployment.nodes.length);
		observers.push(...(await placeObservers(deployment, rooms, load, count)));

		await pool.startTyping(1000 / options.charsPerSec);
		await delay(options.warmupSec * 1000);
		await pool.windowStart();
		await delay(phaseSec * 1000);

		const downAt = nowMs();
		await redis.stop();
		// Every process should notice within its reconnect attempts and say so.
		const allDegraded = await untilAll(deployment.nodes, 'degraded', options.outageSec * 1000);
		await delay(Math.max(0, downAt + options.outageSec * 1000 - nowMs()));
		await redis.start();
		const upAt = nowMs();
		const healthy = await untilAll(deployment.nodes, 'ok', 30_000);
		const healthyMs = healthy ? nowMs() - upAt : Infinity;
		await delay(Math.max(0, upAt + phaseSec * 1000 - nowMs()));

		await pool.windowEnd();
		await pool.stopTyping();
		const sends = await pool.sends();
		await pollUntil(() => allArrived(sends, observers), options.drainSec * 1000, 100);
		const end = nowMs();
		return {
			server: spec.column,
			load: load.id,
			label: load.label,
			outageSec: options.outageSec,
			before: summariseLatency(sentBetween(sends, 0, downAt), observers),
			during: summariseLatency(sentBetween(sends, downAt, upAt), observers),
			after: summariseLatency(sentBetween(sends, upAt, end), observers),
			catchUpMs: lastArrivalAfter(sentBetween(sends, 0, upAt), observers, upAt),
			healthyMs,
			allDegraded
		};
	} finally {
		for (const observer of observers) observer.destroy();
		await pool.close();
		await deployment.stop();
	}
}

const ms = (value: number) =>
	Number.isFinite(value) ? `${value.toFixed(0)} ms` : value === Infinity ? '∞' : '–';

/** The outage section of the report. */
export function renderOutages(outages: OutageResult[]): string[] {
	const lines = [
		'### Redis stops under load',
		'',
		'| deployment | load | Redis down | p99 before / during / after | catch-up | all /healthz "ok" | all "degraded" while down |',
		'|---|---|---:|---:|---:|---:|---|'
	];
	for (const o of outages) {
		lines.push(
			`| ${o.server} | ${o.label} | ${o.outageSec} s | ${ms(o.before.p99)} / ${ms(o.during.p99)} / ${ms(o.after.p99)} | ` +
				`**${ms(o.catchUpMs)}** | ${ms(o.healthyMs)} | ${o.allDegraded ? 'yes' : 'NO'} |`
		);
	}
	lines.push(
		'',
		'Redis is killed (SIGKILL) while every typist keeps typing and started again on the same port',
		'after the outage. Catch-up: from Redis accepting connections again until every edit sent before',
		'then had reached every observer of its room (aim ≤ 2 s); while Redis is down the processes',
		'read each other’s edits from Postgres every 250 ms, so edits keep arriving, later.',
		'All "ok": until every process’s /healthz reported Redis reachable again, without a restart.'
	);
	return lines;
}
