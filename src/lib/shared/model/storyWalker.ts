import { storySchema } from '#shared/model/schema';

/**
 * How the walker reads one representation of a story tree. ProseMirror JSON, a ProseMirror node
 * and the Yjs XML that TipTap's Collaboration binds all have the same shape (y-tiptap maps each
 * node to one Y.XmlElement and each run of text to one Y.XmlText), so one walker serves all three
 * and the text — and every offset into it — is defined in exactly one place.
 */
export interface StoryTreeReader<N> {
	/** The node's type name; `'text'` for a run of characters. */
	type(node: N): string;
	/** The characters of a `'text'` node. */
	text(node: N): string;
	/** One attribute (e.g. an ordered list's `start`), or undefined. */
	attr(node: N, name: string): unknown;
	/** The node's children, in order. */
	children(node: N): readonly N[];
}

/** Receives the story's text, in order, from `walkStory`. */
export interface StoryTextSink {
	/**
	 * Characters that are document content: a run of text starting at ProseMirror position `pos`,
	 * or the `"\n"` of a hard break at `pos`. Offsets in them map to positions one to one.
	 */
	content(text: string, pos: number): void;
	/** Characters the text adds that have no position: block separators, list markers, `> `. */
	gap(text: string): void;
	/** An empty textblock whose (empty) content starts at `pos`. */
	empty(pos: number): void;
}

/** Scene-break text for a horizontal rule (Markdown `* * *`). */
const RULE_TEXT = '* * *';

/**
 * Walks the top-level blocks of a story (the doc node's children, whose first position is 0)
 * and emits its plain text. Paragraphs are separated by a blank line and a hard break is a line
 * break, so for a document of paragraphs the text is exactly what `textToStoryJSON` read. Other
 * blocks (from Markdown) become readable plain text: list items start with `- ` or `1. `, quoted
 * lines with `> `, headings and code keep only their text, a horizontal rule is `* * *`.
 */
export function walkStory<N>(
	blocks: readonly N[],
	reader: StoryTreeReader<N>,
	sink: StoryTextSink
): void {
	new StoryWalk(reader, sink).blocks(blocks, 0, false);
}

class StoryWalk<N> {
	/** Written after every line break, so quoted and list lines stay quoted and indented. */
	private prefix = '';

	constructor(
		private readonly reader: StoryTreeReader<N>,
		private readonly sink: StoryTextSink
	) {}

	/** Emits blocks starting at `pos`; returns the position after the last one. */
	blocks(nodes: readonly N[], pos: number, inListItem: boolean): number {
		for (let index = 0; index < nodes.length; index++) {
			const node = nodes[index] as N;
			if (index > 0) {
				// A list nested in a list item follows its paragraph on the next line.
				if (inListItem && isList(this.reader.type(node))) this.lineBreak();
				else this.blankLine();
			}
			pos = this.block(node, pos);
		}
		return pos;
	}

	private block(node: N, pos: number): number {
		const type = this.reader.type(node);
		const children = this.reader.children(node);
		const nodeType = storySchema.nodes[type];
		if (type === 'horizontalRule') {
			this.sink.gap(RULE_TEXT);
			return pos + 1;
		}
		if (type === 'blockquote')
			return this.nested('> ', '> ', () => this.blocks(children, pos + 1, false)) + 1;
		if (type === 'bulletList' || type === 'orderedList') return this.list(node, type, pos);
		// Types outside the schema (only in foreign JSON) are read by what their children are.
		if (nodeType ? nodeType.isLeaf : children.length === 0) return pos + 1;
		if (nodeType ? nodeType.isTextblock : children.every(this.isInline)) {
			const end = this.inline(children, pos + 1);
			if (end === pos + 1) this.sink.empty(end);
			return end + 1;
		}
		return this.blocks(children, pos + 1, type === 'listItem') + 1;
	}

	private list(node: N, type: string, pos: number): number {
		const items = this.reader.children(node);
		const start = Number(this.reader.attr(node, 'start') ?? 1);
		pos += 1;
		for (let index = 0; index < items.length; index++) {
			const item = items[index] as N;
			if (index > 0) this.lineBreak();
			const marker =
				type === 'orderedList' ? `${(Number.isFinite(start) ? start : 1) + index}. ` : '- ';
			const itemPos = pos;
			pos = this.nested(marker, ' '.repeat(marker.length), () =>
				this.blocks(this.reader.children(item), itemPos + 1, true)
			);
			pos += 1;
		}
		return pos + 1;
	}

	/** Emits `first`, then runs `walk` with `continuation` added to the line prefix. */
	private nested(first: string, continuation: string, walk: () => number): number {
		const outer = this.prefix;
		this.sink.gap(first);
		this.prefix = outer + continuation;
		const end = walk();
		this.prefix = outer;
		return end;
	}

	private inline(nodes: readonly N[], pos: number): number {
		for (const node of nodes) {
			const type = this.reader.type(node);
			if (type === 'text') {
				const text = this.reader.text(node);
				this.text(text, pos);
				pos += text.length;
			} else if (type === 'hardBreak') {
				this.sink.content('\n', pos);
				if (this.prefix) this.sink.gap(this.prefix);
				pos += 1;
			} else {
				// An inline node the text has no characters for (none in the schema today).
				const children = this.reader.children(node);
				pos = children.length > 0 ? this.inline(children, pos + 1) + 1 : pos + 1;
			}
		}
		return pos;
	}

	/** Text may hold "\n" (code blocks); inside a quote or list each new line gets the prefix. */
	private text(text: string, pos: number): void {
		if (!this.prefix || !text.includes('\n')) {
			if (text) this.sink.content(text, pos);
			return;
		}
		let start = 0;
		for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
			this.sink.content(text.slice(start, newline + 1), pos + start);
			this.sink.gap(this.prefix);
			start = newline + 1;
		}
		if (start < text.length) this.sink.content(text.slice(start), pos + start);
	}

	private lineBreak(): void {
		this.sink.gap('\n' + this.prefix);
	}

	private blankLine(): void {
		this.sink.gap('\n' + this.prefix.trimEnd() + '\n' + this.prefix);
	}

	private readonly isInline = (node: N): boolean => {
		const type = this.reader.type(node);
		return type === 'text' || storySchema.nodes[type]?.isInline === true;
	};
}

function isList(type: string): boolean {
	return type === 'bulletList' || type === 'orderedList';
}
