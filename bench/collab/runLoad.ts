import { cpus } from 'node:os';
import { delay, nowMs, pollUntil } from './clock.ts';
import { GeneratorPool } from './generatorPool.ts';
import type { GeneratorWindow } from './generatorProtocol.ts';
import { allArrived, summariseLatency, type LatencySummary } from './latency.ts';
import { LoopMonitor, type LoopStats } from './loopMonitor.ts';
import type { Observer } from './observer.ts';
import { placeObservers, spreadClients } from './placement.ts';
import type { BenchOptions, LoadSpec } from './options.ts';
import { machineBusy, sampleCommands, sampleMachine, sampleProcess } from './procStats.ts';
import { prepareRooms } from './rooms.ts';
import type { DeploymentSpec } from './deployment.ts';
import { storyText } from './storyText.ts';

/** A fleet's shared engines: their CPU is the deployment's, not "other processes" on the machine. */
const BACKING = ['postgres', 'redis-server'] as const;

/** Thresholds past which the load generator, not the server, may be what limits a run. */
const SATURATION = {
	elu: 0.9,
	loopDelayP99Ms: 50,
	cpuCores: 0.9,
	machineBusy: 0.95,
	otherCpuCores: 0.15
};

/** Everything measured for one load on one server. */
/** CPU and memory of one serving process over the window. */
export interface ProcessFigures {
	cpuCores: number;
	rssBytes: number;
}

export interface LoadResult {
	/** The report column: which deployment served the load. */
	server: string;
	/** Processes serving the clients. */
	nodes: number;
	load: string;
	label: string;
	clients: number;
	rooms: number;
	observers: number;
	windowSec: number;
	latency: LatencySummary;
	/** Keystrokes sent per second by all typing clients. */
	sendsPerSec: number;
	/** Others' edits arriving at clients (light + observers) per second. */
	deliveredPerSec: number;
	/** What would arrive per second if every keystroke reached every other client of its room. */
	offeredPerSec: number;
	/** Clients' own edits sent back to them per second (wasted work; the reference echoes). */
	echoesPerSec: number;
	/** Summed over the serving processes (a fleet's Postgres and Redis are not counted). */
	serverCpuCores: number;
	serverRssBytes: number;
	/** Each serving process on its own. */
	processes: ProcessFigures[];
	/** Server RSS once started and its rooms created, before any client connected. */
	baselineRssBytes: number;
	/** (RSS with every room open and idle − RSS before) / rooms; loads with idleRss only. */
	idleRoomBytes: number | null;
	generatorCpuCores: number[];
	generatorLoops: LoopStats[];
	/** CPU of a fleet's Postgres and Redis over the window (0 for a single server). */
	backingCpuCores: number;
	/** CPU of the orchestrator process, which runs the latency observers. */
	observerCpuCores: number;
	observerLoop: LoopStats;
	machineBusy: number;
	/** CPU used by processes outside this benchmark during the window (other work on the machine). */
	otherCpuCores: number;
	/** All cores were nearly always busy: server and generator competed for CPU. */
	contended: boolean;
	/** Processes outside the benchmark used a noticeable share of the CPU: rerun on a quiet machine. */
	disturbed: boolean;
	/** The load generator or the observers' thread could not keep up: the figures understate the server. */
	saturated: boolean;
	saturationReasons: string[];
	connectFailures: number;
	droppedClients: number;
	setupSec: number;
}

/** CPU time and RSS of every serving process of a deployment. */
function sampleNodes(pids: number[]) {
	const each = pids.map(sampleProcess);
	return {
		each,
		cpuSeconds: each.reduce((sum, s) => sum + s.cpuSeconds, 0),
		rssBytes: each.reduce((sum, s) => sum + s.rssBytes, 0)
	};
}

/**
 * Runs one load against a fresh deployment: create rooms, connect the light clients and
 * observers (spread over the processes in turn), type for warm-up + window, measure over the
 * window, drain, tear down.
 */
