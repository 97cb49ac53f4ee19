import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { StoryTextMap } from '#shared/model/textOffsets';
import type { Suggestion, Thread } from '#shared/review/types';

/** What of the review an export shows: open threads and open (not stale) suggestions. */
export interface ExportReview {
	threads: readonly Thread[];
	suggestions: readonly Suggestion[];
}

/** A thread or suggestion placed on the document: [from, to) in ProseMirror positions. */
export interface Placed<T> {
	item: T;
	/** 1-based number in reading order, for footnote-style references. */
	number: number;
	from: number;
	to: number;
}

export interface PlacedReview {
	threads: Placed<Thread>[];
	suggestions: Placed<Suggestion>[];
}

/** The review items an export may show: open, attached, and for suggestions not stale. */
export function openReview(
	threads: readonly Thread[],
	suggestions: readonly Suggestion[]
): ExportReview {
	return {
		threads: threads.filter((thread) => thread.status === 'open' && !thread.anchor.detached),
		suggestions: suggestions.filter(
			(suggestion) => suggestion.status === 'open' && !suggestion.detached
		)
	};
}

/** Turns the items' txt offsets into document positions, in reading order. */
export function placeReview(map: StoryTextMap, review: ExportReview): PlacedReview {
	const place = <T>(items: readonly T[], range: (item: T) => [number, number]): Placed<T>[] =>
		items
			.map((item) => {
				const [start, end] = range(item);
				const from = map.toPos(start, start === end ? -1 : 1);
				return { item, number: 0, from, to: Math.max(from, map.toPos(end, -1)) };
			})
			.sort((a, b) => a.from - b.from || a.to - b.to)
			.map((placed, index) => ({ ...placed, number: index + 1 }));
	return {
		threads: place(review.threads, (thread) => [thread.anchor.start, thread.anchor.end]),
		suggestions: place(review.suggestions, (suggestion) => [suggestion.start, suggestion.end])
	};
}

/** One piece of a textblock's content: text with its marks, or a hard break. */
export interface InlineRun {
	kind: 'text' | 'break';
	text: string;
	/** Mark type names, e.g. 'bold'. */
	marks: string[];
	/** The link target when the run is linked. */
	href?: string;
	from: number;
	to: number;
}

/**
 * The content of a textblock whose content starts at `start`, split at every position in `cuts`,
 * so that a run lies either wholly inside or wholly outside any range ending at those positions.
 */
export function textblockRuns(
	block: ProseMirrorNode,
	start: number,
	cuts: readonly number[]
): InlineRun[] {
	const runs: InlineRun[] = [];
	block.forEach((child, offset) => {
		const from = start + offset;
		if (!child.isText) {
			runs.push({ kind: 'break', text: '\n', marks: [], from, to: from + child.nodeSize });
			return;
		}
		const text = child.text ?? '';
		const marks = child.marks.map((mark) => mark.type.name);
		const link = child.marks.find((mark) => mark.type.name === 'link');
		const href = link ? String(link.attrs.href ?? '') : undefined;
		const inside = cuts
			.filter((cut) => cut > from && cut < from + text.length)
			.sort((a, b) => a - b);
		let at = from;
		for (const cut of [...new Set(inside), from + text.length]) {
			runs.push({
				kind: 'text',
				text: text.slice(at - from, cut - from),
				marks,
				href,
				from: at,
				to: cut
			});
			at = cut;
		}
	});
	return runs;
}

/** Every boundary of the placed items, for `textblockRuns`. */
export function reviewCuts(review: PlacedReview): number[] {
	return [...review.threads, ...review.suggestions].flatMap((placed) => [placed.from, placed.to]);
}
