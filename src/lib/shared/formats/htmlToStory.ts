import type { JSONContent } from '@tiptap/core';
import type { Mark } from '@tiptap/pm/model';
import { parseDocument } from 'htmlparser2';
import { GENERATOR } from '#shared/formats/htmlDocument';
import { isSafeHref } from '#shared/model/safeHref';
import { storySchema } from '#shared/model/schema';

type HtmlNode = ReturnType<typeof parseDocument>['children'][number];
type HtmlElement = Extract<HtmlNode, { type: 'tag' | 'script' | 'style' }>;

/**
 * Elements dropped with everything inside them: active content, styling, embedded documents,
 * forms, media and metadata. Nothing they hold becomes story text.
 */
const DROPPED = new Set([
	'script',
	'style',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'form',
	'input',
	'button',
	'select',
	'textarea',
	'option',
	'template',
	'noscript',
	'head',
	'title',
	'meta',
	'link',
	'base',
	'svg',
	'math',
	'canvas',
	'video',
	'audio',
	'source',
	'track',
	'picture',
	'img',
	'map',
	'dialog',
	'slot',
	'portal'
]);

/** Containers read for the blocks inside them. */
const CONTAINERS = new Set([
	'html',
	'body',
	'div',
	'section',
	'article',
	'main',
	'header',
	'footer',
	'aside',
	'nav',
	'figure',
	'figcaption',
	'address',
	'details',
	'summary',
	'dl',
	'dt',
	'dd',
	'center',
	'hgroup',
	'fieldset',
	'legend',
	'caption',
	'thead',
	'tbody',
	'tfoot',
	'colgroup',
	'search'
]);

const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

const MARKS: Record<string, string> = {
	b: 'bold',
	strong: 'bold',
	i: 'italic',
	em: 'italic',
	cite: 'italic',
	dfn: 'italic',
	var: 'italic',
	u: 'underline',
	ins: 'underline',
	s: 'strike',
	strike: 'strike',
	del: 'strike',
	code: 'code',
	kbd: 'code',
	samp: 'code',
	tt: 'code'
};

export interface HtmlImportOptions {
	/**
	 * Keep whitespace and empty paragraphs exactly (HTML generated from a Word document, whose
	 * text is literal) instead of collapsing it as a browser renders HTML.
	 */
	literal?: boolean;
}

/**
 * Reads HTML into a story document without fetching or running anything: the markup is parsed
 * as data (htmlparser2), scripts, styles, event handlers, frames, forms and media are dropped,
 * attributes are ignored except a link's safe `href`, and what is left maps to the schema —
 * paragraphs, headings, quotes, lists, code, rules, hard breaks and inline emphasis.
 */
export function htmlToStoryJSON(html: string, options: HtmlImportOptions = {}): JSONContent {
	const root = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
	// Galley's own export: the story is its <article>, written with every space kept.
	const ownExport = findElement(
		root.children,
		(element) =>
			element.name === 'meta' &&
			element.attribs.name === 'generator' &&
			element.attribs.content === GENERATOR
	);
	const article = ownExport
		? findElement(root.children, (element) => element.name === 'article')
		: undefined;
	const literal = options.literal === true || article !== undefined;
	const content = new HtmlToStory(literal).blocks(
		article ? (article.children as HtmlNode[]) : root.children
	);
	const doc: JSONContent = {
		type: 'doc',
		content: content.length > 0 ? content : [{ type: 'paragraph' }]
	};
	const node = storySchema.nodeFromJSON(doc);
	node.check();
	return node.toJSON() as JSONContent;
}

class HtmlToStory {
	constructor(private readonly literal: boolean) {}

	blocks(nodes: readonly HtmlNode[]): JSONContent[] {
		const result: JSONContent[] = [];
		let inline: HtmlNode[] = [];
		const flush = () => {
			const content = this.inline(inline, []);
			inline = [];
			// Loose whitespace between blocks is layout, even when text is read literally.
			if (content.some((node) => node.type !== 'text' || node.text!.trim() !== ''))
				result.push(paragraph(content));
		};
		for (const node of nodes) {
			if (node.type === 'text' || (isElement(node) && !isBlock(node))) {
				inline.push(node);
				continue;
			}
			if (!isElement(node)) continue;
			flush();
			result.push(...this.block(node));
		}
		flush();
		return result;
	}

	private block(element: HtmlElement): JSONContent[] {
		const name = element.name;
		const children = element.children as HtmlNode[];
		if (DROPPED.has(name)) return [];
		if (name in HEADINGS) {
			return [
				{ type: 'heading', attrs: { level: HEADINGS[name] }, content: this.inline(children, []) }
			];
		}
		switch (name) {
			case 'p':
				if (children.some((child) => isElement(child) && isBlock(child)))
					return this.blocks(children);
				return !this.literal && children.every(isBlank)
					? []
					: [paragraph(this.inline(children, []))];
			case 'blockquote': {
				const content = this.blocks(children);
				return [{ type: 'blockquote', content: content.length > 0 ? content : [paragraph([])] }];
			}
			case 'ul':
			case 'ol':
			case 'menu':
				return [this.list(element)];
			case 'li':
				return this.blocks(children);
			case 'pre': {
				const text = textOf(element).replace(/^\n/, '').replace(/\n$/, '');
				return [
					{
						type: 'codeBlock',
						attrs: { language: null },
						content: text ? [{ type: 'text', text }] : []
					}
				];
			}
			case 'hr':
				return [{ type: 'horizontalRule' }];
			case 'table':
				return this.table(element);
			default:
				return this.blocks(children);
		}
	}

