import * as Y from 'yjs';
import { STORY_FIELD, storySchema } from '#shared/model/schema';

/** A character of the story's content: one of a Y.XmlText's, or a leaf node (a hard break). */
export interface StoryChar {
	/** The Yjs type holding it and its index there (what a relative position is made from). */
	type: Y.XmlText | Y.XmlElement;
	index: number;
}

/**
 * ProseMirror positions of the Yjs nodes of a story, counted the way `walkStory` counts them
 * (y-tiptap maps nodes one to one), so `readStoryTextMap` turns them into text offsets. The model
 * exports no such index, hence this second, position-only walk over the same tree.
 */
export interface StoryYIndex {
	/** The character at ProseMirror position `pos`, if content (not a block boundary) is there. */
	charAt(pos: number): StoryChar | null;
	/** The ProseMirror position of `index` (clamped) in a live type of the story, else null. */
	positionIn(type: object, index: number): number | null;
}

type StoryYNode = Y.XmlElement | Y.XmlText;

interface Run {
	pos: number;
	size: number;
	char: (offset: number) => StoryChar;
}

/** Indexes the current "content" fragment of a story document. */
export function storyYIndex(ydoc: Y.Doc): StoryYIndex {
	const fragment = ydoc.getXmlFragment(STORY_FIELD);
	const runs: Run[] = [];
	// Live types → position of their first child slot, and the positions of each child.
	const slots = new Map<object, number[]>();

	const walk = (parent: Y.XmlFragment | Y.XmlElement, start: number): number => {
		const children = parent.toArray() as StoryYNode[];
		const positions: number[] = [];
		let pos = start;
		children.forEach((child, index) => {
			positions.push(pos);
			if (child instanceof Y.XmlText) {
				const text = child;
				runs.push({ pos, size: text.length, char: (offset) => ({ type: text, index: offset }) });
				slots.set(text, [pos]);
				pos += text.length;
			} else if (isLeaf(child)) {
				const container = parent as Y.XmlElement;
				runs.push({ pos, size: 1, char: () => ({ type: container, index }) });
				pos += 1;
			} else {
				pos = walk(child, pos + 1) + 1;
			}
		});
		positions.push(pos);
		slots.set(parent, positions);
		return pos;
	};
	walk(fragment, 0);

	return {
		charAt(pos) {
			let low = 0;
			let high = runs.length - 1;
			while (low <= high) {
				const middle = (low + high) >> 1;
				const run = runs[middle]!;
				if (pos < run.pos) high = middle - 1;
				else if (pos >= run.pos + run.size) low = middle + 1;
				else return run.char(pos - run.pos);
			}
			return null;
		},
		positionIn(type, index) {
			const positions = slots.get(type);
			if (!positions) return null;
			// A Y.XmlText has one slot list entry (its start); elements have one per child.
			if (type instanceof Y.XmlText) return positions[0]! + Math.min(index, type.length);
			return positions[Math.min(index, positions.length - 1)] ?? null;
		}
	};
}

/** Same rule as the story walker: schema leaves, or childless nodes of unknown types. */
function isLeaf(node: Y.XmlElement): boolean {
	const nodeType = storySchema.nodes[node.nodeName];
	return nodeType ? nodeType.isLeaf : node.length === 0;
}
