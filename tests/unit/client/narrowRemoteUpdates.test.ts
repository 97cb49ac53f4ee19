import type { Node } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import {
	ProsemirrorBinding,
	ySyncPlugin,
	yXmlFragmentToProseMirrorRootNode
} from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { narrowRemoteUpdates } from '../../../src/lib/editor/narrowRemoteUpdates';
import { writeStoryText } from '#shared/model/storyDoc';
import { STORY_FIELD, storySchema } from '#shared/model/schema';

// y-tiptap as shipped, kept before the patch is installed: a subclass carrying the original
// methods shadows the patched prototype.
const base = ProsemirrorBinding.prototype as unknown as Record<string, unknown>;
const originalTypeChanged = base._typeChanged;
const originalTr = Object.getOwnPropertyDescriptor(ProsemirrorBinding.prototype, '_tr')!;
class OriginalBinding extends ProsemirrorBinding {}
Object.defineProperty(OriginalBinding.prototype, '_typeChanged', { value: originalTypeChanged });
Object.defineProperty(OriginalBinding.prototype, '_tr', originalTr);
narrowRemoteUpdates();

/** The least of an EditorView the binding uses; records the steps dispatched. */
interface FakeView {
	state: EditorState;
	steps: ReplaceStep[];
	dispatch(tr: Transaction): void;
	hasFocus(): boolean;
}

function bindEditor(doc: Y.Doc, Binding: typeof ProsemirrorBinding) {
	const fragment = doc.getXmlFragment(STORY_FIELD);
	const view: FakeView = {
		state: EditorState.create({ schema: storySchema, plugins: [ySyncPlugin(fragment)] }),
		steps: [],
		dispatch(tr) {
			view.state = view.state.apply(tr);
			view.steps.push(...tr.steps.filter((step) => step instanceof ReplaceStep));
		},
		hasFocus: () => false
	};
	const binding = new Binding(fragment);
	binding.initView(view as never);
	(binding as unknown as { _forceRerender(): void })._forceRerender();
	view.steps = [];
	return view;
}

const STORY = Array.from(
	{ length: 40 },
	(_, index) => `Paragraph ${index} where the lamp was lit and the door stayed shut.`
).join('\n\n');

/** A writer, and two readers bound to editors: one as shipped, one patched. */
function setUp() {
	const writer = new Y.Doc();
	writeStoryText(writer, `${STORY}\n`);
	const readers = [new Y.Doc(), new Y.Doc()];
	for (const reader of readers) Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer));
	const original = bindEditor(readers[0]!, OriginalBinding);
	const patched = bindEditor(readers[1]!, ProsemirrorBinding);
	const send = (change: (fragment: Y.XmlFragment) => void) => {
		const before = Y.encodeStateVector(readers[0]!);
		writer.transact(() => change(writer.getXmlFragment(STORY_FIELD)));
		const update = Y.encodeStateAsUpdate(writer, before);
		for (const reader of readers) Y.applyUpdate(reader, update);
	};
	const expected = () =>
		yXmlFragmentToProseMirrorRootNode(writer.getXmlFragment(STORY_FIELD), storySchema);
	return { writer, original, patched, send, expected };
}

function text(fragment: Y.XmlFragment, index: number): Y.XmlText {
	return (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

function paragraphStart(doc: Node, index: number): number {
	let start = 0;
	doc.forEach((_node, offset, at) => {
		if (at === index) start = offset;
	});
	return start;
}

describe('narrowRemoteUpdates', () => {
	it('applies a collaborator typing as a step over the letters typed, keeping the other paragraphs', () => {
		const { original, patched, send, expected } = setUp();
		const before = patched.state.doc;
		const at = paragraphStart(before, 20) + 6;
		// The reader's caret after the typing, in the same paragraph.
		for (const view of [original, patched]) {
			view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at + 10)));
		}
		send((fragment) => text(fragment, 20).insert(5, 'X'));
		expect(patched.state.doc.eq(expected())).toBe(true);
		expect(original.state.doc.eq(expected())).toBe(true);
		expect(patched.state.selection.eq(original.state.selection)).toBe(true);
		expect(patched.state.selection.from).toBe(at + 11);
		const [step] = patched.steps.slice(-1);
		expect([step!.from, step!.to, step!.slice.size]).toEqual([at, at, 1]);
		// The original replaces the whole story.
		expect(original.steps.at(-1)!.to).toBe(before.content.size);
		const after = patched.state.doc;
		for (const index of [0, 19, 21, 39]) expect(after.child(index)).toBe(before.child(index));
	});

	it('gives the same document and selection as the original through deletions, new paragraphs and formatting', () => {
		const { original, patched, send, expected } = setUp();
		const changes: Array<(fragment: Y.XmlFragment) => void> = [
			(fragment) => text(fragment, 3).delete(0, 10),
			(fragment) => fragment.delete(5, 2),
			(fragment) => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText('A new paragraph.')]);
				fragment.insert(8, [paragraph]);
			},
			(fragment) => text(fragment, 10).format(0, 9, { bold: true }),
			(fragment) => text(fragment, 12).insert(0, 'aa'),
			(fragment) => text(fragment, 12).insert(1, 'a'),
			(fragment) => fragment.delete(0, fragment.length - 1)
		];
		for (const view of [original, patched]) {
			const pos = paragraphStart(view.state.doc, 12) + 4;
			view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
		}
		for (const change of changes) {
			send(change);
			expect(patched.state.doc.eq(expected())).toBe(true);
			expect(patched.state.doc.eq(original.state.doc)).toBe(true);
			expect(patched.state.selection.toJSON()).toEqual(original.state.selection.toJSON());
		}
	});
});
