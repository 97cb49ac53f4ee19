import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { readStoryTextMap } from '#shared/model/storyDoc';
import type { StoryTextMap } from '#shared/model/textOffsets';
import { storyYIndex, type StoryChar, type StoryYIndex } from '#shared/review/storyYIndex';
import { CONTEXT_LENGTH, type ResolvedAnchor, type StoredAnchor } from '#shared/review/types';

/**
 * Anchors [start, end) of the story's txt export (UTF-16 offsets) to its words: the start sticks
 * to the first quoted character, the end to the last, so text typed just outside the range stays
 * outside and text typed inside grows it. Characters the export adds between blocks (blank lines,
 * list markers) cannot be anchored and are trimmed off the ends. Throws when no content is left.
 */
export function createAnchor(ydoc: Y.Doc, start: number, end: number): StoredAnchor {
	return anchorMaker(ydoc)(start, end);
}

/** Makes anchors on the story as it is now (see `createAnchor`). */
export type AnchorMaker = (start: number, end: number) => StoredAnchor;

/**
 * An `AnchorMaker` for the story's current state, reading the story once for many anchors
 * (seeding thousands of threads); make a new one after the story changes.
 */
export function anchorMaker(ydoc: Y.Doc): AnchorMaker {
	const map = readStoryTextMap(ydoc);
	const index = storyYIndex(ydoc);
	const seen = toBase64(Y.encodeStateVector(ydoc));
	return (start, end) => makeAnchor(map, index, seen, start, end);
}

function makeAnchor(
	map: StoryTextMap,
	index: StoryYIndex,
	seen: string,
	start: number,
	end: number
): StoredAnchor {
	let from = Math.max(0, Math.min(start, map.text.length));
	let to = Math.max(from, Math.min(end, map.text.length));
	while (from < to && !contentAt(map, index, from)) from++;
	while (to > from && !contentAt(map, index, to - 1)) to--;
	const first = contentAt(map, index, from);
	const last = contentAt(map, index, to - 1);
	if (from >= to || !first || !last) throw new RangeError('Nothing to anchor in that range');
	return {
		start: encode(Y.createRelativePositionFromTypeIndex(first.type, first.index, 0)),
		end: encode(Y.createRelativePositionFromTypeIndex(last.type, last.index + 1, -1)),
		quote: map.text.slice(from, to),
		prefix: map.text.slice(Math.max(0, from - CONTEXT_LENGTH), from),
		suffix: map.text.slice(to, to + CONTEXT_LENGTH),
		seen
	};
}

/**
 * Where an anchor's words are now. Edits inside the range stay in it; when some of its
 * characters were deleted it shrinks to what is left. Words re-created rather than kept (the
 * tail of a split paragraph, the paragraph joined onto another, words restored by undo) are found
 * again by their quote, made of characters created since the anchor, next to the surviving end
 * or else by their context. When the words are gone — or cannot be placed for certain — the
 * anchor is detached: never a wrong range. The result depends only on the document's state, so
 * every client and the server agree.
 */
export function resolveAnchor(ydoc: Y.Doc, anchor: StoredAnchor): ResolvedAnchor {
	return anchorResolver(ydoc)(anchor);
}

/** Resolves anchors against the story as it is now (reads the story once for many anchors). */
export type AnchorResolver = (anchor: StoredAnchor) => ResolvedAnchor;

/**
 * An `AnchorResolver` for the story's current state; make a new one after the story changes.
 * Pass the story's text map when you have it (it is also what turns the offsets into positions).
 */
export function anchorResolver(
	ydoc: Y.Doc,
	map: StoryTextMap = readStoryTextMap(ydoc)
): AnchorResolver {
	const index = storyYIndex(ydoc);
	return (anchor) => {
		try {
			return resolveIn(ydoc, map, index, anchor);
		} catch {
			// Bytes that are base64 but no relative position or state vector: junk from a client.
			return { start: 0, end: 0, quote: anchor.quote, detached: true };
		}
	};
}

function resolveIn(
	ydoc: Y.Doc,
	map: StoryTextMap,
	index: StoryYIndex,
	anchor: StoredAnchor
): ResolvedAnchor {
	const start = resolveSide(ydoc, index, anchor.start);
	const end = resolveSide(ydoc, index, anchor.end);
	const startOffset = start.pos === null ? null : map.toOffset(start.pos, 1);
	const endOffset = end.pos === null ? null : map.toOffset(end.pos, -1);
	const live = (from: number, to: number): ResolvedAnchor => ({
		start: from,
		end: to,
		quote: map.text.slice(from, to),
		detached: false
	});
	if (start.alive && end.alive && startOffset !== null && endOffset !== null) {
		if (startOffset < endOffset) return live(startOffset, endOffset);
	} else {
		const seen = Y.decodeStateVector(fromBase64(anchor.seen));
		/** Whether the content character at `offset` existed when the anchor was made. */
		const isOld = (offset: number): boolean => {
			const char = contentAt(map, index, offset);
			if (!char) return false;
			const id = Y.createRelativePositionFromTypeIndex(char.type, char.index, 0).item;
			return id !== null && id.clock < (seen.get(id.client) ?? 0);
		};
		// What Yjs still holds of the range: between the ends, or from a surviving end to the
		// edge of its block (the other end was in another block, so that much was quoted). Only
		// quoted and new characters are in it; outside it, the moved words must be new ones.
		const heldFrom =
			startOffset ?? (end.blockStart === null ? null : map.toOffset(end.blockStart, 1));
		const heldTo = endOffset ?? (start.blockEnd === null ? null : map.toOffset(start.blockEnd, -1));
		const found = findMoved(map.text, anchor, {
			start: start.alive ? startOffset : null,
			end: end.alive ? endOffset : null,
			near: startOffset ?? endOffset ?? 0,
			allowed: (offset) =>
				(heldFrom !== null && heldTo !== null && offset >= heldFrom && offset < heldTo) ||
				!isOld(offset)
		});
		if (found) return live(found.start, found.end);
		if (startOffset !== null && endOffset !== null) {
			// Deletions only shrank the range. Past a deleted end, new characters (typed there,
			// or restored by undo next to it) cannot be told from text typed outside: drop them.
			let from = startOffset;
			let to = endOffset;
			if (!start.alive) while (from < to && !isOld(from)) from++;
			if (!end.alive) while (to > from && !isOld(to - 1)) to--;
			if (from < to) return live(from, to);
		}
	}
	const at = startOffset ?? endOffset ?? 0;
	return { start: at, end: at, quote: anchor.quote, detached: true };
}

