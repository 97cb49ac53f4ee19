import { describe, expect, it } from 'vitest';
import { META_MAP, STORY_FIELD, storyExtensions, storySchema } from '#shared/model/schema';

describe('story schema', () => {
	it('builds in plain Node, without a DOM', () => {
		expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
		expect(Object.keys(storySchema.nodes).sort()).toEqual([
			'blockquote',
			'bulletList',
			'codeBlock',
			'doc',
			'hardBreak',
			'heading',
			'horizontalRule',
			'listItem',
			'orderedList',
			'paragraph',
			'text'
		]);
		expect(Object.keys(storySchema.marks).sort()).toEqual([
			'bold',
			'code',
			'italic',
			'link',
			'strike',
			'underline'
		]);
	});

	it('leaves undo to Collaboration and adds no trailing paragraph', () => {
		const names = storyExtensions().flatMap((extension) => {
			const options = extension.options as Record<string, unknown>;
			return [extension.name, ...Object.keys(options).filter((key) => options[key] === false)];
		});
		expect(names).toEqual(expect.arrayContaining(['starterKit', 'undoRedo', 'trailingNode']));
	});

	it('names the Yjs fields of story:<id>', () => {
		expect(STORY_FIELD).toBe('content');
		expect(META_MAP).toBe('meta');
	});
});
