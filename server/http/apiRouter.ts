import type { LinkService } from '../auth/LinkService';
import type { HistoryService } from '../history/HistoryService';
import type { StoreHealth } from '../health/StoreHealth';
import type { BusStatus } from '../fleet/FleetBus';
import type { ProofreadService } from '../proofing/ProofreadService';
import type { ReviewService } from '../review/ReviewService';
import type { ReviewWriteBudget } from '../review/ReviewWriteBudget';
import type { DocumentStore } from '../storage/DocumentStore';
import type { StoryService } from '../stories/StoryService';
import { addHealthRoutes } from './healthRoutes';
import { addHistoryRoutes } from './historyRoutes';
import { addLinkRoutes } from './linkRoutes';
import { addProofreadRoutes } from './proofreadRoutes';
import { addReviewRoutes } from './reviewRoutes';
import { reviewWriteLimit } from './reviewWriteLimit';
import { Router } from './Router';
import { addStoryRoutes } from './storyRoutes';

/** What the API's routes work with. */
export interface ApiServices {
	stories: StoryService;
	history: HistoryService;
	reviews: ReviewService;
	proofreading: ProofreadService;
	store: DocumentStore;
	links: LinkService;
	maxImportBytes: number;
	/** ADMIN_TOKEN is set: importing needs it. */
	importNeedsAdmin: boolean;
	/** Comments, replies and suggestions per link per minute (429 beyond; shared with the notes rooms). */
	reviewWrites: ReviewWriteBudget;
	/** Whether the store can write: /healthz answers 503 with the reason while it cannot. */
	health: StoreHealth;
	/** Rooms found damaged since the server started: /healthz names their stories. */
	damagedRooms?: () => string[];
	/** The fleet's bus (REDIS_URL): /healthz says `degraded` with the reason while it is down. */
	fleetStatus?: (() => BusStatus) | null;
}

/** Every API route, each with the policy action it needs and its body schema (see Router). */
export function buildApiRouter(services: ApiServices): Router {
	const router = new Router();
	addHealthRoutes(
		router,
		services.store,
		services.health,
		services.damagedRooms,
		services.fleetStatus ?? null
	);
	addStoryRoutes(
		router,
		services.stories,
		services.links,
		services.maxImportBytes,
		services.importNeedsAdmin,
		services.history
	);
	addLinkRoutes(router, services.links);
	addReviewRoutes(router, services.reviews, reviewWriteLimit(services.reviewWrites));
	addProofreadRoutes(router, services.proofreading);
	addHistoryRoutes(router, services.history);
	return router;
}
