import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pino from 'pino';
import { DamagedDocumentError } from '../collab/docFromStored';
import { requestTokens } from '../auth/requestTokens';
import { redactUrl } from '../auth/tokens';
import type { AddressLimits } from '../auth/AddressLimits';
import { KeyedBuckets } from '../auth/TokenBucket';
import { StoreWriteError } from '../health/WatchedStore';
import { ReviewError, type ReviewErrorKind } from '../review/ReviewError';
import { StoryError, type StoryErrorKind } from '../stories/StoryError';
import { WorkError, type WorkErrorKind } from '../work/WorkError';
import { buildApiRouter, type ApiServices } from './apiRouter';
import { HttpError } from './HttpError';
import { sendError } from './respond';

const STORY_PATH = /^\/api\/stories\/([^/]+)(\/.*)?$/;

const STATUS_OF: Record<StoryErrorKind, [number, string]> = {
	'not-found': [404, 'not_found'],
	'too-large': [413, 'too_large'],
	'too-complex': [422, 'too_complex'],
	'unsupported-type': [415, 'unsupported_media_type'],
	binary: [415, 'binary_content'],
	invalid: [400, 'invalid'],
	damaged: [409, 'story_damaged']
};

const REVIEW_STATUS_OF: Record<ReviewErrorKind, [number, string]> = {
	'thread-not-found': [404, 'thread_not_found'],
	'suggestion-not-found': [404, 'suggestion_not_found'],
	'invalid-range': [400, 'invalid_range'],
	'nothing-to-anchor': [400, 'nothing_to_anchor'],
	'no-change': [400, 'no_change'],
	'suggestion-stale': [409, 'suggestion_stale'],
	'suggestion-decided': [409, 'suggestion_decided'],
	'too-many': [409, 'too_many'],
	'not-yours': [403, 'forbidden']
};

const WORK_STATUS_OF: Record<WorkErrorKind, [number, string]> = {
	busy: [503, 'busy'],
	deadline: [422, 'deadline_exceeded'],
	memory: [413, 'memory_exceeded']
};

/** Seconds a client is asked to wait after a write the store refused. */
const NOT_SAVED_RETRY_S = 30;

/** Answers /api/* and /healthz; returns false for any other path so the app can serve it. */
export type ApiHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export function createApiHandler(
	options: ApiServices & {
		logger: pino.Logger;
		/** Imports per minute per IP (429 beyond). */
		importsPerMinute: number;
		/** Per-address caps on failed tokens (shared with the WebSockets). */
		addressLimits: AddressLimits;
		/** Shares the imports limit with the fleet's other processes (see FleetCounts). */
		shareLimit?: (name: string, buckets: KeyedBuckets) => void;
	}
): ApiHandler {
	const { addressLimits } = options;
	const imports = new KeyedBuckets(options.importsPerMinute, options.importsPerMinute / 60);
	options.shareLimit?.('imports', imports);
	const router = buildApiRouter(options);

	return (request, response) => {
		const url = new URL(request.url ?? '/', 'http://galley.invalid');
		if (
			!url.pathname.startsWith('/api/') &&
			url.pathname !== '/api' &&
			url.pathname !== '/healthz'
		) {
			return false;
		}
		if (request.method === 'POST' && url.pathname === '/api/stories') {
			if (!imports.take(addressLimits.addressOf(request))) {
				response.setHeader('Retry-After', '60');
				sendError(response, 429, 'too_many_requests', 'Too many imports: try again in a minute.');
				request.resume();
				return true;
			}
		}
		let storyId: string | null = null;
		let tokenChecked: ((failed: boolean) => void) | null = null;
		const story = STORY_PATH.exec(url.pathname);
		if (story) {
			// Every call on a story needs a token for it: 401 before anything else is read or said.
			try {
				storyId = decodeURIComponent(story[1]!);
			} catch {
				storyId = '';
			}
			const address = addressLimits.addressOf(request);
			const wait = addressLimits.tokenRetryAfter(address);
			if (wait > 0) {
				response.setHeader('Retry-After', String(wait));
				sendError(
					response,
					429,
					'too_many_requests',
					`Too many failed token attempts from this address: try again in ${wait} s.`
				);
				request.resume();
				return true;
			}
			tokenChecked = addressLimits.checkingToken(address);
		}
		// The token is looked up in the store (a network round trip with Postgres) before anything
		// of the request is read.
		const authorizeThenDispatch = async () => {
			let access = null;
			if (storyId !== null) {
				try {
					access = await options.links.resolveAny(requestTokens(request, url), storyId);
				} finally {
					tokenChecked?.(!access);
				}
				if (!access) {
					response.setHeader('WWW-Authenticate', 'Bearer');
					sendError(response, 401, 'unauthorized', 'This needs a valid link to the story.');
					request.resume();
					return;
				}
			}
			await router.dispatch(request, response, url, access);
		};
		authorizeThenDispatch().catch((error: unknown) => {
			// A body left unread (refused before it was read) would hold the connection.
			if (!request.readableEnded) request.resume();
			if (error instanceof HttpError) {
				sendError(response, error.status, error.code, error.message);
			} else if (error instanceof StoryError) {
				const [status, code] = STATUS_OF[error.kind];
				sendError(response, status, code, error.message);
			} else if (error instanceof DamagedDocumentError) {
				sendError(
					response,
					409,
					'story_damaged',
					"This story's saved data is damaged: it is kept aside for repair and cannot be read."
				);
			} else if (error instanceof WorkError) {
				const [status, code] = WORK_STATUS_OF[error.kind];
				if (error.retryAfter) response.setHeader('Retry-After', String(error.retryAfter));
				sendError(response, status, code, error.message);
			} else if (error instanceof StoreWriteError) {
				response.setHeader('Retry-After', String(NOT_SAVED_RETRY_S));
				sendError(
					response,
					503,
					'not_saved',
					`Not saved: ${error.reason}. Nothing was changed; try again later.`
				);
			} else if (error instanceof ReviewError) {
				const [status, code] = REVIEW_STATUS_OF[error.kind];
				sendError(response, status, code, error.message);
			} else {
				const errorId = randomUUID();
				options.logger.error(
					{ err: error, errorId, path: redactUrl(url.pathname) },
					'request failed'
				);
				sendError(
					response,
					500,
					'internal',
					`Something went wrong on our side (error ${errorId}).`
				);
			}
		});
		return true;
	};
}
