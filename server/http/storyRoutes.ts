import { exportOptionsSchema, type ExportOptions } from '../formats/exportStory';
import type { StoryService } from '../stories/StoryService';
import { attachmentDisposition } from './attachmentDisposition';
import { badRequest } from './HttpError';
import { readImportFiles } from './readImportFiles';
import { readJsonObject } from './readBody';
import { sendDownload, sendJson, sendNoContent } from './respond';
import type { Router } from './Router';

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
	maxImportBytes: number
): void {
	router
		.add('POST', '/api/stories', async ({ request, response, url }) => {
			const files = await readImportFiles(request, maxImportBytes);
			const created = await stories.importFiles(files, url.searchParams.get('title') ?? undefined);
			sendJson(response, 201, {
				stories: created.map((story) => ({
					id: story.id,
					title: story.title,
					url: `/stories/${story.id}`
				}))
			});
		})
		.add('GET', '/api/stories', async ({ response }) => {
			sendJson(response, 200, { stories: await stories.list() });
		})
		.add('GET', '/api/stories/:id', async ({ response, params }) => {
			sendJson(response, 200, await stories.get(params.id!));
		})
		.add('PATCH', '/api/stories/:id', async ({ request, response, params }) => {
			const body = await readJsonObject(request);
			sendJson(response, 200, await stories.rename(params.id!, body.title));
		})
		.add('DELETE', '/api/stories/:id', async ({ response, params }) => {
			await stories.remove(params.id!);
			sendNoContent(response);
		})
		.add('GET', '/api/stories/:id/export', async ({ request, response, params, url }) => {
			const options = parseExportOptions(url.searchParams);
			const id = params.id!;
			const source = `http://${request.headers.host ?? 'localhost'}/api/stories/${id}/export?format=txt`;
			const { story, file } = await stories.exportFile(id, options, source);
			sendDownload(
				response,
				file.body,
				file.contentType,
				attachmentDisposition(story.title + (file.nameSuffix ?? ''), file.extension),
				// Downloads are not meant to render here; if one ever did, nothing in it could run.
				file.contentType.startsWith('text/html')
					? { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" }
					: {}
			);
		});
}
