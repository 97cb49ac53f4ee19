/**
 * The story as the History view shows it: paragraphs of runs, each plain, inserted, deleted or
 * written by someone, built from the txt export the API compares (paragraphs are separated by a
 * blank line there, so a `\n\n` starts a new paragraph here).
 */
import type { AuthorshipResponse, DiffResponse, HistoryAuthor } from '#shared/api/types';

export interface MarkedRun {
	text: string;
	/** `author`: authorship view (who wrote it); the others: compare view. */
	mark: 'same' | 'insert' | 'delete' | 'author';
	/** Index into the view's people (see `peopleOf`); null for plain text. */
	person: number | null;
}

export type MarkedParagraph = MarkedRun[];

/** One key per person: an id when they have one, else their name ("the original", "unknown"). */
export function personKey(author: HistoryAuthor): string {
	return author.id ?? `name:${author.name}`;
}

/**
 * The `to` text with every change in place: insertions as runs of it, deletions (from the `from`
 * text) at the place they were, before what follows them there. `people` orders the authors.
 */
export function diffRuns(diff: DiffResponse): MarkedRun[] {
	const people = new Map(diff.people.map((person, index) => [personKey(person), index]));
	const who = (author: HistoryAuthor) => people.get(personKey(author)) ?? null;
	const runs: MarkedRun[] = [];
	const push = (run: MarkedRun) => {
		if (run.text) runs.push(run);
	};
	// Deletions first at a shared position, as a reader expects "old → new".
	const changes = [...diff.changes].sort(
		(a, b) => a.at - b.at || (a.type === b.type ? 0 : a.type === 'delete' ? -1 : 1)
	);
	let at = 0;
	for (const change of changes) {
		const start = Math.max(at, change.at);
		push({ text: diff.toText.slice(at, start), mark: 'same', person: null });
		at = start;
		if (change.type === 'delete') {
			push({ text: change.text, mark: 'delete', person: who(change.author) });
		} else {
			const end = Math.max(at, change.end);
			push({ text: diff.toText.slice(at, end), mark: 'insert', person: who(change.author) });
			at = end;
		}
	}
	push({ text: diff.toText.slice(at), mark: 'same', person: null });
	return wordLevel(runs);
}

const WORD_CHAR = /[\p{L}\p{N}'’]/u;
const WORD_END = /[\p{L}\p{N}'’]+$/u;
const WORD_START = /^[\p{L}\p{N}'’]+/u;
const isChange = (run: MarkedRun | undefined) => run?.mark === 'insert' || run?.mark === 'delete';

/**
 * Word-level changes for reading: a change inside a word ("teh" → "the" is stored as t, −eh,
 * +he) is shown as the whole old word deleted and the whole new word inserted. Changes of whole
 * words, and changes next to spaces or punctuation, are left as they are.
 */
export function wordLevel(runs: readonly MarkedRun[]): MarkedRun[] {
	const rest = runs.map((run) => ({ ...run }));
	const out: MarkedRun[] = [];
	let index = 0;
	while (index < rest.length) {
		if (!isChange(rest[index])) {
			out.push(rest[index++]!);
			continue;
		}
		// The cluster: changes, joined by unchanged text that lies inside a word.
		let end = index;
		while (
			end < rest.length &&
			(isChange(rest[end]) ||
				(isChange(rest[end + 1]) && /^[\p{L}\p{N}'’]+$/u.test(rest[end]!.text)))
		) {
			end++;
		}
		const cluster = rest.slice(index, end);
		const changes = cluster.filter(isChange);
		const before = out[out.length - 1];
		const after = rest[end];
		const firstChar = changes[0]!.text[0] ?? '';
		const lastChar = changes[changes.length - 1]!.text.slice(-1);
		const left =
			before?.mark === 'same' && WORD_CHAR.test(firstChar)
				? (WORD_END.exec(before.text)?.[0] ?? '')
				: '';
		const right =
			after?.mark === 'same' && WORD_CHAR.test(lastChar)
				? (WORD_START.exec(after.text)?.[0] ?? '')
				: '';
		const splitsWord = left !== '' || right !== '' || cluster.length > changes.length;
		if (!splitsWord) {
			out.push(...cluster);
			index = end;
			continue;
		}
		if (left) {
			before!.text = before!.text.slice(0, -left.length);
			if (!before!.text) out.pop();
		}
		if (right) after!.text = after!.text.slice(right.length);
		const text = (keep: MarkedRun['mark']) =>
			left +
			cluster.map((run) => (run.mark === 'same' || run.mark === keep ? run.text : '')).join('') +
			right;
		const byKind = (mark: MarkedRun['mark']) => changes.find((run) => run.mark === mark)?.person;
		const deleter = byKind('delete') ?? byKind('insert') ?? null;
		const inserter = byKind('insert') ?? deleter;
		const removed = text('delete');
		const added = text('insert');
		if (removed) out.push({ text: removed, mark: 'delete', person: deleter });
		if (added) out.push({ text: added, mark: 'insert', person: inserter });
		index = end;
	}
	return out.filter((run) => run.text !== '');
}

/** The current text with each run marked by who wrote it ("the original" stays plain). */
export function authorshipRuns(authorship: AuthorshipResponse): MarkedRun[] {
	return authorship.ranges.map(({ start, end, author }) => {
		const original = authorship.authors[author]?.id === null;
		return {
			text: authorship.text.slice(start, end),
			mark: original ? 'same' : 'author',
			person: original ? null : author
		};
	});
}

/**
 * Splits runs into paragraphs at each blank line (found in the whole text, so a break split
 * between two runs counts too); the line ends of a break are not shown, the paragraph ends there.
 */
export function toParagraphs(runs: readonly MarkedRun[]): MarkedParagraph[] {
	const full = runs.map((run) => run.text).join('');
	const breaks = [...full.matchAll(/\n{2,}|\n+$/g)].map((match) => ({
		start: match.index,
		end: match.index + match[0].length
	}));
	const paragraphs: MarkedParagraph[] = [[]];
	let next = 0; // the first break not yet passed
	let offset = 0;
	for (const run of runs) {
		const runEnd = offset + run.text.length;
		let at = offset;
		while (at < runEnd) {
			const gap = breaks[next];
			if (gap && gap.end <= at) {
				next++;
				continue;
			}
			if (gap && gap.start <= at) {
				// Inside a break: skip its line ends; once past it, a new paragraph starts.
				at = Math.min(gap.end, runEnd);
				if (at === gap.end) {
					paragraphs.push([]);
					next++;
				}
				continue;
			}
			const until = Math.min(gap ? gap.start : runEnd, runEnd);
			paragraphs[paragraphs.length - 1]!.push({ ...run, text: full.slice(at, until) });
			at = until;
		}
		offset = runEnd;
	}
	return paragraphs.filter((paragraph) => paragraph.length > 0);
}
