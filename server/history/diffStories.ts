import type * as Y from 'yjs';
import { META_MAP } from '#shared/model/schema';
import { FINAL_NEWLINE_KEY, readFinalNewline } from '#shared/model/storyDoc';
import { attributedText, visibility, type AttributedText } from './attributedText';

/** Who wrote and who deleted what, by Yjs item id. */
export interface Attribution {
	/** The writer (link id) bound to a client id; undefined: the original (import) or unknown. */
	writerOf(client: number): string | undefined;
	/** The writer who deleted an item, or null when the deletion log does not say. */
	deleterOf(client: number, clock: number): string | null;
}

/** A run of text added (in the `to` text) or removed (from the `from` text) by one writer. */
export interface StoryChange {
	type: 'insert' | 'delete';
	/** Offsets in the `to` text (insertions) or the `from` text (deletions). */
	start: number;
	end: number;
	text: string;
	/** The writer; null: the original text's (insertions) or not known (deletions). */
	author: string | null;
	/** Where the change sits in the `to` text (for insertions, `start`). */
	at: number;
}

export interface StoryDiff {
	fromText: string;
	toText: string;
	/** Insertions and deletions, in the order they appear in the story. */
	changes: StoryChange[];
}

/** Per textblock of a text: whether it is gone from (or not in) the other doc. */
function changedBlocks(text: AttributedText, visibleInOther: (c: number, k: number) => boolean) {
	const changed = text.blockIds.map((id) => !visibleInOther(id.client, id.clock));
	// allBefore[b]: every block before b changed (b > 0), so the gap before b goes with them.
	const allBefore: boolean[] = [];
	let all = true;
	changed.forEach((blockChanged, block) => {
		allBefore[block] = block > 0 && all;
		all &&= blockChanged;
	});
	return { changed, allBefore };
}

/**
 * Which characters of `text` are not in the other doc, and by whom: content by its item, the
 * gaps between blocks with the block after them (or, when all blocks before went, the one before).
 */
function markChanges(
	text: AttributedText,
	visibleInOther: (client: number, clock: number) => boolean,
	authorOf: (client: number, clock: number) => string | null
): { changed: Uint8Array; authors: Array<string | null> } {
	const blocks = changedBlocks(text, visibleInOther);
	const length = text.text.length;
	const changed = new Uint8Array(length);
	const authors: Array<string | null> = new Array<string | null>(length).fill(null);
	for (let index = 0; index < length; index++) {
		if (!text.gaps[index]) {
			const client = text.clients[index]!;
			const clock = text.clocks[index]!;
			if (client >= 0 && !visibleInOther(client, clock)) {
				changed[index] = 1;
				authors[index] = authorOf(client, clock);
			}
			continue;
		}
		const block = text.blocks[index]!;
		if (block < 0) continue;
		const own = blocks.changed[block]!;
		if (!own && !blocks.allBefore[block]) continue;
		const id = text.blockIds[own ? block : block - 1]!;
		changed[index] = 1;
		authors[index] = authorOf(id.client, id.clock);
	}
	return { changed, authors };
}

/**
 * The changes from one version of a story to another, exact by construction: a character of the
 * `to` text whose Yjs item is not visible in `from` was inserted (by the writer of its client
 * id), a character of the `from` text whose item is not visible in `to` was deleted (by whoever
 * the deletion log names). Reading each side's text from its own doc means text that `to` has
 * garbage-collected (a deleted paragraph) is still read whole from `from`.
 */
