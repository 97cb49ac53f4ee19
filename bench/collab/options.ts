import { parseArgs } from 'node:util';
import type { ServerKind } from './servers.ts';

/** One load shape from the issue: `rooms` rooms with `clientsPerRoom` typing clients each. */
export interface LoadSpec {
	id: string;
	label: string;
	rooms: number;
	clientsPerRoom: number;
	/** Also measure RSS per idle room (after connecting, before typing). */
	idleRss: boolean;
}

export interface BenchOptions {
	quick: boolean;
	servers: ServerKind[];
	/** --nodes N: compare a fleet of N Galley processes with one, both on Postgres + Redis. */
	nodes: number | null;
	/** With --nodes: also measure catch-up after Redis stops for `outageSec` under load. */
	outage: boolean;
	outageSec: number;
	loads: LoadSpec[];
	/** Whether to measure the initial sync of a 50 KB story. */
	sync: boolean;
	warmupSec: number;
	windowSec: number;
	/** Longest wait after the window for late edits to reach the observers. */
	drainSec: number;
	/** Idle time after connecting before reading RSS per idle room. */
	idleSettleSec: number;
	generators: number;
	observers: number;
	charsPerSec: number;
	syncRepeats: number;
	/** Longest wait before each run for other work on the machine to stop. */
	quietWaitSec: number;
}

function oneRoom(clients: number): LoadSpec {
	return {
		id: `room${clients}`,
		label: `${clients} clients, 1 room`,
		rooms: 1,
		clientsPerRoom: clients,
		idleRss: false
	};
}

export function manyRooms(rooms: number, perRoom: number, idleRss: boolean): LoadSpec {
	return {
		id: `rooms${rooms}x${perRoom}`,
		label: `${rooms * perRoom} clients, ${rooms} rooms`,
		rooms,
		clientsPerRoom: perRoom,
		idleRss
	};
}

const USAGE = `npm run bench -- [options]
  --quick              smoke run (~2 min): loads room10, room200, rooms20x10, rooms250x1; short windows
  --only=ours|reference  run one server only
  --loads=a,b          load ids: room10 room50 room100 room200 rooms20x10 rooms1000x1 (or roomsNx1)
  --no-sync            skip the 50 KB initial-sync measurement
  --window=SEC         measurement window per run (default 20, quick 6)
  --warmup=SEC         typing before the window (default 3, quick 2)
  --generators=N       load-generator processes (default 2)
  --observers=N        latency observers (real providers) per load (default 3)
  --quiet-wait=SEC     before each run, wait up to SEC for the machine to be idle (default 10, quick 5)
  --nodes=N            Galley on N processes vs 1 process, both on a private Postgres + Redis
                       (default loads room200 rooms3000x1, quick room200 rooms600x1), then
                       catch-up after Redis stops under load (20 rooms x 10 typists)
  --outage=SEC         with --nodes: how long Redis stays down (default 10)
  --no-outage          with --nodes: skip the Redis outage`;

/** Parses `npm run bench -- …` arguments. */
export function parseOptions(argv: string[]): BenchOptions {
	const { values } = parseArgs({
		args: argv,
		options: {
			quick: { type: 'boolean', default: false },
			only: { type: 'string' },
			loads: { type: 'string' },
			'no-sync': { type: 'boolean', default: false },
			window: { type: 'string' },
			warmup: { type: 'string' },
			generators: { type: 'string' },
			observers: { type: 'string' },
			'quiet-wait': { type: 'string' },
			nodes: { type: 'string' },
			outage: { type: 'string' },
			'no-outage': { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		process.exit(0);
	}
	const quick = values.quick ?? false;
	const all = [
		oneRoom(10),
		oneRoom(50),
		oneRoom(100),
		oneRoom(200),
		manyRooms(20, 10, false),
		manyRooms(1000, 1, true)
	];
	const nodes = values.nodes === undefined ? null : Number(values.nodes);
	if (nodes !== null && !(Number.isInteger(nodes) && nodes >= 2)) {
		throw new Error(`--nodes needs a whole number of processes, 2 or more\n${USAGE}`);
	}
	const quickIds = nodes
		? ['room200', 'rooms600x1']
		: ['room10', 'room200', 'rooms20x10', 'rooms250x1'];
	const defaultIds = nodes ? ['room200', 'rooms3000x1'] : all.map((l) => l.id);
	const wanted = values.loads?.split(',') ?? (quick ? quickIds : defaultIds);
	const loads = wanted.map((id) => {
		const known = all.find((l) => l.id === id);
		if (known) return known;
		const match = /^room(\d+)$/.exec(id) ?? null;
		if (match) return oneRoom(Number(match[1]));
		const many = /^rooms(\d+)x(\d+)$/.exec(id);
		if (many) return manyRooms(Number(many[1]), Number(many[2]), Number(many[2]) === 1);
		throw new Error(`unknown load "${id}"\n${USAGE}`);
	});
	const only = values.only as ServerKind | undefined;
	if (only && only !== 'ours' && only !== 'reference') throw new Error(USAGE);
	return {
		quick,
		servers: only ? [only] : ['ours', 'reference'],
		nodes,
		outage: nodes !== null && !values['no-outage'],
		outageSec: Number(values.outage ?? 10),
		loads,
		// The 50 KB initial sync compares ours with the reference; a fleet run skips it.
		sync: !values['no-sync'] && nodes === null,
		warmupSec: Number(values.warmup ?? (quick ? 2 : 3)),
		windowSec: Number(values.window ?? (quick ? 6 : 20)),
		drainSec: 5,
		idleSettleSec: quick ? 2 : 3,
		generators: Number(values.generators ?? 2),
		observers: Number(values.observers ?? 3),
		charsPerSec: 2,
		syncRepeats: quick ? 5 : 10,
		quietWaitSec: Number(values['quiet-wait'] ?? (quick ? 5 : 10))
	};
}