function contentAt(map: StoryTextMap, index: StoryYIndex, offset: number): StoryChar | null {
	const pos = map.toPos(offset, 1);
	// Offsets the export adds map to the nearest content, which has a different offset.
	if (map.toOffset(pos, 1) !== offset) return null;
	return index.charAt(pos);
}

interface Side {
	/** ProseMirror position, or null when its node is no longer in the story. */
	pos: number | null;
	/** Whether the character it sticks to still exists. */
	alive: boolean;
	/** Positions of the start and end of the Yjs type it resolved in, when in the story. */
	blockStart: number | null;
	blockEnd: number | null;
}

function resolveSide(ydoc: Y.Doc, index: StoryYIndex, encoded: string): Side {
	const rpos = Y.decodeRelativePosition(fromBase64(encoded));
	// Not following undo's restorations: Yjs records them only on the client that undid, so
	// every other client (and the server) would place the anchor differently. Restored words
	// are new characters with the old quote and context, which `findMoved` finds instead.
	const abs = Y.createAbsolutePositionFromRelativePosition(rpos, ydoc, false);
	const pos = abs ? index.positionIn(abs.type, abs.index) : null;
	const item = rpos.item ? itemOf(ydoc, rpos.item) : null;
	return {
		pos,
		alive: pos !== null && item !== null && !item.deleted,
		blockStart: abs && pos !== null ? index.positionIn(abs.type, 0) : null,
		blockEnd: abs && pos !== null ? index.positionIn(abs.type, Number.MAX_SAFE_INTEGER) : null
	};
}

/** The item an id refers to, if this document has it. */
function itemOf(ydoc: Y.Doc, id: Y.ID): Y.Item | null {
	if (Y.getState(ydoc.store, id.client) <= id.clock) return null;
	const struct = Y.getItem(ydoc.store, id);
	return struct instanceof Y.Item ? struct : null;
}

interface MoveHints {
	/** Where the quote must start / end because that end's character survived, if it did. */
	start: number | null;
	end: number | null;
	/** Where the words were last seen, to choose between equally good places. */
	near: number;
	/** Whether the character at an offset may belong to the moved words. */
	allowed: (offset: number) => boolean;
}

/**
 * Finds the quote again after y-tiptap or undo re-created (some of) its characters. Separators
 * may appear or vanish (split, join), so whitespace in the quote matches any whitespace or none.
 */
function findMoved(
	text: string,
	anchor: StoredAnchor,
	hints: MoveHints
): { start: number; end: number } | null {
	const parts = anchor.quote.split(/\s+/).filter(Boolean).map(escapeRegExp);
	if (parts.length === 0) return null;
	const pattern = new RegExp(parts.join('\\s*'), 'g');
	const prefix = squeeze(anchor.prefix);
	const suffix = squeeze(anchor.suffix);
	let best: { start: number; end: number } | null = null;
	for (const match of text.matchAll(pattern)) {
		const start = match.index;
		const end = start + match[0].length;
		if (hints.start !== null && start !== hints.start) continue;
		if (hints.end !== null && end !== hints.end) continue;
		if (!everyOffset(start, end, hints.allowed)) continue;
		if (hints.start === null && hints.end === null) {
			const before = squeeze(text.slice(Math.max(0, start - 4 * CONTEXT_LENGTH), start));
			const after = squeeze(text.slice(end, end + 4 * CONTEXT_LENGTH));
			const fits =
				(prefix.length === 0 && suffix.length === 0) ||
				(prefix.length > 0 && before.endsWith(prefix)) ||
				(suffix.length > 0 && after.startsWith(suffix));
			if (!fits) continue;
		}
		if (!best || Math.abs(start - hints.near) < Math.abs(best.start - hints.near)) {
			best = { start, end };
		}
	}
	return best;
}

function everyOffset(start: number, end: number, test: (offset: number) => boolean): boolean {
	for (let offset = start; offset < end; offset++) if (!test(offset)) return false;
	return true;
}

function squeeze(text: string): string {
	return text.replace(/\s+/g, '');
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function encode(rpos: Y.RelativePosition): string {
	return toBase64(Y.encodeRelativePosition(rpos));
}