	private list(element: HtmlElement): JSONContent {
		const items: JSONContent[] = [];
		for (const child of element.children as HtmlNode[]) {
			if (isBlank(child)) continue;
			const content =
				isElement(child) && child.name === 'li'
					? this.blocks(child.children as HtmlNode[])
					: this.blocks([child]);
			if (content[0]?.type !== 'paragraph') content.unshift(paragraph([]));
			items.push({ type: 'listItem', content });
		}
		if (items.length === 0) items.push({ type: 'listItem', content: [paragraph([])] });
		const start = Number.parseInt(element.attribs.start ?? '1', 10);
		return element.name === 'ol'
			? {
					type: 'orderedList',
					attrs: { start: Number.isFinite(start) ? start : 1 },
					content: items
				}
			: { type: 'bulletList', content: items };
	}

	/** A table has no place in a story: one paragraph per row, cells separated by " | ". */
	private table(element: HtmlElement): JSONContent[] {
		const rows: HtmlElement[] = [];
		const collect = (nodes: readonly HtmlNode[]) => {
			for (const node of nodes) {
				if (!isElement(node) || DROPPED.has(node.name)) continue;
				if (node.name === 'tr') rows.push(node);
				else if (node.name !== 'table') collect(node.children as HtmlNode[]);
			}
		};
		collect(element.children as HtmlNode[]);
		return rows.map((row) => {
			const cells = (row.children as HtmlNode[]).filter(
				(cell): cell is HtmlElement => isElement(cell) && (cell.name === 'td' || cell.name === 'th')
			);
			return paragraph(
				cells.flatMap((cell, index) => [
					...(index > 0 ? [{ type: 'text', text: ' | ' }] : []),
					...this.inline(cell.children as HtmlNode[], [])
				])
			);
		});
	}

	/** Inline content with whitespace handled as a browser (or, literal, kept). */
	private inline(nodes: readonly HtmlNode[], marks: readonly Mark[]): JSONContent[] {
		const runs = this.runs(nodes, marks);
		return this.literal ? runs : collapseWhitespace(runs);
	}

	private runs(nodes: readonly HtmlNode[], marks: readonly Mark[]): JSONContent[] {
		const result: JSONContent[] = [];
		for (const node of nodes) {
			if (node.type === 'text') {
				const text = this.literal ? node.data : node.data.replace(/[ \t\n\r\f]+/g, ' ');
				if (text) result.push(textNode(text, marks));
				continue;
			}
			if (!isElement(node) || DROPPED.has(node.name)) continue;
			if (node.name === 'br') {
				result.push({ type: 'hardBreak' });
				continue;
			}
			let inner = marks;
			const markName = MARKS[node.name];
			if (markName) inner = storySchema.marks[markName]!.create().addToSet(inner);
			if (node.name === 'a' && node.attribs.href !== undefined) {
				const href = node.attribs.href.trim();
				if (isSafeHref(href)) inner = storySchema.marks.link!.create({ href }).addToSet(inner);
			}
			result.push(...this.runs(node.children as HtmlNode[], inner));
		}
		return result;
	}
}

function findElement(
	nodes: readonly HtmlNode[],
	test: (element: HtmlElement) => boolean
): HtmlElement | undefined {
	for (const node of nodes) {
		if (!isElement(node)) continue;
		if (test(node)) return node;
		const found = findElement(node.children as HtmlNode[], test);
		if (found) return found;
	}
	return undefined;
}

function isElement(node: HtmlNode): node is HtmlElement {
	return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Elements that make (or hold) blocks rather than inline content. */
function isBlock(element: HtmlElement): boolean {
	const name = element.name;
	if (DROPPED.has(name)) return false;
	if (CONTAINERS.has(name) || name in HEADINGS) return true;
	if (
		['p', 'blockquote', 'ul', 'ol', 'menu', 'li', 'pre', 'hr', 'table', 'tr', 'td', 'th'].includes(
			name
		)
	)
		return true;
	// An inline element around blocks (<a><p>…</p></a>) is read as the blocks.
	return (element.children as HtmlNode[]).some((child) => isElement(child) && isBlock(child));
}

function isBlank(node: HtmlNode): boolean {
	return node.type === 'text' ? node.data.trim() === '' : !isElement(node);
}

function textOf(node: HtmlNode): string {
	if (node.type === 'text') return node.data;
	if (!isElement(node) || DROPPED.has(node.name)) return '';
	if (node.name === 'br') return '\n';
	return (node.children as HtmlNode[]).map(textOf).join('');
}

function textNode(text: string, marks: readonly Mark[]): JSONContent {
	return marks.length > 0
		? {
				type: 'text',
				text,
				marks: marks.map((mark) => mark.toJSON() as NonNullable<JSONContent['marks']>[number])
			}
		: { type: 'text', text };
}

function paragraph(content: JSONContent[]): JSONContent {
	return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/**
 * Collapses the spaces a browser would not show: one space between words across runs, none at
 * the start or end of a line (around hard breaks and at the block's edges).
 */
function collapseWhitespace(runs: JSONContent[]): JSONContent[] {
	const result: JSONContent[] = [];
	let lineStart = true;
	for (const run of runs) {
		if (run.type === 'hardBreak') {
			trimEnd(result);
			result.push(run);
			lineStart = true;
			continue;
		}
		let text = run.text ?? '';
		if (lineStart) text = text.replace(/^ /, '');
		if (!text) continue;
		lineStart = text.endsWith(' ');
		result.push({ ...run, text });
	}
	trimEnd(result);
	return result;
}

function trimEnd(runs: JSONContent[]): void {
	const last = runs[runs.length - 1];
	if (last?.type !== 'text') return;
	last.text = last.text!.replace(/ $/, '');
	if (!last.text) runs.pop();
}
