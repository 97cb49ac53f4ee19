import type { NodeType } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { StoryLimits } from '#shared/model/storyLimits';
import {
	attributeRefusal,
	childRefusal,
	docType,
	elementType,
	markRefusal,
	textRefusal
} from '#shared/model/storyShape';

/**
 * A story stored before the server checked edits (an old database) may hold content the editor
 * cannot read: an element the schema lacks, a paragraph in a paragraph, text straight under the
 * document. y-tiptap deletes such content for everyone, or fails and shows an empty editor. When
 * the room loads, each top-level block that does not fit is replaced by plain paragraphs holding
 * its text, so every word stays and the story opens.
 */

/** Why the top-level block does not fit the schema, or null. Iterative: it may be absurdly deep. */
export function blockRefusal(block: unknown): string | null {
	const stack: Array<{ node: unknown; parent: NodeType; depth: number }> = [
		{ node: block, parent: docType, depth: 1 }
	];
	while (stack.length > 0) {
		const { node, parent, depth } = stack.pop()!;
		if (node instanceof Y.XmlText) {
			const refusal = textRefusal(parent) ?? textRunRefusal(node, parent);
			if (refusal) return refusal;
			continue;
		}
		if (!(node instanceof Y.XmlElement)) return 'something that is neither text nor an element';
		if (depth > StoryLimits.maxDepth) return `nested deeper than ${StoryLimits.maxDepth} levels`;
		const type = elementType(node.nodeName);
		if (!type) return `an unknown "${node.nodeName}" element`;
		const refusal = childRefusal(parent, type);
		if (refusal) return refusal;
		for (const [key, value] of Object.entries(node.getAttributes())) {
			const attribute = attributeRefusal(type, key, value);
			if (attribute) return attribute;
		}
		for (const child of node.toArray()) stack.push({ node: child, parent: type, depth: depth + 1 });
	}
	return null;
}

function textRunRefusal(text: Y.XmlText, parent: NodeType): string | null {
	if (text.length > StoryLimits.maxTextChars) return 'a run of text that is too long';
	for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: object }>) {
		if (typeof op.insert !== 'string') return 'something embedded in a run of text';
		for (const [key, value] of Object.entries(op.attributes ?? {})) {
			const refusal = markRefusal(parent, key, value);
			if (refusal) return refusal;
		}
	}
	return null;
}

/** Indexes of the story's top-level blocks that do not fit, with why. */
export function misshapenBlocks(doc: Y.Doc): Array<{ index: number; why: string }> {
	const found: Array<{ index: number; why: string }> = [];
	doc
		.getXmlFragment(STORY_FIELD)
		.toArray()
		.forEach((block, index) => {
			const why = blockRefusal(block);
			if (why) found.push({ index, why });
		});
	return found;
}

/**
 * Replaces each misshapen top-level block by paragraphs of its text (one per run of text, in
 * order), in one transaction. Returns how many blocks were replaced.
 */
export function repairStory(doc: Y.Doc): number {
	const blocks = misshapenBlocks(doc);
	if (blocks.length === 0) return 0;
	const fragment = doc.getXmlFragment(STORY_FIELD);
	doc.transact(() => {
		for (const { index } of [...blocks].reverse()) {
			const lines = textRunsOf(fragment.get(index));
			fragment.delete(index, 1);
			fragment.insert(index, (lines.length > 0 ? lines : ['']).map(paragraphOf));
		}
	});
	return blocks.length;
}

/** The text of a subtree, one entry per run of text (line breaks and blocks split runs). */
function textRunsOf(root: unknown): string[] {
	const runs: string[] = [];
	const stack: unknown[] = [root];
	while (stack.length > 0) {
		const node = stack.pop();
		if (node instanceof Y.XmlText) {
			const text = Y.Text.prototype.toString.call(node);
			if (text.length > 0) runs.push(text);
		} else if (node instanceof Y.XmlElement) {
			const children = node.toArray();
			for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
		}
	}
	return runs;
}

function paragraphOf(text: string): Y.XmlElement {
	const paragraph = new Y.XmlElement('paragraph');
	if (text.length > 0) {
		const run = new Y.XmlText();
		run.insert(0, text);
		paragraph.insert(0, [run]);
	}
	return paragraph;
}