export async function runLoad(
	spec: DeploymentSpec,
	load: LoadSpec,
	options: BenchOptions
): Promise<LoadResult> {
	const setupStart = nowMs();
	const deployment = await spec.start();
	const pids = deployment.nodes.map((node) => node.pid);
	const pool = new GeneratorPool(options.generators);
	const observers: Observer[] = [];
	try {
		const rooms = await prepareRooms(deployment.nodes[0]!, load.rooms, storyText(2_000, 7));
		await delay(500);
		const baseline = sampleNodes(pids);

		const clients = spreadClients(deployment, rooms, load);
		const connected = await pool.connect(clients, rooms.seed ? [rooms.seed] : []);
		if (connected.ok === 0) {
			throw new Error(`no client could connect: ${connected.errors.join('; ')}`);
		}

		let idleRoomBytes: number | null = null;
		if (load.idleRss) {
			await delay(options.idleSettleSec * 1000);
			idleRoomBytes = (sampleNodes(pids).rssBytes - baseline.rssBytes) / load.rooms;
		}

		observers.push(...(await placeObservers(deployment, rooms, load, options.observers)));

		await pool.startTyping(1000 / options.charsPerSec);
		const setupSec = (nowMs() - setupStart) / 1000;
		await delay(options.warmupSec * 1000);

		const monitor = new LoopMonitor();
		const observerEditsBefore = observers.reduce((sum, o) => sum + o.edits, 0);
		const before = {
			self: process.cpuUsage(),
			server: sampleNodes(pids),
			backing: sampleCommands(BACKING),
			generators: pool.samples(),
			machine: sampleMachine(),
			at: nowMs()
		};
		monitor.start();
		await pool.windowStart();
		await delay(options.windowSec * 1000);
		const windows = await pool.windowEnd();
		const observerLoop = monitor.stop();
		const after = {
			self: process.cpuUsage(before.self),
			server: sampleNodes(pids),
			backing: sampleCommands(BACKING),
			generators: pool.samples(),
			machine: sampleMachine(),
			at: nowMs()
		};
		const observerEdits = observers.reduce((sum, o) => sum + o.edits, 0) - observerEditsBefore;

		await pool.stopTyping();
		const sends = await pool.sends();
		await pollUntil(() => allArrived(sends, observers), options.drainSec * 1000, 100);

		const seconds = (after.at - before.at) / 1000;
		const generatorCpuCores = after.generators.map(
			(s, i) => (s.cpuSeconds - before.generators[i]!.cpuSeconds) / seconds
		);
		const serverCpuCores = (after.server.cpuSeconds - before.server.cpuSeconds) / seconds;
		const observerCpuCores = (after.self.user + after.self.system) / 1e6 / seconds;
		const backingCpuCores = deployment.redis ? (after.backing - before.backing) / seconds : 0;
		const busyCores = machineBusy(before.machine, after.machine) * cpus().length;
		const otherCpuCores = Math.max(
			0,
			busyCores -
				serverCpuCores -
				backingCpuCores -
				observerCpuCores -
				generatorCpuCores.reduce((sum, c) => sum + c, 0)
		);
		const processes = after.server.each.map((s, i) => ({
			cpuCores: (s.cpuSeconds - before.server.each[i]!.cpuSeconds) / seconds,
			rssBytes: s.rssBytes
		}));
		const result = summarise({
			column: deployment.column,
			nodes: pids.length,
			processes,
			load,
			options,
			seconds,
			windows,
			observerEdits,
			sends,
			observers,
			observerLoop,
			generatorCpuCores,
			serverCpuCores,
			observerCpuCores,
			backingCpuCores,
			otherCpuCores,
			serverRssBytes: after.server.rssBytes,
			baselineRssBytes: baseline.rssBytes,
			idleRoomBytes,
			machine: machineBusy(before.machine, after.machine),
			connectFailures: connected.failed,
			setupSec
		});
		if (connected.failed > 0) {
			process.stderr.write(
				`  ${connected.failed} clients failed to connect: ${connected.errors[0]}\n`
			);
		}
		return result;
	} finally {
		for (const observer of observers) observer.destroy();
		await pool.close();
		await deployment.stop();
	}
}

