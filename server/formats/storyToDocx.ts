import {
	AlignmentType,
	CommentRangeEnd,
	CommentRangeStart,
	CommentReference,
	DeletedTextRun,
	Document,
	HeadingLevel,
	InsertedTextRun,
	Packer,
	Paragraph,
	TextRun,
	type ICommentOptions,
	type ParagraphChild
} from 'docx';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import {
	reviewCuts,
	textblockRuns,
	type InlineRun,
	type PlacedReview
} from '#shared/formats/exportReview';

const HEADINGS = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4,
	HeadingLevel.HEADING_5,
	HeadingLevel.HEADING_6
] as const;

/** One level of quote or list nesting, in twentieths of a point. */
const INDENT = 720;

export interface DocxExportOptions {
	title: string;
	/** Open threads become Word comments (with replies), open suggestions tracked changes. */
	review?: PlacedReview;
}

/**
 * A Word document of the story: one Word paragraph per paragraph (headings as Word headings),
 * hard breaks as line breaks, bold/italic/strike/underline/code as run formatting. List items
 * keep their marker as text and quotes are indented, so the document reads like the txt export.
 * With a review, each open thread is a Word comment on its passage (replies threaded under it)
 * and each open suggestion is a tracked deletion and/or insertion with its author and date.
 */
export async function storyToDocx(
	doc: ProseMirrorNode,
	options: DocxExportOptions
): Promise<Buffer> {
	const review = options.review ?? { threads: [], suggestions: [] };
	const writer = new DocxWriter(review);
	writer.blocks(doc, 0, 0);
	const document = new Document({
		title: xmlSafe(options.title),
		creator: 'Galley',
		comments: { children: writer.comments() },
		sections: [{ children: writer.paragraphs }]
	});
	return Packer.toBuffer(document);
}

class DocxWriter {
	readonly paragraphs: Paragraph[] = [];
	private readonly cuts: number[];
	/** Word comment id of each thread's first message, by thread number. */
	private readonly commentIds = new Map<number, number[]>();
	private nextRevision = 1;
	/** A list item's marker, waiting for the item's first paragraph. */
	private pendingMarker: string | null = null;

	constructor(private readonly review: PlacedReview) {
		this.cuts = reviewCuts(review);
		let next = 0;
		for (const placed of review.threads) {
			this.commentIds.set(
				placed.number,
				placed.item.messages.map(() => next++)
			);
		}
	}

	/** The children of `parent`, whose content starts at `start`, at quote/list depth `indent`. */
	blocks(parent: ProseMirrorNode, start: number, indent: number): void {
		parent.forEach((child, offset) => this.block(child, start + offset, indent));
	}

