import { escapeHtml, htmlDocument } from '#shared/formats/htmlDocument';
import { wordDiff, wordTokens, type DiffOp } from '#shared/formats/wordDiff';
import type { Suggestion } from '#shared/review/types';

/** Words of unchanged text shown either side of a change. */
const CONTEXT_WORDS = 8;

export interface ChangesReportInput {
	title: string;
	/** The text the story was first imported with (or another version's, see `compared`). */
	baseline: string;
	/** What is compared, e.g. "From version abc to the current text" (default: import to now). */
	compared?: string;
	/** The story's current txt export. */
	current: string;
	/** Every suggestion, whatever its status. */
	suggestions: readonly Suggestion[];
	/** When the report was made (ISO 8601). */
	generatedAt: string;
}

const REPORT_STYLE = `.hunk{margin:1rem 0;padding:.5rem;border-left:3px solid #ccc;white-space:pre-wrap}
.context{color:#666}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}`;

/**
 * A review report as one inert HTML file: counts, then every change from the baseline to the
 * current text as a word-level diff with a few words of context, then who suggested what and
 * who accepted or rejected it.
 */
export function changesReport(input: ChangesReportInput): string {
	const ops = wordDiff(input.baseline, input.current);
	const hunks = diffHunks(ops);
	const inserted = countWords(ops, 'insert');
	const deleted = countWords(ops, 'delete');
	return htmlDocument(
		`Changes: ${input.title}`,
		[
			`<h1 class="title">Changes to ${escapeHtml(input.title)}</h1>`,
			`<p class="meta">${escapeHtml(input.compared ?? 'From the text as first imported to the current text')}, ${escapeHtml(input.generatedAt)}.</p>`,
			'<h2>Summary</h2>',
			'<ul>',
			`<li>${hunks.length} ${plural(hunks.length, 'change')}: ${inserted} ${plural(inserted, 'word')} added, ${deleted} ${plural(deleted, 'word')} removed.</li>`,
			...suggestionCounts(input.suggestions),
			'</ul>',
			'<h2>Changes</h2>',
			hunks.length === 0 ? '<p>No changes: the text is as first imported.</p>' : '',
			...hunks.map(hunkHtml),
			...suggestionTable(input.suggestions)
		],
		REPORT_STYLE
	);
}

/** Groups the diff into changes, each with the unchanged words around it. */
function diffHunks(ops: readonly DiffOp[]): DiffOp[][] {
	const hunks: DiffOp[][] = [];
	let current: DiffOp[] | null = null;
	ops.forEach((op, index) => {
		if (op.type !== 'equal') {
			if (!current) {
				current = [];
				const before = wordTokens(ops[index - 1]?.text ?? '');
				if (before.length > 0)
					current.push({ type: 'equal', text: before.slice(-CONTEXT_WORDS * 2).join('') });
				hunks.push(current);
			}
			current.push(op);
			return;
		}
		if (!current) return;
		const tokens = wordTokens(op.text);
		// Changes close together share one block of context.
		if (tokens.length <= CONTEXT_WORDS * 4 && index < ops.length - 1) {
			current.push(op);
			return;
		}
		current.push({ type: 'equal', text: tokens.slice(0, CONTEXT_WORDS * 2).join('') });
		current = null;
	});
	return hunks;
}

function hunkHtml(hunk: readonly DiffOp[]): string {
	const parts = hunk.map((op) => {
		const text = escapeHtml(op.text);
		if (op.type === 'insert') return `<ins>${text}</ins>`;
		if (op.type === 'delete') return `<del>${text}</del>`;
		return `<span class="context">${text}</span>`;
	});
	return `<div class="hunk">${parts.join('')}</div>`;
}

function suggestionCounts(suggestions: readonly Suggestion[]): string[] {
	const people = new Map<string, { suggested: number; accepted: number; rejected: number }>();
	const person = (name: string) => {
		let entry = people.get(name);
		if (!entry) people.set(name, (entry = { suggested: 0, accepted: 0, rejected: 0 }));
		return entry;
	};
	for (const suggestion of suggestions) {
		person(suggestion.author.name).suggested++;
		if (suggestion.decidedBy && suggestion.status === 'accepted')
			person(suggestion.decidedBy.name).accepted++;
		if (suggestion.decidedBy && suggestion.status === 'rejected')
			person(suggestion.decidedBy.name).rejected++;
	}
	return [...people].map(
		([name, counts]) =>
			`<li>${escapeHtml(name)}: suggested ${counts.suggested}, accepted ${counts.accepted}, rejected ${counts.rejected}.</li>`
	);
}

function suggestionTable(suggestions: readonly Suggestion[]): string[] {
	if (suggestions.length === 0) return [];
	const rows = [...suggestions]
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
		.map((suggestion) => {
			const decided = suggestion.decidedBy
				? `${escapeHtml(suggestion.decidedBy.name)}${suggestion.decidedAt ? `, ${escapeHtml(suggestion.decidedAt)}` : ''}`
				: '';
			return `<tr><td>${escapeHtml(suggestion.status)}</td><td><del>${escapeHtml(suggestion.original)}</del> → <ins>${escapeHtml(suggestion.replacement)}</ins></td><td>${escapeHtml(suggestion.author.name)}, ${escapeHtml(suggestion.createdAt)}</td><td>${decided}</td></tr>`;
		});
	return [
		'<h2>Suggestions</h2>',
		'<table>',
		'<tr><th>Status</th><th>Change</th><th>Suggested by</th><th>Decided by</th></tr>',
		...rows,
		'</table>'
	];
}

function countWords(ops: readonly DiffOp[], type: DiffOp['type']): number {
	return ops
		.filter((op) => op.type === type)
		.reduce((total, op) => total + (op.text.match(/\S+/g)?.length ?? 0), 0);
}

function plural(count: number, word: string): string {
	return count === 1 ? word : `${word}s`;
}
