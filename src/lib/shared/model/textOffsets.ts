import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { walkStory, type StoryTreeReader } from '#shared/model/storyWalker';

/**
 * Which way an offset or position that falls between two places leans: `1` towards what
 * follows (use it for the start of a range), `-1` towards what precedes (the end of a range).
 */
export type Assoc = -1 | 1;

/** The story's text plus a map between UTF-16 offsets in it and ProseMirror positions. */
export interface StoryTextMap {
	/** Exactly the txt export (`storyJSONToText`) of the document. */
	readonly text: string;
	/**
	 * The ProseMirror position before the character at `offset` (clamped to the text). Inside
	 * text and hard breaks this is exact; an offset in characters the text adds (the blank line
	 * between paragraphs, list markers) goes to the nearest content in the `assoc` direction.
	 */
	toPos(offset: number, assoc?: Assoc): number;
	/**
	 * The text offset of a ProseMirror position (clamped to the document). A position between
	 * blocks goes to the nearest content in the `assoc` direction.
	 */
	toOffset(pos: number, assoc?: Assoc): number;
}

/** Reads a ProseMirror node for the story walker. */
export const proseMirrorStoryReader: StoryTreeReader<ProseMirrorNode> = {
	type: (node) => node.type.name,
	text: (node) => node.text ?? '',
	attr: (node, name) => node.attrs[name],
	children: (node) => node.content.content
};

/**
 * The text of a ProseMirror story document with its offset ↔ position map. Pass the story's
 * `finalNewline` to make `text` the full export (the final "\n" has no position of its own).
 */
export function textOffsetsOf(doc: ProseMirrorNode, finalNewline = false): StoryTextMap {
	return buildStoryTextMap(doc.content.content, proseMirrorStoryReader, finalNewline);
}

/**
 * Builds the map from any representation the walker reads (e.g. the Y.XmlFragment directly).
 * Positions are those of the ProseMirror document the blocks make.
 */
export function buildStoryTextMap<N>(
	blocks: readonly N[],
	reader: StoryTreeReader<N>,
	finalNewline = false
): StoryTextMap {
	const parts: string[] = [];
	let length = 0;
	// Runs of content where offset and position move together: [offsets[i], +lengths[i]] maps to
	// [positions[i], +lengths[i]]. Both columns increase, so either can be binary-searched.
	const offsets: number[] = [];
	const positions: number[] = [];
	const lengths: number[] = [];
	const addRun = (pos: number, runLength: number) => {
		const last = offsets.length - 1;
		if (
			last >= 0 &&
			offsets[last]! + lengths[last]! === length &&
			positions[last]! + lengths[last]! === pos
		) {
			lengths[last]! += runLength;
		} else {
			offsets.push(length);
			positions.push(pos);
			lengths.push(runLength);
		}
	};
	walkStory(blocks, reader, {
		content(text, pos) {
			addRun(pos, text.length);
			parts.push(text);
			length += text.length;
		},
		gap(text) {
			parts.push(text);
			length += text.length;
		},
		empty(pos) {
			addRun(pos, 0);
		}
	});
	if (finalNewline) parts.push('\n');
	const text = parts.join('');
	// Values outside the text or the document fall to the nearest run edge, like gaps do.
	return {
		text,
		toPos: (offset, assoc = 1) => translate(offsets, positions, lengths, offset, assoc),
		toOffset: (pos, assoc = 1) => translate(positions, offsets, lengths, pos, assoc)
	};
}

/**
 * Maps `value` from the `from` column to the `to` column of the runs: exactly inside a run (ends
 * included), else to the nearest run edge in the `assoc` direction, else the other one.
 */
function translate(
	from: readonly number[],
	to: readonly number[],
	lengths: readonly number[],
	value: number,
	assoc: Assoc
): number {
	if (from.length === 0) return 0;
	// Last run starting at or before value.
	let low = 0;
	let high = from.length - 1;
	let index = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (from[middle]! <= value) {
			index = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	if (index >= 0 && value <= from[index]! + lengths[index]!) {
		return to[index]! + (value - from[index]!);
	}
	const before = index >= 0 ? to[index]! + lengths[index]! : undefined;
	const after = index + 1 < from.length ? to[index + 1]! : undefined;
	if (assoc === 1) return after ?? before ?? 0;
	return before ?? after ?? 0;
}