interface Measured {
	column: string;
	nodes: number;
	processes: ProcessFigures[];
	load: LoadSpec;
	options: BenchOptions;
	seconds: number;
	windows: GeneratorWindow[];
	observerEdits: number;
	sends: Float64Array[];
	observers: Observer[];
	observerLoop: LoopStats;
	generatorCpuCores: number[];
	serverCpuCores: number;
	observerCpuCores: number;
	backingCpuCores: number;
	otherCpuCores: number;
	serverRssBytes: number;
	baselineRssBytes: number;
	idleRoomBytes: number | null;
	machine: number;
	connectFailures: number;
	setupSec: number;
}

function summarise(m: Measured): LoadResult {
	const sendCount = m.windows.reduce((sum, w) => sum + w.sends, 0);
	const lightEdits = m.windows.reduce((sum, w) => sum + w.received.edits, 0);
	const echoes = m.windows.reduce((sum, w) => sum + w.received.echoes, 0);
	// Every keystroke should reach the other light clients of its room and its room's observers.
	const observersPerRoom = new Map<number, number>();
	for (const o of m.observers)
		observersPerRoom.set(o.room, (observersPerRoom.get(o.room) ?? 0) + 1);
	let offered = 0;
	for (const records of m.sends) {
		for (let i = 0; i < records.length; i += 4) {
			offered += m.load.clientsPerRoom - 1 + (observersPerRoom.get(records[i]!) ?? 0);
		}
	}
	const reasons: string[] = [];
	m.windows.forEach((w, i) => {
		const cpu = m.generatorCpuCores[i] ?? 0;
		if (w.loop.utilization > SATURATION.elu)
			reasons.push(`generator ${i} ELU ${w.loop.utilization.toFixed(2)}`);
		if (w.loop.delayP99Ms > SATURATION.loopDelayP99Ms) {
			reasons.push(`generator ${i} loop delay p99 ${w.loop.delayP99Ms.toFixed(0)} ms`);
		}
		if (cpu > SATURATION.cpuCores) reasons.push(`generator ${i} CPU ${(cpu * 100).toFixed(0)} %`);
	});
	if (m.observerLoop.delayP99Ms > SATURATION.loopDelayP99Ms) {
		reasons.push(`observer loop delay p99 ${m.observerLoop.delayP99Ms.toFixed(0)} ms`);
	}
	return {
		server: m.column,
		nodes: m.nodes,
		processes: m.processes,
		load: m.load.id,
		label: m.load.label,
		clients: m.load.rooms * m.load.clientsPerRoom,
		rooms: m.load.rooms,
		observers: m.observers.length,
		windowSec: m.seconds,
		latency: summariseLatency(m.sends, m.observers),
		sendsPerSec: sendCount / m.seconds,
		deliveredPerSec: (lightEdits + m.observerEdits) / m.seconds,
		offeredPerSec: offered / m.seconds,
		echoesPerSec: echoes / m.seconds,
		serverCpuCores: m.serverCpuCores,
		serverRssBytes: m.serverRssBytes,
		baselineRssBytes: m.baselineRssBytes,
		idleRoomBytes: m.idleRoomBytes,
		generatorCpuCores: m.generatorCpuCores,
		generatorLoops: m.windows.map((w) => w.loop),
		observerCpuCores: m.observerCpuCores,
		backingCpuCores: m.backingCpuCores,
		observerLoop: m.observerLoop,
		otherCpuCores: m.otherCpuCores,
		machineBusy: m.machine,
		contended: m.machine > SATURATION.machineBusy,
		disturbed: m.otherCpuCores > SATURATION.otherCpuCores,
		saturated: reasons.length > 0,
		saturationReasons: reasons,
		connectFailures: m.connectFailures,
		droppedClients: m.windows.reduce((sum, w) => sum + w.dropped, 0),
		setupSec: m.setupSec
	};
}
