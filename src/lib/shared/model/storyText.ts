import type { JSONContent } from '@tiptap/core';
import { walkStory, type StoryTreeReader } from '#shared/model/storyWalker';

/** A story as ProseMirror JSON plus the one fact about its text the document cannot hold. */
export interface StoryJSON {
	doc: JSONContent;
	/** Whether the text ended with a line break (most files do); restored on export. */
	finalNewline: boolean;
}

/**
 * Turns decoded, LF-normalised text into a story document, keeping every character: paragraphs
 * are separated by "\n\n", a single "\n" inside a paragraph is a hard break, and one final "\n"
 * is recorded as `finalNewline`. Extra blank lines survive as empty paragraphs or leading hard
 * breaks, so `storyJSONToText(textToStoryJSON(text))` is `text` for every text without "\r".
 */
export function textToStoryJSON(text: string): StoryJSON {
	const finalNewline = text.endsWith('\n');
	const body = finalNewline ? text.slice(0, -1) : text;
	const content = body.split('\n\n').map(paragraphJSON);
	return { doc: { type: 'doc', content }, finalNewline };
}

function paragraphJSON(paragraph: string): JSONContent {
	const content: JSONContent[] = [];
	const lines = paragraph.split('\n');
	for (let index = 0; index < lines.length; index++) {
		if (index > 0) content.push({ type: 'hardBreak' });
		const line = lines[index] as string;
		// ProseMirror has no empty text nodes: an empty line is just the breaks around it.
		if (line) content.push({ type: 'text', text: line });
	}
	return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** Reads ProseMirror JSON for the story walker. */
export const jsonStoryReader: StoryTreeReader<JSONContent> = {
	type: (node) => node.type ?? '',
	text: (node) => node.text ?? '',
	attr: (node, name) => node.attrs?.[name],
	children: (node) => node.content ?? []
};

/**
 * The plain text of a story document: the exact inverse of `textToStoryJSON` for documents of
 * paragraphs, and readable text for headings, lists, quotes, code and rules from Markdown.
 */
export function storyJSONToText(doc: JSONContent, finalNewline: boolean): string {
	return collectStoryText(doc.content ?? [], jsonStoryReader, finalNewline);
}

/** Runs the walker over any representation and returns the text alone. */
export function collectStoryText<N>(
	blocks: readonly N[],
	reader: StoryTreeReader<N>,
	finalNewline: boolean
): string {
	let text = '';
	const append = (part: string) => {
		text += part;
	};
	walkStory(blocks, reader, { content: append, gap: append, empty: () => {} });
	return finalNewline ? text + '\n' : text;
}
