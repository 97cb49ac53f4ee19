import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { restoreBlocks } from '../../../../server/history/restoreBlocks';

function copy(doc: Y.Doc): Y.Doc {
	const out = new Y.Doc();
	Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
	return out;
}

const blocks = (doc: Y.Doc) => doc.getXmlFragment(STORY_FIELD).toArray() as Y.XmlElement[];
const ids = (doc: Y.Doc) =>
	blocks(doc).map((block) => `${block._item!.id.client}:${block._item!.id.clock}`);

describe('restoreBlocks', () => {
	it('brings the version back, leaving the blocks equal in both untouched', () => {
		const story = new Y.Doc();
		writeStoryText(story, 'One.\n\nTwo.\n\nThree.\n\nFour.\n');
		const version = copy(story);
		const draft = copy(story);
		const fragment = draft.getXmlFragment(STORY_FIELD);
		(blocks(draft)[1]!.get(0) as Y.XmlText).insert(0, 'Not ');
		fragment.delete(2, 1);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Five.')]);
		fragment.push([paragraph]);
		const kept = ids(draft);
		expect(readStoryText(draft)).toBe('One.\n\nNot Two.\n\nFour.\n\nFive.\n');

		const result = restoreBlocks(draft, version);
		expect(readStoryText(draft)).toBe('One.\n\nTwo.\n\nThree.\n\nFour.\n');
		expect(result).toEqual({ removed: 2, inserted: 2 });
		// "One." and "Four." are the same elements as before the restore.
		expect(ids(draft)[0]).toBe(kept[0]);
		expect(ids(draft)[3]).toBe(kept[2]);
	});

	it('restores the final line break and an emptied story', () => {
		const version = new Y.Doc();
		writeStoryText(version, 'Only.');
		const draft = new Y.Doc();
		writeStoryText(draft, 'Other.\n');
		restoreBlocks(draft, version);
		expect(readStoryText(draft)).toBe('Only.');
	});
});
