import type { JSONContent } from '@tiptap/core';
import { markdownToStoryJSON } from '#shared/formats/markdownToStory';
import { isSafeHref } from '#shared/model/safeHref';
import { storySchema } from '#shared/model/schema';

type Mark = NonNullable<JSONContent['marks']>[number];

/** Marks written as HTML tags, which the importer reads whatever surrounds them. */
const MARK_TAGS: Record<string, string> = {
	bold: 'strong',
	italic: 'em',
	strike: 's',
	underline: 'u'
};
/** Markdown delimiters, used when the marked text cannot confuse CommonMark's flanking rules. */
const MARK_DELIMITERS: Record<string, string> = { bold: '**', italic: '*', strike: '~~' };
const WORDY_EDGES = /^[\p{L}\p{N}][\s\S]*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u;

/**
 * Writes a story document as Markdown that `markdownToStoryJSON` reads back to the same document:
 * every character Markdown would interpret is escaped, whitespace Markdown would drop (at the
 * edges of lines) is written as character references, hard breaks are backslash breaks, and
 * empty paragraphs between blocks are extra blank lines (as the importer reads them; Markdown
 * cannot say "empty paragraph" before the first block or after the last, so those are dropped).
 */
export function storyToMarkdown(doc: JSONContent): string {
	const blocks = doc.content ?? [];
	let markdown = '';
	let pendingEmpty = 0;
	for (const block of blocks) {
		if (isEmptyParagraph(block)) {
			// Empty paragraphs are only kept between blocks, as extra blank lines.
			if (markdown) pendingEmpty++;
			continue;
		}
		if (markdown) markdown += '\n\n' + '\n\n'.repeat(pendingEmpty);
		pendingEmpty = 0;
		markdown += writeBlock(block).join('\n');
	}
	return markdown + '\n';
}

function isEmptyParagraph(block: JSONContent): boolean {
	return block.type === 'paragraph' && (block.content ?? []).length === 0;
}

