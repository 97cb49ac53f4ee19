import type { StoryService } from '../stories/StoryService';
import { attachmentDisposition } from './attachmentDisposition';
import { badRequest } from './HttpError';
import { readImportFiles } from './readImportFiles';
import { readJsonObject } from './readBody';
import { sendDownload, sendJson, sendNoContent } from './respond';
import type { Router } from './Router';

const EXPORT_FORMATS = ['txt'] as const;

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
		.add('GET', '/api/stories/:id/export', async ({ response, params, url }) => {
			const format = url.searchParams.get('format') ?? 'txt';
			if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
				throw badRequest(
					`Unknown export format "${format}"; use one of: ${EXPORT_FORMATS.join(', ')}.`,
					'unknown_format'
				);
			}
			const { story, text } = await stories.exportText(params.id!);
			sendDownload(
				response,
				text,
				'text/plain; charset=utf-8',
				attachmentDisposition(story.title, 'txt')
			);
		});
}
