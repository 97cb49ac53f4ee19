import type * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';

/** Imports a story straight through the HTTP API (a text/plain body); returns its id. */
export async function createStory(baseUrl: string, title: string, text: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/stories?title=${encodeURIComponent(title)}`, {
		method: 'POST',
		headers: { 'content-type': 'text/plain; charset=utf-8' },
		body: text
	});
	if (response.status !== 201) {
		throw new Error(`import failed: ${response.status} ${await response.text()}`);
	}
	const body = (await response.json()) as { stories: Array<{ id: string }> };
	const id = body.stories[0]?.id;
	if (!id) throw new Error('import returned no story');
	return id;
}

/** The text node of a story document's first paragraph, where tests type. */
export function firstParagraphText(doc: Y.Doc): Y.XmlText {
	const paragraph = doc.getXmlFragment(STORY_FIELD).get(0) as Y.XmlElement;
	return paragraph.get(0) as Y.XmlText;
}
