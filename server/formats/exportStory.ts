import * as Y from 'yjs';
import { z } from 'zod';
import { changesReport } from '#shared/formats/changesReport';
import { openReview, placeReview, type ExportReview } from '#shared/formats/exportReview';
import { storyAnnotations } from '#shared/formats/storyAnnotations';
import { storyToHtml } from '#shared/formats/storyToHtml';
import { storyToMarkdown } from '#shared/formats/storyToMarkdown';
import { replaceStoryText } from '#shared/model/editStoryText';
import { STORY_FIELD, storySchema } from '#shared/model/schema';
import { readFinalNewline, readStoryJSON, readStoryText } from '#shared/model/storyDoc';
import { textOffsetsOf } from '#shared/model/textOffsets';
import { anchorResolver } from '#shared/review/anchors';
import { listSuggestions, listThreads } from '#shared/review/notesDoc';
import { suggestionView, threadView } from '#shared/review/reviewViews';
import type { Suggestion } from '#shared/review/types';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { storyToDocx } from './storyToDocx';

export const EXPORT_FORMATS = ['txt', 'md', 'html', 'docx', 'changes', 'annotations'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Exports the history service makes (who wrote each run needs the writers of the room). */
export const HISTORY_EXPORT_FORMATS = ['authorship'] as const;

const flag = z
	.enum(['0', '1', 'true', 'false'])
	.transform((value) => value === '1' || value === 'true');

/** The export request's options, as query parameters (`?format=docx&comments=1`). */
export const exportOptionsSchema = z
	.object({
		format: z.enum(EXPORT_FORMATS, {
			error: (issue) =>
				`Unknown export format "${String(issue.input)}"; use one of: ${[...EXPORT_FORMATS, ...HISTORY_EXPORT_FORMATS].join(', ')}.`
		}),
		comments: flag.default(false),
		suggestions: flag.default(false),
		accept: z.enum(['all', 'none'], { error: 'accept must be "all" or "none".' }).default('none')
	})
	.refine((options) => !(options.suggestions && options.accept === 'all'), {
		message: 'suggestions=1 shows open suggestions as changes; accept=all applies them: choose one.'
	});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

/** A finished export: the bytes and how to serve or save them. */
export interface ExportFile {
	body: string | Uint8Array;
	contentType: string;
	/** File name extension (and, for the report, a suffix for the name). */
	extension: string;
	nameSuffix?: string;
}

export interface ExportSource {
	title: string;
	story: Y.Doc;
	notes: Y.Doc;
	/** The text the story was first imported with. */
	baseline: string;
	/** What the changes report compares, in words (default: the import and the current text). */
	compared?: string;
	/** The IRI of the story's txt export (annotation targets). */
	source: string;
}

/**
 * Builds one export of a story. Reads copies of the documents: `accept=all` applies every open,
 * non-stale suggestion to a clone, never to the story itself.
 */
export async function exportStory(
	input: ExportSource,
	options: ExportOptions
): Promise<ExportFile> {
	const story = options.accept === 'all' ? acceptAll(input.story, input.notes) : input.story;
	const resolve = anchorResolver(story);
	const threads = listThreads(input.notes).map((thread) => threadView(story, thread, resolve));
	const suggestions = listSuggestions(input.notes).map((suggestion) =>
		suggestionView(story, suggestion, resolve)
	);
	const open = openReview(threads, suggestions);
	const review: ExportReview = {
		threads: options.comments ? open.threads : [],
		suggestions: options.suggestions ? open.suggestions : []
	};
	switch (options.format) {
		case 'txt':
			return {
				body: readStoryText(story),
				contentType: 'text/plain; charset=utf-8',
				extension: 'txt'
			};
		case 'md':
			return {
				body: storyToMarkdown(readStoryJSON(story).doc),
				contentType: 'text/markdown; charset=utf-8',
				extension: 'md'
			};
		case 'html': {
			const { doc, placed } = placedOn(story, review);
			return {
				body: storyToHtml(doc, { title: input.title, review: placed }),
				contentType: 'text/html; charset=utf-8',
				extension: 'html'
			};
		}
		case 'docx': {
			const { doc, placed } = placedOn(story, review);
			return {
				body: await storyToDocx(doc, { title: input.title, review: placed }),
				contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				extension: 'docx'
			};
		}
		case 'annotations':
			return {
				body: JSON.stringify(
					storyAnnotations(readStoryText(story), threads, {
						source: input.source,
						id: `${input.source}#annotations`,
						title: input.title
					}),
					null,
					'\t'
				),
				contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
				extension: 'jsonld'
			};
		case 'changes':
			return {
				body: changesReport({
					title: input.title,
					baseline: input.baseline,
					...(input.compared && { compared: input.compared }),
					current: readStoryText(story),
					suggestions,
					generatedAt: new Date().toISOString()
				}),
				contentType: 'text/html; charset=utf-8',
				extension: 'html',
				nameSuffix: ' (changes)'
			};
	}
}

/** The story as a ProseMirror node with the review placed on it. */
function placedOn(story: Y.Doc, review: ExportReview) {
	const doc = yXmlFragmentToProseMirrorRootNode(story.getXmlFragment(STORY_FIELD), storySchema);
	return { doc, placed: placeReview(textOffsetsOf(doc, readFinalNewline(story)), review) };
}

/**
 * A copy of the story with every open, non-stale suggestion applied, last offset first so the
 * earlier offsets stay valid; a suggestion overlapping one already applied is left out.
 */
export function acceptAll(story: Y.Doc, notes: Y.Doc): Y.Doc {
	const copy = new Y.Doc({ gc: false });
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(story));
	const resolve = anchorResolver(story);
	const open: Suggestion[] = listSuggestions(notes)
		.map((suggestion) => suggestionView(story, suggestion, resolve))
		.filter((suggestion) => suggestion.status === 'open' && !suggestion.detached)
		.sort((a, b) => b.start - a.start || b.end - a.end);
	let limit = Infinity;
	for (const suggestion of open) {
		if (suggestion.end > limit) continue;
		replaceStoryText(copy, suggestion.start, suggestion.end, suggestion.replacement);
		limit = suggestion.start;
	}
	return copy;
}
