import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type pino from 'pino';
import { readStoryText } from '#shared/model/storyDoc';
import { parseRoomName } from '#shared/protocol/rooms';
import { AddressLimits } from './auth/AddressLimits';
import { LinkService } from './auth/LinkService';
import { requestTokens } from './auth/requestTokens';
import { CollabServer } from './collab/CollabServer';
import type { Config } from './config';
import { createApiHandler } from './http/createApiHandler';
import { ProofreadService } from './proofing/ProofreadService';
import { ReviewService } from './review/ReviewService';
import { ReviewWriteBudget } from './review/ReviewWriteBudget';
import { StoreHealth } from './health/StoreHealth';
import { StoreWriteError, WatchedStore } from './health/WatchedStore';
import { openStore } from './storage/openStore';
import { StoryService } from './stories/StoryService';
import { HistoryService } from './history/HistoryService';
import { WorkPool } from './work/WorkPool';
import { Fleet } from './fleet/Fleet';
import { RedisBus } from './fleet/RedisBus';
import { FleetCounts } from './fleet/FleetCounts';

/** Everything Galley serves besides the SvelteKit app, ready to mount on any http server. */
export interface Backend {
	/** Handles /api/* and /healthz; false when the request is not the backend's. */
	handleRequest(request: IncomingMessage, response: ServerResponse): boolean;
	/** Handles upgrades to /collab/<room>; false when the path is not the backend's. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	close(): Promise<void>;
}

/** How often word counts and edit times reach storage (the library reads them live meanwhile). */
const EDIT_FLUSH_MS = 5_000;

export async function createBackend(config: Config, logger: pino.Logger): Promise<Backend> {
	const health = new StoreHealth(logger.child({ component: 'store' }));
	const store = new WatchedStore(await openStore(config), health);
	const links = new LinkService(store, config.adminToken);
	const addressLimits = new AddressLimits({
		tokenFailuresPerMinute: config.tokenFailuresPerMinute,
		connectionsPerAddress: config.wsConnectionsPerAddress,
		trustProxy: config.trustProxy
	});
	const reviewWrites = new ReviewWriteBudget(config.reviewWritesPerMinute);
	const fleetLog = logger.child({ component: 'fleet' });
	const fleet = config.redisUrl
		? new Fleet(new RedisBus(config.redisUrl, fleetLog), store, fleetLog, config.fleetPollMs)
		: null;
	// Limits count the whole fleet's use, not this process's alone; presence counts everyone.
	const fleetCounts = fleet ? new FleetCounts(fleet.bus, fleetLog) : null;
	fleetCounts?.shareAddressLimits(addressLimits);
	fleetCounts?.share('review-writes', reviewWrites.writes);
	let stories: StoryService | null = null;
	const collab = new CollabServer({
		store,
		logger: logger.child({ component: 'collab' }),
		maxMessageBytes: config.maxMessageBytes,
		maxWriterMessageBytes: config.maxWriterMessageBytes,
		unloadAfterMs: config.roomUnloadMs,
		versionPauseMs: config.versionPauseMs,
		pingIntervalMs: config.pingIntervalMs,
		roomExists: (room) => stories!.exists(room.storyId),
		authorize: (request, url, room) => links.resolveAny(requestTokens(request, url), room.storyId),
		currentAccess: (linkId) => links.current(linkId),
		allowedOrigins: config.allowedOrigins,
		addressLimits,
		reviewWrites,
		maxStoryBytes: config.maxStoryBytes,
		...(fleet && { fleet }),
		...(fleetCounts && {
			presenceElsewhere: (room: string) => fleetCounts.presentElsewhere(room),
			connectionsElsewhere: (room: string) => fleetCounts.connectedElsewhere(room)
		}),
		rates: {
			messagesPerSecond: config.wsMessagesPerSecond,
			bytesPerSecond: config.wsBytesPerSecond
		},
		onDocumentChanged: (room, doc) => {
			const name = parseRoomName(room);
			if (name?.kind !== 'story') return;
			stories!.recordEdit(name.storyId, readStoryText(doc));
		}
	});
	fleetCounts?.sharePresence(
		() => collab.presenceCounts(),
		() => collab.connectionCounts()
	);
	const work = new WorkPool(config.work);
	stories = new StoryService(store, collab, config.maxImportBytes, work);
	const handleApi = createApiHandler({
		stories,
		history: new HistoryService(store, collab, collab, (writer) => links.identityOf(writer)),
		reviews: new ReviewService(stories, collab),
		proofreading: new ProofreadService(stories, collab, work),
		store,
		links,
		logger: logger.child({ component: 'http' }),
		maxImportBytes: config.maxImportBytes,
		importNeedsAdmin: config.adminToken !== null,
		importsPerMinute: config.importsPerMinute,
		reviewWrites,
		addressLimits,
		health,
		fleetStatus: fleet ? () => fleet.status() : null,
		...(fleetCounts && { shareLimit: (name, buckets) => fleetCounts.share(name, buckets) }),
		damagedRooms: () => collab.damagedRooms()
	});
	links.onChange((linkId) => collab.refreshAccess(linkId));

	const flushEdits = () =>
		stories.flushEdits().catch((error: unknown) => {
			if (error instanceof StoreWriteError) return; // logged by the store's health
			logger.warn({ err: error }, 'could not record word counts');
		});
	const editFlusher = setInterval(flushEdits, EDIT_FLUSH_MS);
	editFlusher.unref();

	return {
		handleRequest: handleApi,
		handleUpgrade(request, socket, head) {
			if (!(request.url ?? '').startsWith('/collab/')) return false;
			collab.handleUpgrade(request, socket, head);
			return true;
		},
		async close() {
			clearInterval(editFlusher);
			await collab.close();
			fleetCounts?.close();
			await fleet?.close();
			await flushEdits();
			await store.close();
			health.close();
			await work.close();
		}
	};
}
