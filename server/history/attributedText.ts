import * as Y from 'yjs';
import { STORY_FIELD, storySchema } from '#shared/model/schema';
import { readFinalNewline, yXmlStoryReader } from '#shared/model/storyDoc';
import { walkStory } from '#shared/model/storyWalker';

type StoryYNode = Y.XmlElement | Y.XmlText;

/**
 * A story's txt export with, for every character, the Yjs item it comes from: text characters
 * and hard breaks their own item; the characters the text adds between blocks (blank lines,
 * list markers) belong to the textblock they precede (see `gapBlock`). The text is exactly
 * `readStoryText` (the same walker makes it), so offsets are offsets of the txt export.
 */
export interface AttributedText {
	text: string;
	/** Per character: its item's client and clock (gap characters: -1). */
	clients: Float64Array;
	clocks: Float64Array;
	/** Per character: the index of the textblock it is in (content) or precedes (gaps); -1: none. */
	blocks: Int32Array;
	/** True per character that is a gap (added by the text, not content). */
	gaps: Uint8Array;
	/** Per textblock, in order: its element's item id. */
	blockIds: Y.ID[];
}

/** Reads the attributed txt export of a story doc (see AttributedText). */
export function attributedText(doc: Y.Doc): AttributedText {
	const fragment = doc.getXmlFragment(STORY_FIELD);
	const blocksTop = fragment.toArray() as StoryYNode[];
	// The ProseMirror positions of every content character, as the walker counts them.
	const posClient: number[] = [];
	const posClock: number[] = [];
	const posBlock: number[] = [];
	const emptyBlockAt = new Map<number, number>();
	const blockIds: Y.ID[] = [];
	const set = (pos: number, client: number, clock: number, block: number) => {
		posClient[pos] = client;
		posClock[pos] = clock;
		posBlock[pos] = block;
	};
	const visit = (node: StoryYNode, pos: number, block: number): number => {
		if (node instanceof Y.XmlText) {
			for (let item = node._start; item; item = item.right) {
				if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
				const { client, clock } = item.id;
				for (let index = 0; index < item.length; index++) set(pos++, client, clock + index, block);
			}
			return pos;
		}
		const type = node.nodeName;
		const children = node.toArray() as StoryYNode[];
		const nodeType = storySchema.nodes[type];
		const id = node._item!.id;
		if (nodeType ? nodeType.isLeaf : children.length === 0) {
			set(pos, id.client, id.clock, block);
			return pos + 1;
		}
		const textblock = nodeType ? nodeType.isTextblock : children.every(isInline);
		if (textblock) {
			block = blockIds.length;
			blockIds.push(id);
		}
		let inner = pos + 1;
		for (const child of children) inner = visit(child, inner, block);
		if (textblock && inner === pos + 1) emptyBlockAt.set(pos + 1, block);
		return inner + 1;
	};
	let pos = 0;
	for (const node of blocksTop) pos = visit(node, pos, -1);

	const clients: number[] = [];
	const clocks: number[] = [];
	const blocks: number[] = [];
	const gaps: number[] = [];
	const parts: string[] = [];
	let pendingGaps = 0;
	const resolveGaps = (block: number) => {
		for (let at = blocks.length - pendingGaps; at < blocks.length; at++) blocks[at] = block;
		pendingGaps = 0;
	};
	walkStory(blocksTop, yXmlStoryReader, {
		content(text, at) {
			resolveGaps(posBlock[at] ?? -1);
			parts.push(text);
			for (let index = 0; index < text.length; index++) {
				clients.push(posClient[at + index] ?? -1);
				clocks.push(posClock[at + index] ?? -1);
				blocks.push(posBlock[at + index] ?? -1);
				gaps.push(0);
			}
		},
		gap(text) {
			parts.push(text);
			for (let index = 0; index < text.length; index++) {
				clients.push(-1);
				clocks.push(-1);
				blocks.push(-1);
				gaps.push(1);
			}
			pendingGaps += text.length;
		},
		empty(at) {
			resolveGaps(emptyBlockAt.get(at) ?? -1);
		}
	});
	pendingGaps = 0;
	if (readFinalNewline(doc)) {
		parts.push('\n');
		clients.push(-1);
		clocks.push(-1);
		blocks.push(-1);
		gaps.push(1);
	}
	return {
		text: parts.join(''),
		clients: Float64Array.from(clients),
		clocks: Float64Array.from(clocks),
		blocks: Int32Array.from(blocks),
		gaps: Uint8Array.from(gaps),
		blockIds
	};
}

function isInline(node: StoryYNode): boolean {
	return node instanceof Y.XmlText || storySchema.nodes[node.nodeName]?.isInline === true;
}

/** Whether the item with this id is present and not deleted in a doc (its state vector and delete set). */
export function visibility(doc: Y.Doc): (client: number, clock: number) => boolean {
	const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc));
	const deleted = Y.createDeleteSetFromStructStore(doc.store);
	return (client, clock) =>
		clock < (stateVector.get(client) ?? 0) && !Y.isDeleted(deleted, Y.createID(client, clock));
}