	private block(node: ProseMirrorNode, pos: number, indent: number): void {
		const indentation = indent > 0 ? { indent: { left: indent * INDENT } } : {};
		switch (node.type.name) {
			case 'heading': {
				const level = Math.min(6, Math.max(1, Number(node.attrs.level) || 1));
				this.paragraphs.push(
					new Paragraph({
						heading: HEADINGS[level - 1],
						children: this.inline(node, pos + 1, false)
					})
				);
				return;
			}
			case 'horizontalRule':
				this.paragraphs.push(
					new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('* * *')] })
				);
				return;
			case 'blockquote':
				this.blocks(node, pos + 1, indent + 1);
				return;
			case 'bulletList':
			case 'orderedList': {
				const start = Number(node.attrs.start ?? 1);
				node.forEach((item, offset, index) => {
					const marker =
						node.type.name === 'orderedList'
							? `${(Number.isFinite(start) ? start : 1) + index}. `
							: '- ';
					// The marker is text, as in the txt export, on the item's first paragraph.
					this.pendingMarker = marker;
					this.blocks(item, pos + 1 + offset + 1, indent + 1);
					this.pendingMarker = null;
				});
				return;
			}
			default:
				if (node.isTextblock) {
					const code = node.type.name === 'codeBlock';
					this.paragraphs.push(
						new Paragraph({ ...indentation, children: this.inline(node, pos + 1, code) })
					);
				} else this.blocks(node, pos + 1, indent);
		}
	}

	private inline(block: ProseMirrorNode, start: number, code: boolean): ParagraphChild[] {
		const children: ParagraphChild[] = [];
		if (this.pendingMarker) children.push(new TextRun(this.pendingMarker));
		this.pendingMarker = null;
		children.push(...this.boundary(start));
		for (const run of textblockRuns(block, start, this.cuts)) {
			children.push(...this.run(run, code), ...this.boundary(run.to));
		}
		return children;
	}

	/** At `pos`: comments ending there, insertions of suggestions ending there, comments starting. */
	private boundary(pos: number): ParagraphChild[] {
		const children: ParagraphChild[] = [];
		for (const placed of this.review.threads) {
			if (placed.to !== pos) continue;
			for (const id of this.commentIds.get(placed.number) ?? []) {
				children.push(
					new CommentRangeEnd(id),
					new TextRun({ children: [new CommentReference(id)] })
				);
			}
		}
		for (const placed of this.review.suggestions) {
			if (placed.to === pos && placed.item.replacement) {
				children.push(
					new InsertedTextRun({
						text: xmlSafe(placed.item.replacement),
						...this.revision(placed.item)
					})
				);
			}
		}
		for (const placed of this.review.threads) {
			if (placed.from !== pos) continue;
			for (const id of this.commentIds.get(placed.number) ?? [])
				children.push(new CommentRangeStart(id));
		}
		return children;
	}

	private run(run: InlineRun, code: boolean): ParagraphChild[] {
		if (run.kind === 'break') return [new TextRun({ break: 1 })];
		const format = {
			bold: run.marks.includes('bold'),
			italics: run.marks.includes('italic'),
			strike: run.marks.includes('strike'),
			...(run.marks.includes('underline') && { underline: {} }),
			...((code || run.marks.includes('code')) && { font: 'Courier New' })
		};
		const deletion = this.review.suggestions.find(
			(placed) => placed.from < placed.to && placed.from <= run.from && run.to <= placed.to
		);
		// Text with line breaks (code blocks) is one run per line, with breaks between.
		return xmlSafe(run.text)
			.split('\n')
			.map((line, index) => {
				const base = { ...format, text: line, ...(index > 0 && { break: 1 }) };
				return deletion
					? new DeletedTextRun({ ...base, ...this.revision(deletion.item) })
					: new TextRun(base);
			});
	}

	private revision(item: { author: { name: string }; createdAt: string }) {
		return { id: this.nextRevision++, author: xmlSafe(item.author.name), date: item.createdAt };
	}

	/** The Word comments: each thread's first message, its replies threaded under it. */
	comments(): ICommentOptions[] {
		return this.review.threads.flatMap((placed) => {
			const ids = this.commentIds.get(placed.number) ?? [];
			return placed.item.messages.map((message, index) => ({
				id: ids[index]!,
				author: xmlSafe(message.author.name),
				initials: xmlSafe(initials(message.author.name)),
				date: new Date(message.createdAt),
				...(index > 0 && { parentId: ids[0]! }),
				children: xmlSafe(message.body)
					.split('\n')
					.map((line) => new Paragraph({ children: [new TextRun(line)] }))
			}));
		});
	}
}

function initials(name: string): string {
	return name
		.split(/\s+/)
		.map((part) => Array.from(part)[0] ?? '')
		.join('')
		.slice(0, 8);
}

/**
 * Replaces what XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
 * with U+FFFD: one such character must not make the whole document unreadable in Word.
 */
export function xmlSafe(text: string): string {
	return text.replace(
		// eslint-disable-next-line no-control-regex -- these are exactly the characters XML forbids
		/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
		'\ufffd'
	);
}
