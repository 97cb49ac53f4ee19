import type * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { api, type ApiTarget } from './apiClient';
import { ownerOf, rememberImport } from './links';

/**
 * Imports a story straight through the HTTP API (a text/plain body, no token, as anyone may on a
 * server without ADMIN_TOKEN) and remembers its links; returns its id.
 */
export async function createStory(server: ApiTarget, title: string, text: string): Promise<string> {
	const response = await api(server)
		.anonymous()
		.raw(`/api/stories?title=${encodeURIComponent(title)}`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain; charset=utf-8' },
			body: text
		});
	if (response.status !== 201) {
		throw new Error(`import failed: ${response.status} ${await response.text()}`);
	}
	const body = (await response.json()) as { stories: Array<{ id: string }> };
	rememberImport(body);
	const id = body.stories[0]?.id;
	if (!id) throw new Error('import returned no story');
	return id;
}

/** The story's txt export as the API serves it to `token` (the owner's link unless given). */
export function exportText(server: ApiTarget, id: string, token = ownerOf(id)): Promise<string> {
	return api(server).as(token).text(`/api/stories/${id}/export?format=txt`);
}

/** The text node of a story document's first paragraph, where tests type. */
export function firstParagraphText(doc: Y.Doc): Y.XmlText {
	const paragraph = doc.getXmlFragment(STORY_FIELD).get(0) as Y.XmlElement;
	return paragraph.get(0) as Y.XmlText;
}
