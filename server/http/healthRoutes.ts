import { parseRoomName } from '#shared/protocol/rooms';
import type { StoreHealth } from '../health/StoreHealth';
import type { DocumentStore } from '../storage/DocumentStore';
import type { BusStatus } from '../fleet/FleetBus';
import { sendJson } from './respond';
import type { Router } from './Router';

/** After a failure, writing is tried again at most this often by /healthz. */
const PROBE_AFTER_MS = 5_000;

/**
 * `/healthz`: 200 while the database answers and takes writes; 503 with the reason when it does
 * not. Damaged stories are named but do not make the server unhealthy (a restart would not help).
 * In a fleet, a bus that is down answers 200 with `status: "degraded"` and the reason: rooms
 * still work (others' edits arrive from the database, a little later), so a load balancer should
 * keep sending people here.
 */
export function addHealthRoutes(
	router: Router,
	store: DocumentStore,
	health: StoreHealth,
	damagedRooms: () => string[] = () => [],
	fleetStatus: (() => BusStatus) | null = null
): void {
	router.add('GET', '/healthz', { allow: 'public' }, async ({ response }) => {
		const ok = await store.ping().catch(() => false);
		if (!ok) return sendJson(response, 503, { ok, error: 'database unavailable' });
		const problem = await storeProblem(store, health);
		if (problem) {
			const { reason, kind, since, failures } = problem;
			return sendJson(response, 503, {
				ok: false,
				error: `cannot save: ${reason}`,
				kind,
				since,
				failures
			});
		}
		const damaged = new Set<string>();
		for (const room of damagedRooms()) {
			const name = parseRoomName(room);
			if (name) damaged.add(name.storyId);
		}
		const bus = fleetStatus?.();
		sendJson(response, 200, {
			ok,
			...(bus && { status: bus.ok ? 'ok' : 'degraded' }),
			...(bus && !bus.ok && { reason: bus.reason }),
			...(damaged.size > 0 && { damagedStories: [...damaged] })
		});
	});
}

/**
 * The store's write problem, if it still has one: some time after the last failure, /healthz
 * tries a small write itself, so it turns healthy once space returns even while nobody edits.
 */
async function storeProblem(store: DocumentStore, health: StoreHealth) {
	if (health.problem && health.sinceLastFailureMs > PROBE_AFTER_MS) {
		await store.probeWrite().catch(() => undefined);
	}
	return health.problem;
}
