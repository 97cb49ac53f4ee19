import type { Node } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { storyLimitsPlugin } from '../../../src/lib/editor/storyLimitsExtension';
import { storySchema } from '#shared/model/schema';
import { StoryLimits } from '#shared/model/storyLimits';

const schema = storySchema;

function editorState(): EditorState {
	const doc = schema.nodes.doc!.create(null, [
		schema.nodes.paragraph!.create(null, schema.text('Once.'))
	]);
	return EditorState.create({ doc, plugins: [storyLimitsPlugin()] });
}

function nestedQuotes(levels: number): Node {
	let node = schema.nodes.paragraph!.create(null, schema.text('Deep.'));
	for (let level = 0; level < levels; level += 1)
		node = schema.nodes.blockquote!.create(null, node);
	return node;
}

/** Inserts the block after the first paragraph; true when the editor took it. */
function pasteBlock(state: EditorState, block: Node): boolean {
	const transaction = state.tr.insert(state.doc.content.size, block);
	return state.applyTransaction(transaction).state !== state;
}

describe('storyLimitsPlugin', () => {
	it('takes a paste nested as deep as the story may be', () => {
		// doc > blockquote × n > paragraph: the paragraph sits at depth n + 1.
		expect(pasteBlock(editorState(), nestedQuotes(StoryLimits.maxDepth - 1))).toBe(true);
	});

	it('refuses a paste nested one level deeper than the server accepts', () => {
		expect(pasteBlock(editorState(), nestedQuotes(StoryLimits.maxDepth))).toBe(false);
	});

	it('refuses a paragraph longer than the server accepts, and takes one at the limit', () => {
		const paragraph = (length: number) =>
			schema.nodes.paragraph!.create(null, schema.text('a'.repeat(length)));
		expect(pasteBlock(editorState(), paragraph(StoryLimits.maxTextChars))).toBe(true);
		expect(pasteBlock(editorState(), paragraph(StoryLimits.maxTextChars + 1))).toBe(false);
	});

	it('lets typing and deleting through', () => {
		const state = editorState();
		expect(state.applyTransaction(state.tr.insertText('x', 1)).state.doc.textContent).toBe(
			'xOnce.'
		);
		expect(state.applyTransaction(state.tr.delete(1, 3)).state.doc.textContent).toBe('ce.');
	});
});
