import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { Message } from '#shared/review/types';
import { escapeHtml, htmlDocument } from '#shared/formats/htmlDocument';
import { isSafeAbsoluteHref } from '#shared/model/safeHref';
import {
	reviewCuts,
	textblockRuns,
	type InlineRun,
	type Placed,
	type PlacedReview
} from '#shared/formats/exportReview';

/** Inline tags for the schema's marks (link and code handled apart). */
const MARK_TAGS: Record<string, string> = {
	bold: 'strong',
	italic: 'em',
	strike: 's',
	underline: 'u'
};

export interface HtmlExportOptions {
	title: string;
	/** Threads to highlight and list, and suggestions to show as insertions/deletions. */
	review?: PlacedReview;
}

/**
 * One standalone, inert HTML file for a story (marked with a generator meta tag so that
 * importing it again reads its text literally, see htmlToStory): every character of the story, title and review
 * is escaped, there are no scripts, event handlers or remote resources, and a Content Security
 * Policy forbids them anyway. Open threads are highlighted and listed at the end; open
 * suggestions show as deletions and insertions.
 */
export function storyToHtml(doc: ProseMirrorNode, options: HtmlExportOptions): string {
	const review = options.review ?? { threads: [], suggestions: [] };
	const body = new HtmlWriter(review).blocks(doc, 0);
	return htmlDocument(
		options.title,
		[
			`<header class="title">${escapeHtml(options.title)}</header>`,
			'<article>',
			body,
			'</article>',
			threadsSection(review.threads),
			suggestionsSection(review.suggestions)
		],
		'',
		true
	);
}

class HtmlWriter {
	private readonly cuts: number[];

	constructor(private readonly review: PlacedReview) {
		this.cuts = reviewCuts(review);
	}

	/** The children of `parent`, whose content starts at `start`. */
	blocks(parent: ProseMirrorNode, start: number): string {
		const parts: string[] = [];
		parent.forEach((child, offset) => parts.push(this.block(child, start + offset)));
		return parts.join('\n');
	}

	private block(node: ProseMirrorNode, pos: number): string {
		const inner = () => this.blocks(node, pos + 1);
		switch (node.type.name) {
			case 'paragraph':
				return `<p>${this.inline(node, pos + 1)}</p>`;
			case 'heading': {
				const level = Math.min(6, Math.max(1, Number(node.attrs.level) || 1));
				return `<h${level}>${this.inline(node, pos + 1)}</h${level}>`;
			}
			case 'codeBlock':
				return `<pre><code>${this.inline(node, pos + 1)}</code></pre>`;
			case 'horizontalRule':
				return '<hr>';
			case 'blockquote':
				return `<blockquote>\n${inner()}\n</blockquote>`;
			case 'bulletList':
				return `<ul>\n${inner()}\n</ul>`;
			case 'orderedList': {
				const start = Number(node.attrs.start);
				const attribute = Number.isInteger(start) && start !== 1 ? ` start="${start}"` : '';
				return `<ol${attribute}>\n${inner()}\n</ol>`;
			}
			case 'listItem':
				return `<li>${inner()}</li>`;
			default:
				return node.isTextblock ? `<p>${this.inline(node, pos + 1)}</p>` : inner();
		}
	}

	/** A textblock's content with review highlights, insertions and deletions. */
	private inline(block: ProseMirrorNode, start: number): string {
		let html = this.boundary(start);
		for (const run of textblockRuns(block, start, this.cuts)) {
			html += this.run(run) + this.boundary(run.to);
		}
		return html;
	}

	/** What goes at `pos`: insertions of suggestions ending there, then comment references. */
	private boundary(pos: number): string {
		let html = '';
		for (const placed of this.review.suggestions) {
			if (placed.to === pos && placed.item.replacement) {
				html += `<ins title="${escapeHtml(suggestionTitle(placed))}">${escapeHtml(placed.item.replacement)}</ins>`;
			}
		}
		for (const placed of this.review.threads) {
			if (placed.to === pos)
				html += `<sup><a href="#comment-${placed.number}">[${placed.number}]</a></sup>`;
		}
		return html;
	}

	private run(run: InlineRun): string {
		if (run.kind === 'break') return '<br>';
		let html = escapeHtml(run.text);
		if (run.marks.includes('code')) html = `<code>${html}</code>`;
		for (const mark of run.marks) {
			const tag = MARK_TAGS[mark];
			if (tag) html = `<${tag}>${html}</${tag}>`;
		}
		if (run.href !== undefined && isSafeAbsoluteHref(run.href)) {
			html = `<a href="${escapeHtml(run.href)}" rel="noopener noreferrer nofollow">${html}</a>`;
		}
		const within = (placed: Placed<unknown>) =>
			placed.from <= run.from && run.to <= placed.to && placed.from < placed.to;
		const deleted = this.review.suggestions.find(within);
		if (deleted) html = `<del title="${escapeHtml(suggestionTitle(deleted))}">${html}</del>`;
		const thread = this.review.threads.find(within);
		if (thread) html = `<mark title="Comment ${thread.number}">${html}</mark>`;
		return html;
	}
}

function suggestionTitle(placed: Placed<{ author: { name: string } }>): string {
	return `Suggestion ${placed.number} by ${placed.item.author.name}`;
}

function threadsSection(threads: PlacedReview['threads']): string {
	if (threads.length === 0) return '';
	const items = threads.map(
		({ item, number }) =>
			`<li id="comment-${number}"><p class="quote">“${escapeHtml(item.anchor.quote)}”</p>\n${item.messages.map(messageHtml).join('\n')}</li>`
	);
	return `<section class="notes">\n<h2>Comments</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`;
}

function suggestionsSection(suggestions: PlacedReview['suggestions']): string {
	if (suggestions.length === 0) return '';
	const items = suggestions.map(({ item }) => {
		const change = item.original
			? `<del>${escapeHtml(item.original)}</del> → <ins>${escapeHtml(item.replacement)}</ins>`
			: `insert <ins>${escapeHtml(item.replacement)}</ins>`;
		return `<li>${change} <span class="meta">${escapeHtml(item.author.name)}, ${escapeHtml(item.createdAt)}</span></li>`;
	});
	return `<section class="notes">\n<h2>Suggestions</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`;
}

function messageHtml(message: Message): string {
	const body = escapeHtml(message.body).replace(/\n/g, '<br>');
	return `<p><strong>${escapeHtml(message.author.name)}</strong> <span class="meta">${escapeHtml(message.createdAt)}</span><br>${body}</p>`;
}
