import type { JSONContent } from '@tiptap/core';
import { decodeHTML } from 'entities';
import { Lexer, type Token, type Tokens } from 'marked';
import { isSafeHref } from '#shared/model/safeHref';
import { storySchema } from '#shared/model/schema';
import { textToStoryJSON } from '#shared/model/storyText';

type Mark = NonNullable<JSONContent['marks']>[number];

/** Inline HTML tags that mean a mark the schema has; other tags stay as literal text. */
const HTML_MARKS: Record<string, string> = {
	em: 'italic',
	i: 'italic',
	strong: 'bold',
	b: 'bold',
	s: 'strike',
	del: 'strike',
	strike: 'strike',
	u: 'underline'
};
const HTML_TAG = /^<(\/?)([a-z][a-z0-9]*)\b[^>]*?(\/?)>$/i;

/**
 * Parses Markdown (CommonMark + GFM) into a story document: headings, paragraphs, bold, italic,
 * strike, code, links, lists, quotes, code blocks and rules map to the schema; a soft line break
 * becomes a hard break so the author's lines survive; extra blank lines between top-level blocks
 * become empty paragraphs (as in a .txt import); tables become one paragraph per row; raw HTML
 * stays literal text except simple inline tags (em, strong, br…); images keep their alt text.
 *
 * Uses marked's lexer directly rather than @tiptap/markdown's MarkdownManager: the manager drops
 * tables, yields schema-invalid task lists and parses HTML with DOMParser only when a browser is
 * around, so the same Markdown would give different documents on the client and the server.
 */
export function markdownToStoryJSON(markdown: string): JSONContent {
	const content = new MarkdownToStory().blocks(new Lexer({ gfm: true }).lex(markdown), true);
	const doc: JSONContent = { type: 'doc', content: content.length > 0 ? content : [paragraph([])] };
	// Through the schema once: sorts and merges marks, joins text runs, and proves validity.
	const node = storySchema.nodeFromJSON(doc);
	node.check();
	return node.toJSON() as JSONContent;
}

class MarkdownToStory {
	/** Marks opened by inline HTML tags (`<em>`) and not yet closed. */
	private htmlMarks: Mark[] = [];

	blocks(tokens: readonly Token[], topLevel: boolean): JSONContent[] {
		const result: JSONContent[] = [];
		let newlines = 0;
		for (const token of tokens) {
			if (token.type === 'space') {
				newlines += count(token.raw, '\n');
				continue;
			}
			const blocks = this.block(token);
			if (blocks.length === 0) continue;
			// Blank lines beyond the one that separates blocks, as textToStoryJSON keeps them.
			if (topLevel && result.length > 0) {
				for (let extra = Math.floor(newlines / 2) - 1; extra > 0; extra--)
					result.push(paragraph([]));
			}
			result.push(...blocks);
			newlines = count(token.raw.slice(token.raw.trimEnd().length), '\n');
		}
		return result;
	}

	private block(token: Token): JSONContent[] {
		switch (token.type) {
			case 'paragraph':
			case 'text':
				return [paragraph(this.inlineOf(token))];
			case 'heading':
				return [
					{
						type: 'heading',
						attrs: { level: (token as Tokens.Heading).depth },
						content: this.inlineOf(token)
					}
				];
			case 'code': {
				const { text, lang } = token as Tokens.Code;
				const language = lang?.trim() || null;
				return [
					{ type: 'codeBlock', attrs: { language }, content: text ? [{ type: 'text', text }] : [] }
				];
			}
			case 'hr':
				return [{ type: 'horizontalRule' }];
			case 'blockquote': {
				const content = this.blocks((token as Tokens.Blockquote).tokens, false);
				return [{ type: 'blockquote', content: content.length > 0 ? content : [paragraph([])] }];
			}
			case 'list':
				return [this.list(token as Tokens.List)];
			case 'table':
				return this.table(token as Tokens.Table);
			case 'html':
				return textToStoryJSON(token.raw.replace(/\n+$/, '')).doc.content ?? [];
			case 'def':
				return [];
			default:
				if ('tokens' in token && Array.isArray(token.tokens))
					return this.blocks(token.tokens, false);
				return 'text' in token && typeof token.text === 'string' && token.text
					? [paragraph(textContent(token.text, []))]
					: [];
		}
	}