export function diffStories(from: Y.Doc, to: Y.Doc, attribution: Attribution): StoryDiff {
	const before = attributedText(from);
	const after = attributedText(to);
	const visibleBefore = visibility(from);
	const visibleAfter = visibility(to);
	const inserted = markChanges(
		after,
		visibleBefore,
		(client) => attribution.writerOf(client) ?? null
	);
	const deleted = markChanges(before, visibleAfter, (client, clock) =>
		attribution.deleterOf(client, clock)
	);

	// Where each kept character of `from` is in `to`, to place deletions.
	const keptAt = new Map<string, number>();
	for (let index = 0; index < after.text.length; index++) {
		if (after.gaps[index] || inserted.changed[index]) continue;
		keptAt.set(`${after.clients[index]}:${after.clocks[index]}`, index);
	}

	const changes: StoryChange[] = [];
	// Deletions, each placed after the last kept character before it (plus kept gaps since).
	let lastKept = 0;
	let keptGaps = 0;
	runs(before.text, deleted, (start, end, author) => {
		changes.push({
			type: 'delete',
			start,
			end,
			text: before.text.slice(start, end),
			author,
			at: 0
		});
	});
	let next = 0;
	for (let index = 0; index < before.text.length; index++) {
		const change = changes[next];
		if (change && change.start === index) {
			change.at = Math.min(lastKept + keptGaps, after.text.length);
			next++;
		}
		if (deleted.changed[index]) continue;
		if (before.gaps[index]) {
			keptGaps++;
			continue;
		}
		const to = keptAt.get(`${before.clients[index]}:${before.clocks[index]}`);
		if (to !== undefined) {
			lastKept = to + 1;
			keptGaps = 0;
		}
	}
	runs(after.text, inserted, (start, end, author) => {
		changes.push({
			type: 'insert',
			start,
			end,
			text: after.text.slice(start, end),
			author,
			at: start
		});
	});
	finalNewline(from, to, before.text, after.text, attribution, changes);
	// In story order; at one place, what was deleted before what replaced it.
	changes.sort(
		(a, b) => a.at - b.at || (a.type === b.type ? a.start - b.start : a.type === 'delete' ? -1 : 1)
	);
	return { fromText: before.text, toText: after.text, changes };
}

/**
 * The text's final line break is not an item of the story but a flag in its meta map: when it
 * differs, the "\n" is a change by whoever set the flag last.
 */
function finalNewline(
	from: Y.Doc,
	to: Y.Doc,
	fromText: string,
	toText: string,
	attribution: Attribution,
	changes: StoryChange[]
): void {
	const had = readFinalNewline(from);
	const has = readFinalNewline(to);
	if (had === has) return;
	const flag = to.getMap(META_MAP)._map.get(FINAL_NEWLINE_KEY);
	const author = flag ? (attribution.writerOf(flag.id.client) ?? null) : null;
	if (has) {
		const start = toText.length - 1;
		changes.push({ type: 'insert', start, end: start + 1, text: '\n', author, at: start });
	} else {
		const start = fromText.length - 1;
		changes.push({ type: 'delete', start, end: start + 1, text: '\n', author, at: toText.length });
	}
}

/** Calls `emit` for each run of changed characters with one author. */
function runs(
	text: string,
	marks: { changed: Uint8Array; authors: Array<string | null> },
	emit: (start: number, end: number, author: string | null) => void
): void {
	let start = -1;
	for (let index = 0; index <= text.length; index++) {
		const continues =
			index < text.length &&
			marks.changed[index] === 1 &&
			start >= 0 &&
			marks.authors[index] === marks.authors[start];
		if (start >= 0 && !continues) {
			emit(start, index, marks.authors[start] ?? null);
			start = -1;
		}
		if (start < 0 && index < text.length && marks.changed[index]) start = index;
	}
}

/** A run of the txt export and who wrote it (null: the original). */
export interface AuthorRange {
	start: number;
	end: number;
	author: string | null;
}

/**
 * Who wrote each character of the story's txt export: the writer bound to the client id that
 * inserted it; the gaps between blocks go with the block after them.
 */
export function storyAuthorship(doc: Y.Doc, writerOf: (client: number) => string | undefined) {
	const text = attributedText(doc);
	const ranges: AuthorRange[] = [];
	let current: AuthorRange | null = null;
	for (let index = 0; index < text.text.length; index++) {
		let client = text.clients[index]!;
		if (text.gaps[index]) {
			const block = text.blocks[index]!;
			client = block >= 0 ? text.blockIds[block]!.client : -1;
		}
		const author = client >= 0 ? (writerOf(client) ?? null) : null;
		if (current && current.author === author) current.end = index + 1;
		else ranges.push((current = { start: index, end: index + 1, author }));
	}
	return { text: text.text, ranges };
}
