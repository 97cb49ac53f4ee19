import type { JSONContent } from '@tiptap/core';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { META_MAP, STORY_FIELD, storySchema } from '#shared/model/schema';
import { collectStoryText, textToStoryJSON, type StoryJSON } from '#shared/model/storyText';
import type { StoryTreeReader } from '#shared/model/storyWalker';
import { buildStoryTextMap, type StoryTextMap } from '#shared/model/textOffsets';

export { countWords } from '#shared/model/countWords';

/** The key in the META_MAP Y.Map recording whether the text ended with a line break. */
export const FINAL_NEWLINE_KEY = 'finalNewline';

type StoryYNode = Y.XmlElement | Y.XmlText;

/**
 * Reads the Yjs XML that TipTap's Collaboration binds, without converting it to ProseMirror.
 * A Y.XmlText holds one run of text whatever its marks; `Y.Text#toString` is its plain text
 * (`Y.XmlText#toString` would render the marks as XML tags).
 */
export const yXmlStoryReader: StoryTreeReader<StoryYNode> = {
	type: (node) => (node instanceof Y.XmlText ? 'text' : node.nodeName),
	text: (node) => Y.Text.prototype.toString.call(node),
	attr: (node, name) => (node instanceof Y.XmlElement ? node.getAttribute(name) : undefined),
	children: (node) => (node instanceof Y.XmlElement ? (node.toArray() as StoryYNode[]) : [])
};

/** Fills an empty story document from decoded, LF-normalised text (see `textToStoryJSON`). */
export function writeStoryText(ydoc: Y.Doc, text: string): void {
	const { doc, finalNewline } = textToStoryJSON(text);
	writeStoryJSON(ydoc, doc, finalNewline);
}

/**
 * Fills an empty story document from ProseMirror JSON in the story schema, through y-tiptap so
 * the Yjs structure is exactly what the Collaboration extension reads. Throws if the JSON does
 * not fit the schema or the document already has content (import is not a merge).
 */
export function writeStoryJSON(ydoc: Y.Doc, doc: JSONContent, finalNewline: boolean): void {
	const fragment = ydoc.getXmlFragment(STORY_FIELD);
	if (fragment.length > 0) throw new Error('The story document already has content');
	const node = storySchema.nodeFromJSON(doc);
	node.check();
	ydoc.transact(() => {
		prosemirrorToYXmlFragment(node, fragment);
		ydoc.getMap(META_MAP).set(FINAL_NEWLINE_KEY, finalNewline);
	});
}

/** Whether the story's text ends with a line break (false when never recorded). */
export function readFinalNewline(ydoc: Y.Doc): boolean {
	return ydoc.getMap(META_MAP).get(FINAL_NEWLINE_KEY) === true;
}

/** The story's current document as ProseMirror JSON (what the md, html and docx exports read). */
export function readStoryJSON(ydoc: Y.Doc): StoryJSON {
	const node = yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(STORY_FIELD), storySchema);
	return { doc: node.toJSON() as JSONContent, finalNewline: readFinalNewline(ydoc) };
}

/** The txt export of the story's current document; equals `storyJSONToText` of its JSON. */
export function readStoryText(ydoc: Y.Doc): string {
	return collectStoryText(storyBlocks(ydoc), yXmlStoryReader, readFinalNewline(ydoc));
}

/**
 * The story's text with its offset ↔ ProseMirror position map, read straight from Yjs. The
 * positions are those of the editor's document (y-tiptap maps nodes one to one).
 */
export function readStoryTextMap(ydoc: Y.Doc): StoryTextMap {
	return buildStoryTextMap(storyBlocks(ydoc), yXmlStoryReader, readFinalNewline(ydoc));
}

function storyBlocks(ydoc: Y.Doc): StoryYNode[] {
	return ydoc.getXmlFragment(STORY_FIELD).toArray() as StoryYNode[];
}
