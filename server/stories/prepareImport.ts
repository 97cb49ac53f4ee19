import path from 'node:path';
import * as Y from 'yjs';
import { decodeText } from '#shared/formats/decodeText';
import { htmlToStoryJSON } from '#shared/formats/htmlToStory';
import { markdownToStoryJSON } from '#shared/formats/markdownToStory';
import type { JSONContent } from '@tiptap/core';
import { countWords, readStoryText, writeStoryJSON } from '#shared/model/storyDoc';
import { textToStoryJSON } from '#shared/model/storyText';
import { readDocx } from '../formats/readDocx';
import { checkImportLimits } from './importLimits';
import { StoryError } from './StoryError';

/** A file to import, as it arrived. */
export interface ImportSource {
	/** The uploaded file's name (may be empty for a raw body). */
	filename: string;
	/** The declared media type, used when the name says nothing. */
	contentType: string;
	bytes: Uint8Array;
}

/** A story ready to store: its first Yjs state, baseline text and derived facts. */
export interface PreparedStory {
	title: string;
	state: Uint8Array;
	text: string;
	words: number;
}

type ImportFormat = 'text' | 'markdown' | 'html' | 'docx';

/** The file as story JSON, and whether its text ended with a line break. */
async function readStory(
	source: ImportSource,
	format: ImportFormat,
	label: string
): Promise<{ json: JSONContent; finalNewline: boolean }> {
	// Word documents carry no "final line break"; a story's text ends with one, as most files do.
	if (format === 'docx') return { json: await readDocx(source.bytes, label), finalNewline: true };
	const decoded = decodeText(source.bytes);
	if (!decoded.ok) throw new StoryError('binary', `${label} looks binary: ${decoded.message}`);
	const text = decoded.text;
	if (format === 'markdown') {
		return { json: markdownToStoryJSON(text), finalNewline: text.endsWith('\n') };
	}
	if (format === 'html') return { json: htmlToStoryJSON(text), finalNewline: true };
	const { doc, finalNewline } = textToStoryJSON(text);
	return { json: doc, finalNewline };
}

/** File name extensions the import reads, for messages, the UI and the CLI. */
export const IMPORT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.docx'];

const MAX_TITLE_LENGTH = 200;

/**
 * Turns one uploaded file into a story document, refusing what is too large, binary or of a
 * type Galley cannot read. Nothing is stored here, so a batch can be checked before any of it is.
 */
export async function prepareImport(
	source: ImportSource,
	options: { title?: string; maxBytes: number }
): Promise<PreparedStory> {
	const label = source.filename ? `"${source.filename}"` : 'The text';
	if (source.bytes.byteLength > options.maxBytes) {
		throw new StoryError(
			'too-large',
			`${label} is ${source.bytes.byteLength} bytes; the import limit is ${options.maxBytes} bytes.`
		);
	}
	const format = importFormat(source);
	if (!format) {
		throw new StoryError(
			'unsupported-type',
			`${label} is not a .txt, .md, .html or .docx file; Galley imports plain text, Markdown, HTML and Word documents.`
		);
	}
	const { json, finalNewline } = await readStory(source, format, label);
	checkImportLimits(json, label);
	const doc = new Y.Doc();
	writeStoryJSON(doc, json, finalNewline);
	const text = readStoryText(doc);
	return {
		title: cleanTitle(options.title) || titleFromFilename(source.filename) || 'Untitled story',
		state: Y.encodeStateAsUpdate(doc),
		text,
		words: countWords(text)
	};
}

function importFormat(source: ImportSource): ImportFormat | null {
	const extension = path.extname(source.filename).toLowerCase();
	if (extension === '.md' || extension === '.markdown') return 'markdown';
	if (extension === '.txt' || extension === '.text') return 'text';
	if (extension === '.html' || extension === '.htm') return 'html';
	if (extension === '.docx') return 'docx';
	if (extension !== '') return null;
	// No extension (a raw body, or a file named without one): trust the declared type, and let the
	// binary check catch anything that is not text after all.
	const mediaType = source.contentType.split(';')[0]!.trim().toLowerCase();
	if (mediaType === 'text/html') return 'html';
	if (mediaType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
		return 'docx';
	return mediaType === 'text/markdown' || mediaType === 'text/x-markdown' ? 'markdown' : 'text';
}

/** Trims a title and removes control characters; empty when nothing is left. */
export function cleanTitle(title: string | undefined | null): string {
	return (
		(title ?? '')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, MAX_TITLE_LENGTH)
	);
}

function titleFromFilename(filename: string): string {
	const base = path.basename(filename.replace(/\\/g, '/'));
	return cleanTitle(base.slice(0, base.length - path.extname(base).length));
}
