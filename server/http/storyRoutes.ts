import type { ImportResponse, StoryListResponse, StorySummary } from '#shared/api/types';
import { z } from 'zod';
import type { Role } from '#shared/protocol/roles';
import type { LinkService } from '../auth/LinkService';
import { publicOrigin, requestTokens, storyLink } from '../auth/requestTokens';
import { exportOptionsSchema, type ExportOptions } from '../formats/exportStory';
import type { HistoryService } from '../history/HistoryService';
import type { StoryService } from '../stories/StoryService';
import { authorshipAt, exportVersions } from './historyRoutes';
import { attachmentDisposition } from './attachmentDisposition';
import { badRequest, HttpError } from './HttpError';
import { readImportFiles } from './readImportFiles';
import { sendDownload, sendJson, sendNoContent } from './respond';
import type { Router } from './Router';

const renameRequest = z.object({ title: z.string({ error: 'must be a string' }) });

/** Reads `format`, `comments`, `suggestions` and `accept`; 400 with the first problem. */
function parseExportOptions(query: URLSearchParams): ExportOptions {
	const parsed = exportOptionsSchema.safeParse({
		format: query.get('format') ?? 'txt',
		...(query.has('comments') && { comments: query.get('comments') }),
		...(query.has('suggestions') && { suggestions: query.get('suggestions') }),
		...(query.has('accept') && { accept: query.get('accept') })
	});
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0]!;
	const field = issue.path[0];
	const code = field === 'format' ? 'unknown_format' : 'invalid_export_options';
	const message =
		issue.code === 'invalid_value' && field !== 'format'
			? `${String(field)} must be one of: ${issue.values.join(', ')}.`
			: issue.message;
	throw badRequest(message, code);
}

/** The story API: import, list, read, rename, delete, export. */
export function addStoryRoutes(
	router: Router,
	stories: StoryService,
	links: LinkService,
	maxImportBytes: number,
	importNeedsAdmin: boolean,
	history: HistoryService
): void {
	router
		.add('POST', '/api/stories', { allow: 'public' }, async ({ request, response, url }) => {
			if (importNeedsAdmin && !links.isAdmin(requestTokens(request, url))) {
				request.resume();
				response.setHeader('WWW-Authenticate', 'Bearer');
				throw new HttpError(401, 'unauthorized', 'Importing needs the admin token.');
			}
			const files = await readImportFiles(request, maxImportBytes);
			// `?owner=Ana`: the importer's name, which the owner link then shows to everyone.
			const ownerName = url.searchParams.get('owner');
			const created = await stories.importFiles(
				files,
				url.searchParams.get('title') ?? undefined,
				(storyId) => links.issueSet(storyId, ownerName)
			);
			const origin = publicOrigin(request);
			sendJson(response, 201, {
				stories: created.map((story) => {
					const tokens = story.tokens as Record<Role, string>;
					return {
						id: story.id,
						title: story.title,
						url: `/stories/${story.id}`,
						links: {
							owner: storyLink(origin, story.id, tokens.owner),
							editor: storyLink(origin, story.id, tokens.editor),
							commenter: storyLink(origin, story.id, tokens.commenter),
							viewer: storyLink(origin, story.id, tokens.viewer)
						}
					};
				})
			} satisfies ImportResponse);
		})
		.add('GET', '/api/stories', { allow: 'public' }, async ({ request, response, url }) => {
			// Only the stories the request holds a working link to; everything with ADMIN_TOKEN.
			// Each with `role`: the most the request's links allow on it, so the library offers
			// only that (Delete for owners).
			const tokens = requestTokens(request, url);
			const admin = links.isAdmin(tokens);
			const roles = admin ? null : await links.rolesByStory(tokens);
			const visible = [];
			for (const story of await stories.list()) {
				const role = roles ? roles.get(story.id) : 'owner';
				if (role) visible.push({ ...story, role });
			}
			sendJson(response, 200, { stories: visible } satisfies StoryListResponse);
		})
		.add(
			'GET',
			'/api/stories/:id',
			{ allow: 'story.read' },
			async ({ response, params, access }) => {
				// `role`: what the request's link may do, so the page offers only that; `you`: who the
				// link says the reader is (the name others see, the author id they write as).
				sendJson(response, 200, {
					...(await stories.get(params.id)),
					role: access?.role,
					...(access && { you: { id: access.authorId, name: access.name, role: access.role } })
				} satisfies StorySummary);
			}
		)
		.add(
			'PATCH',
			'/api/stories/:id',
			{ allow: 'story.rename', body: renameRequest },
			async ({ response, params, body }) => {
				sendJson(response, 200, await stories.rename(params.id, body.title));
			}
		)
		.add('DELETE', '/api/stories/:id', { allow: 'story.delete' }, async ({ response, params }) => {
			// Its links stay: holders then learn "deleted" (404) rather than "bad link" (401).
			await stories.remove(params.id);
			sendNoContent(response);
		})
		.add('GET', '/api/stories/:id/export', { allow: 'story.read' }, async (context) => {
			const { request, response, params, url } = context;
			if (url.searchParams.get('format') === 'authorship') {
				const [story, authorship] = await Promise.all([
					stories.get(params.id),
					authorshipAt(history, params.id, url.searchParams)
				]);
				sendDownload(
					response,
					JSON.stringify(authorship, null, '\t'),
					'application/json; charset=utf-8',
					attachmentDisposition(`${story.title} (authorship)`, 'json'),
					{ 'Cache-Control': 'private, no-cache' }
				);
				return;
			}
			const options = parseExportOptions(url.searchParams);
			const { id } = params;
			const source = `http://${request.headers.host ?? 'localhost'}/api/stories/${id}/export?format=txt`;
			// `version=<vid>`: that version; `from`/`to`: the changes report between two versions.
			const at = await exportVersions(history, id, url.searchParams);
			const { story, file, etag } = await stories.exportFile(id, options, source, at);
			const tag = `"${etag}"`;
			// May be kept, but asked again each time: answered 304 while the story is unchanged.
			const caching = { ETag: tag, 'Cache-Control': 'private, no-cache' };
			if (ifNoneMatch(request.headers['if-none-match'], tag)) {
				response.writeHead(304, caching);
				response.end();
				return;
			}
			sendDownload(
				response,
				file.body,
				file.contentType,
				attachmentDisposition(story.title + (file.nameSuffix ?? ''), file.extension),
				// Downloads are not meant to render here; if one ever did, nothing in it could run.
				{
					...caching,
					...(file.contentType.startsWith('text/html') && {
						'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
					})
				}
			);
		});
}

/** Whether an If-None-Match header names this ETag (or `*`). */
function ifNoneMatch(header: string | undefined, tag: string): boolean {
	if (!header) return false;
	return header
		.split(',')
		.map((part) => part.trim().replace(/^W\//, ''))
		.some((part) => part === tag || part === '*');
}
