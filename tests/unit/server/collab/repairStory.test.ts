import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryJSON, readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { misshapenBlocks, repairStory } from '../../../../server/collab/repairStory';
import { xmlText } from '../../../helpers/yXml';

// A story stored before edits were checked may hold what the editor cannot read; loading it
// replaces those blocks by their text, so nothing is lost and the editor opens it.

function storedWithJunk(): Y.Doc {
	const doc = new Y.Doc();
	writeStoryText(doc, 'First, fine.\n\nLast, fine.\n');
	const fragment = doc.getXmlFragment(STORY_FIELD);
	doc.transact(() => {
		const unknown = new Y.XmlElement('fooNode');
		unknown.insert(0, [xmlText('kept from an unknown element')]);
		const outer = new Y.XmlElement('paragraph');
		const inner = new Y.XmlElement('paragraph');
		inner.insert(0, [xmlText('kept from a nested paragraph')]);
		outer.insert(0, [xmlText('outer words '), inner]);
		fragment.insert(1, [unknown, outer, xmlText('kept from bare text')]);
	});
	return doc;
}

describe('repairStory', () => {
	it('finds each top-level block that does not fit, and only those', () => {
		expect(misshapenBlocks(storedWithJunk())).toEqual([
			{ index: 1, why: 'an unknown "fooNode" element' },
			{ index: 2, why: 'a paragraph cannot be inside a paragraph' },
			{ index: 3, why: 'text cannot be inside a doc' }
		]);
	});

	it('replaces them by paragraphs of their text, keeping every word and the good blocks', () => {
		const doc = storedWithJunk();
		expect(repairStory(doc)).toBe(3);
		expect(misshapenBlocks(doc)).toEqual([]);
		expect(readStoryText(doc)).toBe(
			[
				'First, fine.',
				'kept from an unknown element',
				'outer words ',
				'kept from a nested paragraph',
				'kept from bare text',
				'Last, fine.'
			].join('\n\n') + '\n'
		);
		// What the editor reads (y-tiptap's conversion) now has all of it.
		expect(JSON.stringify(readStoryJSON(doc).doc)).toContain('kept from bare text');
	});

	it('leaves a story that fits alone', () => {
		const doc = new Y.Doc();
		writeStoryText(doc, 'All fine.\n');
		const before = Y.encodeStateAsUpdate(doc);
		expect(repairStory(doc)).toBe(0);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});
});
