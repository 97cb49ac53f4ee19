import { writerKey } from '../auth/Access';
import type {
	AuthorshipResponse,
	DiffResponse,
	RestoreResponse,
	VersionListResponse,
	VersionResponse,
	VersionSummary
} from '#shared/api/types';
import { BULK_ACTIONS } from '#shared/api/types';
import { z } from 'zod';
import type { HistoryService } from '../history/HistoryService';
import type { ExportAt } from '../stories/StoryService';
import { badRequest } from './HttpError';
import { sendJson } from './respond';
import type { Router } from './Router';

/** `{"name"}` names the story now; `{"before"}` saves it before a bulk action of the desk. */
const versionRequest = z
	.object({
		name: z.string({ error: 'must be a string' }).optional(),
		before: z.enum(BULK_ACTIONS, { error: `must be one of ${BULK_ACTIONS.join(', ')}` }).optional()
	})
	.refine((body) => (body.name === undefined) !== (body.before === undefined), {
		error: 'must give either "name" or "before"'
	});
const renameRequest = z.object({
	name: z.string({ error: 'must be a string or null' }).nullable()
});

/** `from`/`to`/`version` query values: a version id, or the words the route allows. */
const VERSION_PARAM = /^[A-Za-z0-9]{1,64}$/;

function versionParam(query: URLSearchParams, key: string, fallback: string): string {
	const value = query.get(key) ?? fallback;
	if (!VERSION_PARAM.test(value)) {
		throw badRequest(`${key} must be a version id, "baseline" or "current".`, 'invalid_version');
	}
	return value;
}

/** History (issue 13): versions, compare, restore, authorship. */
export function addHistoryRoutes(router: Router, history: HistoryService): void {
	router
		.add(
			'GET',
			'/api/stories/:id/versions',
			{ allow: 'story.read' },
			async ({ response, params }) => {
				sendJson(response, 200, (await history.list(params.id)) satisfies VersionListResponse);
			}
		)
		.add(
			'POST',
			'/api/stories/:id/versions',
			{ allow: 'history.name', body: versionRequest },
			async ({ response, params, body }) => {
				const version =
					body.before !== undefined
						? await history.saveBefore(params.id, body.before)
						: await history.nameCurrent(params.id, body.name ?? '');
				sendJson(response, 201, version satisfies VersionSummary);
			}
		)
		.add(
			'GET',
			'/api/stories/:id/versions/:version',
			{ allow: 'story.read' },
			async ({ response, params }) => {
				sendJson(
					response,
					200,
					(await history.get(params.id, params.version)) satisfies VersionResponse
				);
			}
		)
		.add(
			'PATCH',
			'/api/stories/:id/versions/:version',
			{ allow: 'history.name', body: renameRequest },
			async ({ response, params, body }) => {
				const version = await history.rename(params.id, params.version, body.name);
				sendJson(response, 200, version satisfies VersionSummary);
			}
		)
		.add(
			'POST',
			'/api/stories/:id/versions/:version/restore',
			{ allow: 'text.write' },
			async ({ response, params, access }) => {
				const writer = access ? writerKey(access) : 'admin';
				const restored = await history.restore(params.id, params.version, writer);
				sendJson(response, 200, restored satisfies RestoreResponse);
			}
		)
		.add(
			'GET',
			'/api/stories/:id/diff',
			{ allow: 'story.read' },
			async ({ response, params, url }) => {
				const from = versionParam(url.searchParams, 'from', 'baseline');
				const to = versionParam(url.searchParams, 'to', 'current');
				sendJson(response, 200, (await history.diff(params.id, from, to)) satisfies DiffResponse);
			}
		)
		.add(
			'GET',
			'/api/stories/:id/authorship',
			{ allow: 'story.read' },
			async ({ response, params }) => {
				sendJson(response, 200, (await history.authorship(params.id)) satisfies AuthorshipResponse);
			}
		);
}

/** `format=authorship` export: who wrote each run of the story now, or of `version=<vid>`. */
export function authorshipAt(
	history: HistoryService,
	id: string,
	query: URLSearchParams
): Promise<AuthorshipResponse> {
	return history.authorship(id, versionParam(query, 'version', 'current'));
}

/**
 * What `…/export` exports besides the story now: `version=<vid>` (any format), and for the
 * changes report `from=<vid|baseline>` and `to=<vid|current>`.
 */
export function exportVersions(
	history: HistoryService,
	id: string,
	query: URLSearchParams
): Promise<ExportAt> {
	const param = (key: string) => (query.has(key) ? versionParam(query, key, '') : undefined);
	return history.exportAt(id, { version: param('version'), from: param('from'), to: param('to') });
}
