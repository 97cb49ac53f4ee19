import mammoth from 'mammoth';
import type { JSONContent } from '@tiptap/core';
import { htmlToStoryJSON } from '#shared/formats/htmlToStory';
import { StoryError } from '../stories/StoryError';
import { guardZip } from './zipGuard';

/**
 * Reads a Word document into a story document. The zip is checked first (entry count and
 * declared sizes before inflating, real sizes capped while inflating) and every XML part is
 * refused if it declares a DTD — the door to entity expansion (billion laughs) and external
 * entities, and something Office never writes. Only then does mammoth read it, with no access
 * to files or the network and images left out; its HTML goes through the HTML importer with
 * whitespace kept literally, as Word's text is.
 */
export async function docxToStoryJSON(bytes: Uint8Array, label: string): Promise<JSONContent> {
	const parts = await guardZip(bytes, label);
	if (!parts.has('word/document.xml')) {
		throw new StoryError(
			'invalid',
			`${label} is not a Word document: it has no word/document.xml.`
		);
	}
	for (const [name, content] of parts) {
		if (/<!DOCTYPE|<!ENTITY/i.test(content.toString('utf8'))) {
			throw new StoryError(
				'invalid',
				`${label} is refused: its part "${name}" declares a DTD or entities.`
			);
		}
	}
	let html: string;
	try {
		const result = await mammoth.convertToHtml(
			{ buffer: Buffer.from(bytes) },
			{
				ignoreEmptyParagraphs: false,
				externalFileAccess: false,
				// Images are not story text: never decode or embed them.
				convertImage: mammoth.images.imgElement(async () => ({ src: '' }))
			}
		);
		html = result.value;
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		throw new StoryError('invalid', `${label} is not a readable .docx: ${why.slice(0, 200)}`);
	}
	return htmlToStoryJSON(html, { literal: true });
}