	private list(token: Tokens.List): JSONContent {
		const start = typeof token.start === 'number' ? token.start : 1;
		const items = token.items.map((item) => {
			const blocks: JSONContent[] = [];
			let checkbox = '';
			for (const child of item.tokens) {
				if (child.type === 'checkbox')
					checkbox = (child as Tokens.Checkbox).checked ? '[x] ' : '[ ] ';
				else blocks.push(...this.blocks([child], false));
			}
			if (blocks[0]?.type !== 'paragraph') blocks.unshift(paragraph([]));
			if (checkbox)
				blocks[0] = paragraph([...textContent(checkbox, []), ...(blocks[0]?.content ?? [])]);
			return { type: 'listItem', content: blocks };
		});
		return token.ordered
			? { type: 'orderedList', attrs: { start }, content: items }
			: { type: 'bulletList', content: items };
	}

	/** A table has no place in a story: one paragraph per row, cells separated by " | ". */
	private table(token: Tokens.Table): JSONContent[] {
		return [token.header, ...token.rows].map((row) =>
			paragraph(
				row.flatMap((cell, index) => [
					...(index > 0 ? textContent(' | ', []) : []),
					...this.inline(cell.tokens, [])
				])
			)
		);
	}

	private inlineOf(token: Token): JSONContent[] {
		if ('tokens' in token && token.tokens) return this.inline(token.tokens, []);
		return textContent(decodeHTML(token.raw), []);
	}

	private inline(tokens: readonly Token[], marks: Mark[]): JSONContent[] {
		const result: JSONContent[] = [];
		for (const token of tokens) {
			const active = [...marks, ...this.htmlMarks];
			switch (token.type) {
				case 'text':
					if ('tokens' in token && token.tokens) result.push(...this.inline(token.tokens, marks));
					else result.push(...textContent(decodeHTML(token.text), active));
					break;
				case 'escape':
					result.push(...textContent(token.text, active));
					break;
				case 'strong':
				case 'em':
				case 'del': {
					const type = token.type === 'strong' ? 'bold' : token.type === 'em' ? 'italic' : 'strike';
					result.push(...this.inline(token.tokens ?? [], [...marks, { type }]));
					break;
				}
				case 'codespan':
					// The code mark excludes every other mark; entities in code are literal.
					result.push(...textContent(token.text, [{ type: 'code' }]));
					break;
				case 'link': {
					const { href, title, tokens: children } = token as Tokens.Link;
					const link = isSafeHref(href)
						? [{ type: 'link', attrs: { href, title: title ?? null } }]
						: [];
					result.push(...this.inline(children, [...marks, ...link]));
					break;
				}
				case 'image':
					result.push(...textContent(decodeHTML(token.text), active));
					break;
				case 'br':
					result.push({ type: 'hardBreak' });
					break;
				case 'checkbox':
					result.push(...textContent((token as Tokens.Checkbox).checked ? '[x] ' : '[ ] ', active));
					break;
				case 'html':
					result.push(...this.html(token.raw, active));
					break;
				default:
					if ('tokens' in token && token.tokens) result.push(...this.inline(token.tokens, marks));
					else result.push(...textContent(token.raw, active));
			}
		}
		return result;
	}

	/** `<em>`…`</em>` and friends toggle marks, `<br>` breaks the line, the rest stays text. */
	private html(raw: string, active: Mark[]): JSONContent[] {
		const tag = HTML_TAG.exec(raw.trim());
		const name = tag?.[2]?.toLowerCase();
		if (name === 'br') return [{ type: 'hardBreak' }];
		const markType = name ? HTML_MARKS[name] : undefined;
		if (!tag || !markType || tag[3]) return textContent(raw, active);
		if (tag[1]) {
			const open = this.htmlMarks.findLastIndex((mark) => mark.type === markType);
			if (open >= 0) this.htmlMarks.splice(open, 1);
		} else {
			this.htmlMarks.push({ type: markType });
		}
		return [];
	}
}

function paragraph(content: JSONContent[]): JSONContent {
	return { type: 'paragraph', content };
}

/** Text nodes with `marks`; each "\n" (a soft line break in Markdown) becomes a hard break. */
function textContent(text: string, allMarks: Mark[]): JSONContent[] {
	// `*<em>x</em>*` would give italic twice; a mark set holds each type once.
	const marks = allMarks.filter(
		(mark, index) => allMarks.findIndex((other) => other.type === mark.type) === index
	);
	const result: JSONContent[] = [];
	text.split('\n').forEach((line, index) => {
		if (index > 0) result.push({ type: 'hardBreak' });
		if (line)
			result.push(
				marks.length > 0 ? { type: 'text', text: line, marks } : { type: 'text', text: line }
			);
	});
	return result;
}

function count(text: string, character: string): number {
	let total = 0;
	for (const each of text) if (each === character) total++;
	return total;
}
