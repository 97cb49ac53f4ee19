import { flag } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Flag } from '#shared/proofing/types';

/**
 * A paragraph that opens a quotation and never closes it, when the next paragraph does not go on
 * with the same speech (which would rightly open with a quotation mark of its own).
 */
export function missingClosingQuotes(context: TextContext): Flag[] {
	const { text } = context;
	const flags: Flag[] = [];
	const lines: { start: number; end: number }[] = [];
	for (let start = 0; start <= text.length;) {
		const newline = text.indexOf('\n', start);
		const end = newline < 0 ? text.length : newline;
		if (text.slice(start, end).trim()) lines.push({ start, end });
		start = end + 1;
	}
	lines.forEach((line, index) => {
		const open = unclosedQuote(text, line.start, line.end);
		if (open < 0) return;
		const next = lines[index + 1];
		if (next && /^\s*["“]/.test(text.slice(next.start, next.end))) return;
		const end = line.start + text.slice(line.start, line.end).trimEnd().length;
		const close = text[open] === '“' ? '”' : '"';
		flags.push(
			flag('dialogue', 'dialogue/unclosed-quote', end, end, 'The quotation is never closed.', [
				close
			])
		);
	});
	return flags;
}

/** Index of the quotation mark left open at the end of [start, end), or -1. */
function unclosedQuote(text: string, start: number, end: number): number {
	let open = -1;
	for (let i = start; i < end; i++) {
		const char = text[i];
		if (char === '“') open = i;
		else if (char === '”') open = -1;
		else if (char === '"') {
			const before = i === start ? ' ' : text[i - 1]!;
			const opening = /[\s([{—-]/.test(before) && open < 0;
			open = opening ? i : -1;
		}
	}
	return open;
}
