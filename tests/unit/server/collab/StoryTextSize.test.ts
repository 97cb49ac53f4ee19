import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	StoryTextSize,
	addedTextBytes,
	textBytesOf
} from '../../../../server/collab/StoryTextSize';

function storyWith(text: string): { doc: Y.Doc; body: Y.XmlText } {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	doc.getXmlFragment('prosemirror').insert(0, [paragraph]);
	const body = new Y.XmlText(text);
	paragraph.insert(0, [body]);
	return { doc, body };
}

function decoded(update: Uint8Array) {
	const { structs, ds } = Y.decodeUpdate(update);
	return { structs, deletes: ds };
}

/** What `edit` on a copy of `doc` would send, decoded as the server reads it. */
function structsOf(doc: Y.Doc, edit: (body: Y.XmlText, copy: Y.Doc) => void) {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(copy);
	const paragraph = copy.getXmlFragment('prosemirror').get(0) as Y.XmlElement;
	edit(paragraph.get(0) as Y.XmlText, copy);
	return decoded(Y.encodeStateAsUpdate(copy, before));
}

describe('story text size', () => {
	it('counts UTF-8 bytes of live text only', () => {
		const { doc, body } = storyWith('héllo');
		expect(textBytesOf(doc)).toBe(6);
		body.delete(0, 2);
		expect(textBytesOf(doc)).toBe(3);
	});

	it('counts what an update adds, not what the doc already holds', () => {
		const { doc } = storyWith('abc');
		expect(
			addedTextBytes(
				structsOf(doc, (body) => body.insert(3, '“d”')),
				doc
			)
		).toBe(7);
		expect(
			addedTextBytes(
				structsOf(doc, (body) => body.delete(0, 1)),
				doc
			)
		).toBe(0);
		// A sync step 2 repeating what the doc has adds nothing.
		expect(addedTextBytes(decoded(Y.encodeStateAsUpdate(doc)), doc)).toBe(0);
	});

	it('does not count text the same update deletes again (typed then undone, offline)', () => {
		const { doc } = storyWith('abc');
		const undone = structsOf(doc, (body, copy) => {
			const undo = new Y.UndoManager(copy.getXmlFragment('prosemirror'));
			body.insert(3, 'defgh');
			undo.stopCapturing();
			body.insert(8, 'ij');
			undo.undo(); // keeps the deleted items (for redo): they travel with their text
		});
		const carried = undone.structs.some(
			(struct) =>
				struct instanceof Y.Item &&
				struct.content instanceof Y.ContentString &&
				struct.content.str.includes('ij')
		);
		expect(carried).toBe(true);
		expect(addedTextBytes(undone, doc)).toBe(5);
		const middle = structsOf(doc, (body) => {
			body.insert(3, 'defgh');
			body.delete(4, 2);
		});
		expect(addedTextBytes(middle, doc)).toBe(3);
	});

	it('refuses additions past the limit, and lets deletions make room', () => {
		const { doc, body } = storyWith('x'.repeat(90));
		const size = new StoryTextSize(doc, 100);
		const ten = structsOf(doc, (copy) => copy.insert(0, 'y'.repeat(10)));
		expect(size.check(ten)).toBe(10);
		expect(size.check(structsOf(doc, (copy) => copy.insert(0, 'y'.repeat(11))))).toBeNull();
		body.insert(0, 'y'.repeat(10));
		size.commit(10);
		expect(size.check(structsOf(doc, (copy) => copy.insert(0, 'z')))).toBeNull();
		// Deleting passes whatever the size, and the bound is walked again when it matters.
		expect(size.check(structsOf(doc, (copy) => copy.delete(0, 5)))).toBe(0);
		body.delete(0, 5);
		expect(size.check(structsOf(doc, (copy) => copy.insert(0, 'z'.repeat(5))))).toBe(5);
	});
});
