import { startPrivatePostgres, type PrivatePostgres } from '../../tests/helpers/privatePostgres.ts';
import { startPrivateRedis, type PrivateRedis } from '../../tests/helpers/privateRedis.ts';
import { repoRoot, startServer, type BenchServer, type ServerKind } from './servers.ts';

/**
 * What one load runs against: a single server (ours on SQLite, or the y-websocket reference), or a
 * fleet of Galley processes sharing one Postgres and one Redis, as behind a load balancer.
 */
export interface Deployment {
	/** The report column it fills: "ours", "reference", "1 process", "3 processes". */
	column: string;
	kind: ServerKind;
	nodes: BenchServer[];
	/** Where the `i`-th client connects: the processes in turn, as a round-robin balancer sends them. */
	wsBaseFor(i: number): string;
	/** The fleet's Redis (fleets only): the outage measurement stops and starts it. */
	redis?: PrivateRedis;
	stop(): Promise<void>;
}

/** How to start a fresh deployment for each load, and which column it fills. */
export interface DeploymentSpec {
	column: string;
	/** Processes serving clients (1 for a single server). */
	nodes: number;
	start(): Promise<Deployment>;
}

/** One server of `kind` with its own data directory: the default benchmark's two columns. */
export function singleServer(kind: ServerKind): DeploymentSpec {
	return {
		column: kind,
		nodes: 1,
		async start() {
			const server = await startServer(kind);
			return {
				column: kind,
				kind,
				nodes: [server],
				wsBaseFor: () => server.wsBase,
				stop: server.stop
			};
		}
	};
}

// One private Postgres for the whole benchmark run (a fresh database per load); started lazily so
// the default benchmark needs no Postgres.
let postgres: Promise<PrivatePostgres> | null = null;

/**
 * `nodes` Galley processes on a fresh database of the run's private Postgres and a private Redis
 * of their own (REDIS_URL and DATABASE_URL, exactly as README → Deploying runs them). Postgres runs
 * with fsync off (tests/helpers/privatePostgres.ts): the figures are the fleet's, not a disk's.
 */
export function fleet(nodes: number): DeploymentSpec {
	const column = nodes === 1 ? '1 process' : `${nodes} processes`;
	return {
		column,
		nodes,
		async start() {
			postgres ??= startPrivatePostgres();
			const databaseUrl = await (await postgres).createDatabase();
			const redis = await startPrivateRedis();
			const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
			const started = await Promise.allSettled(
				Array.from({ length: nodes }, () => startServer('ours', 60_000, repoRoot, env))
			);
			const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
			const stop = async () => {
				await Promise.all(servers.map((server) => server.stop()));
				await redis.dispose();
			};
			const failed = started.find((s) => s.status === 'rejected');
			if (failed) {
				await stop();
				throw failed.reason;
			}
			return {
				column,
				kind: 'ours',
				nodes: servers,
				wsBaseFor: (i) => servers[i % servers.length]!.wsBase,
				redis,
				stop
			};
		}
	};
}

/** Stops the run's Postgres, if a fleet started one. */
export async function stopFleetBacking(): Promise<void> {
	if (postgres) await (await postgres).stop();
	postgres = null;
}
