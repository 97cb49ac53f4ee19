import type { Suggestion, Thread } from '#shared/review/types';

/**
 * A thread or suggestion with where it sits in the editor (ProseMirror positions, as of the last
 * time anchors were read). For an insertion `from === to`.
 */
export type ReviewItem =
	| { kind: 'thread'; id: string; from: number; to: number; thread: Thread }
	| { kind: 'suggestion'; id: string; from: number; to: number; suggestion: Suggestion };

/** Text order; at the same place threads before suggestions, then oldest first. */
export function reviewItemsOrder(a: ReviewItem, b: ReviewItem): number {
	return (
		a.from - b.from ||
		a.to - b.to ||
		(a.kind === b.kind ? 0 : a.kind === 'thread' ? -1 : 1) ||
		createdAt(a).localeCompare(createdAt(b))
	);
}

function createdAt(item: ReviewItem): string {
	return item.kind === 'thread'
		? (item.thread.messages[0]?.createdAt ?? '')
		: item.suggestion.createdAt;
}

/** Whether the item is still waiting for someone: an open thread, an open or stale suggestion. */
export function isPending(item: ReviewItem): boolean {
	return item.kind === 'thread'
		? item.thread.status === 'open'
		: item.suggestion.status === 'open' || item.suggestion.status === 'stale';
}