/** One block as lines (without the blank line that separates it from the next). */
function writeBlock(block: JSONContent): string[] {
	const children = block.content ?? [];
	switch (block.type) {
		case 'heading': {
			const level = Math.min(6, Math.max(1, Number(block.attrs?.level) || 1));
			return checked(block, (tags) => [
				'#'.repeat(level) + ' ' + writeInline(children, true, tags)
			]);
		}
		case 'codeBlock': {
			const code = children.map((child) => child.text ?? '').join('');
			const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
			const language = String(block.attrs?.language ?? '').replace(/[`\s]/g, '');
			return [fence + language, ...(code ? code.split('\n') : []), fence];
		}
		case 'horizontalRule':
			return ['* * *'];
		case 'blockquote':
			return writeBlocks(children).map((line) => (line ? '> ' + line : '>'));
		case 'bulletList':
		case 'orderedList': {
			const start = Number(block.attrs?.start ?? 1);
			return children.flatMap((item, index) => {
				const marker =
					block.type === 'orderedList' ? `${(Number.isFinite(start) ? start : 1) + index}. ` : '- ';
				const indent = ' '.repeat(marker.length);
				const lines = writeBlocks(item.content ?? []);
				if (lines.length === 0) return [marker.trimEnd()];
				return lines.map((line, at) => (at === 0 ? marker + line : line ? indent + line : ''));
			});
		}
		case 'paragraph':
			return checked(block, (tags) => writeInline(children, false, tags).split('\n'));
		default:
			// Not in the schema (foreign JSON): keep what text it has.
			return children.length > 0 ? writeBlocks(children) : [];
	}
}

/** Nested blocks, separated by blank lines (an empty paragraph keeps its place as an escape). */
function writeBlocks(blocks: readonly JSONContent[]): string[] {
	return blocks.flatMap((block, index) => [
		...(index > 0 ? [''] : []),
		...(isEmptyParagraph(block) ? ['&#32;'] : writeBlock(block))
	]);
}

/**
 * A textblock written with Markdown's own emphasis when that reads back the same, else with HTML
 * tags: CommonMark's flanking rules (and marked's reading of them) depend on the characters
 * around a delimiter in ways not worth predicting, so the result is simply checked.
 */
function checked(block: JSONContent, write: (tags: boolean) => string[]): string[] {
	const pretty = write(false);
	const expected = JSON.stringify(storySchema.nodeFromJSON(block).toJSON());
	const parsed = markdownToStoryJSON(pretty.join('\n')).content ?? [];
	return parsed.length === 1 && JSON.stringify(parsed[0]) === expected ? pretty : write(true);
}

/** Inline content. In a heading a hard break is `<br>` (an ATX heading is one line). */
function writeInline(nodes: readonly JSONContent[], oneLine: boolean, tags: boolean): string {
	const raw = writeMarked(nodes, 0, tags);
	// Markdown strips whitespace at the start of every line and at the end of the last.
	const lines = raw
		.split('\n')
		.map((line, index, all) =>
			line.replace(index === all.length - 1 ? /^\s+|\s+$/g : /^\s+/g, spaceEntities)
		);
	// A trailing backslash break would be a literal backslash: end on `<br>` instead.
	if (
		lines.length > 1 &&
		lines[lines.length - 1] === '' &&
		lines[lines.length - 2]!.endsWith('\\')
	) {
		lines[lines.length - 2] = lines[lines.length - 2]!.slice(0, -1) + '<br>';
		lines.pop();
	}
	if (oneLine) return lines.join('<br>').replace(/\\<br>/g, '<br>');
	// A paragraph of one `<br>` would read as an HTML block: an empty tag pair makes it inline.
	if (lines[0] === '<br>') lines[0] = '<em></em><br>';
	return lines.join('\n');
}

/**
 * Writes runs grouped by the mark at `depth` of their (rank-sorted) mark lists, so marks nest
 * properly: consecutive nodes sharing that mark become one span around their own content.
 */
function writeMarked(nodes: readonly JSONContent[], depth: number, tags: boolean): string {
	let out = '';
	let index = 0;
	while (index < nodes.length) {
		const node = nodes[index]!;
		const mark = node.type === 'text' ? node.marks?.[depth] : undefined;
		if (!mark) {
			out += writeLeaf(node, depth, tags);
			index++;
			continue;
		}
		let end = index + 1;
		while (end < nodes.length && sameMark(nodes[end]!.marks?.[depth], mark)) end++;
		out += wrap(mark, nodes.slice(index, end), depth, tags);
		index = end;
	}
	return out;
}

function writeLeaf(node: JSONContent, depth: number, tags: boolean): string {
	if (node.type === 'hardBreak') return '\\\n';
	if (node.type !== 'text') return writeMarked(node.content ?? [], depth, tags);
	if (node.marks?.some((mark) => mark.type === 'code')) return codeSpan(node.text ?? '');
	return escapeText(node.text ?? '');
}

function wrap(mark: Mark, nodes: JSONContent[], depth: number, tags: boolean): string {
	// One span for the whole run: two adjacent spans would read as one with backticks inside.
	if (mark.type === 'code') return codeSpan(nodes.map((node) => node.text ?? '').join(''));
	const inner = writeMarked(nodes, depth + 1, tags);
	if (mark.type === 'link') {
		// An unsafe address (javascript:, data:…) is never written: the words stay, unlinked.
		if (!isSafeHref(String(mark.attrs?.href ?? ''))) return inner;
		const href = String(mark.attrs?.href ?? '').replace(/[<>\n]/g, encodeURIComponent);
		const title = mark.attrs?.title
			? ` "${String(mark.attrs.title).replace(/["\\]/g, '\\$&')}"`
			: '';
		return `[${inner}](<${href}>${title})`;
	}
	const delimiter = MARK_DELIMITERS[mark.type];
	if (!tags && delimiter && WORDY_EDGES.test(inner)) return delimiter + inner + delimiter;
	const tag = MARK_TAGS[mark.type];
	return tag ? `<${tag}>${inner}</${tag}>` : inner;
}

function sameMark(a: Mark | undefined, b: Mark): boolean {
	return (
		!!a && a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {})
	);
}

/** A code span whose fence is longer than any backtick run inside. */
function codeSpan(text: string): string {
	const fence = '`'.repeat(longestRun(text, '`') + 1);
	// One space each side is stripped from content that starts and ends with one (unless it is
	// all spaces), so such content, or content at a backtick edge, gets one added.
	const pad = /^[` ]|[` ]$/.test(text) && !/^ +$/.test(text) ? ' ' : '';
	return fence + pad + text + pad + fence;
}

/**
 * Escapes text so Markdown reads it literally: punctuation that could start markup, `&` (so
 * nothing reads as a character reference), autolinks, and block syntax at the start of a line.
 */
function escapeText(text: string): string {
	return (
		text
			.replace(/[\\`*_[\]<>~|]/g, '\\$&')
			.replace(/^(\s*)([#+\-=])/, '$1\\$2')
			// A link may follow: "![" would make it an image.
			.replace(/!$/, '\\!')
			.replace(/&/g, '&amp;')
			.replace(/\b(https?|ftp):/gi, '$1\\:')
			.replace(/\bwww\./gi, 'www\\.')
			.replace(/@/g, '\\@')
			.replace(/^(\s*\d+)([.)])/, '$1\\$2')
	);
}

function spaceEntities(space: string): string {
	return [...space].map((character) => `&#${character.codePointAt(0)};`).join('');
}

function longestRun(text: string, character: string): number {
	let longest = 0;
	let run = 0;
	for (const each of text) {
		run = each === character ? run + 1 : 0;
		longest = Math.max(longest, run);
	}
	return longest;
}
