import type { JSONContent } from '@tiptap/core';
import { docxToStoryJSON } from './docxToStory';
import { centralDirectory, DOCX_ZIP_LIMITS } from './zipGuard';

/**
 * Reads a .docx into story JSON: the zip's central directory is checked first (a zip bomb is
 * refused before anything is inflated), then the document is converted. On the server this runs
 * in the work pool, whose deadline and heap cap bound what a crafted document can cost.
 */
export async function readDocx(bytes: Uint8Array, label: string): Promise<JSONContent> {
	centralDirectory(
		Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
		label,
		DOCX_ZIP_LIMITS
	);
	return docxToStoryJSON(bytes, label);
}
