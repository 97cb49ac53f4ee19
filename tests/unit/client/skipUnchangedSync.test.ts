import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { ySyncPlugin } from '@tiptap/y-tiptap';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { skipUnchangedSync } from '../../../src/lib/editor/skipUnchangedSync';
import { readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { STORY_FIELD, storySchema } from '#shared/model/schema';

skipUnchangedSync();

/**
 * An editor bound to `doc` the way a view binds it: every dispatch is followed by the sync
 * plugin's view update, which is where y-tiptap writes the editor's document to Yjs.
 */
function bindEditor(doc: Y.Doc) {
	const fragment = doc.getXmlFragment(STORY_FIELD);
	const plugin = ySyncPlugin(fragment);
	let pluginView: { update(): void } | null = null;
	const view = {
		state: EditorState.create({ schema: storySchema, plugins: [plugin] }),
		dispatch(tr: Transaction) {
			view.state = view.state.apply(tr);
			pluginView?.update();
		},
		hasFocus: () => true,
		docView: {}
	};
	pluginView = plugin.spec.view!(view as never) as unknown as { update(): void };
	return view;
}

const STORY = Array.from({ length: 30 }, (_, at) => `Paragraph ${at} of the long story.`).join(
	'\n\n'
);

function setUp() {
	const local = new Y.Doc();
	writeStoryText(local, `${STORY}\n`);
	const remote = new Y.Doc();
	Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
	local.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(remote, update, 'remote');
	});
	remote.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(local, update, 'remote');
	});
	const view = bindEditor(local);
	return { local, remote, view };
}

const editorText = (view: { state: EditorState }) =>
	view.state.doc.textBetween(0, view.state.doc.content.size, '\n\n');

describe('skipUnchangedSync', () => {
	it('leaves Yjs alone when only the caret moved, and still writes every edit', () => {
		const { local, view } = setUp();
		// The first update after the editor was filled compares it with Yjs once.
		view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, 1)));
		const walked = vi.spyOn(Y.XmlFragment.prototype, 'toArray');
		try {
			for (const pos of [5, 40, 200]) {
				view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
			}
			// As shipped, each of these walked the whole story's paragraphs.
			expect(walked).not.toHaveBeenCalled();
			view.dispatch(view.state.tr.insertText('Hello ', 40));
			expect(walked).toHaveBeenCalled();
		} finally {
			walked.mockRestore();
		}
		expect(readStoryText(local)).toContain('Hello ');
		expect(readStoryText(local).trim()).toBe(editorText(view));
	});

	it("keeps someone else's change when the caret moves right after it", () => {
		const { local, remote, view } = setUp();
		view.dispatch(view.state.tr.insertText('mine ', 3));
		const fragment = remote.getXmlFragment(STORY_FIELD);
		((fragment.get(10) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'theirs ');
		expect(editorText(view)).toContain('theirs ');
		view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, 100)));
		view.dispatch(view.state.tr.insertText('again ', 100));
		for (const doc of [local, remote]) {
			expect(readStoryText(doc).trim()).toBe(editorText(view));
			expect(readStoryText(doc)).toContain('theirs ');
			expect(readStoryText(doc)).toContain('mine ');
			expect(readStoryText(doc)).toContain('again ');
		}
	});
});
