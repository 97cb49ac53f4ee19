import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText } from '#shared/model/storyDoc';
import {
	DamagedDocumentError,
	docFromStored,
	inspectStored
} from '../../../../server/collab/docFromStored';
import type { DamagedRow, StoredDocument } from '../../../../server/storage/DocumentStore';

/** A story of a few paragraphs, edited by two clients (inserts and deletes). */
function story(): { doc: Y.Doc; snapshot: Uint8Array; update: Uint8Array } {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment(STORY_FIELD);
	for (let index = 0; index < 4; index++) {
		const paragraph = new Y.XmlElement('paragraph');
		fragment.push([paragraph]);
		paragraph.push([new Y.XmlText(`Paragraph number ${index} of the story.`)]);
	}
	((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 10);
	const snapshot = Y.encodeStateAsUpdate(doc);
	const before = Y.encodeStateVector(doc);
	((fragment.get(2) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Later: ');
	return { doc, snapshot, update: Y.encodeStateAsUpdate(doc, before) };
}

function stored(
	snapshot: Uint8Array | null,
	updates: Uint8Array[],
	damaged: DamagedRow[] = []
): StoredDocument {
	return {
		snapshot,
		updates,
		updateSeqs: updates.map((_, index) => index + 10),
		lastSeq: updates.length + 9,
		writers: new Map(),
		damaged
	};
}

describe('docFromStored: the damaged-data detector', () => {
	it('rebuilds an intact snapshot and log exactly', () => {
		const { doc, snapshot, update } = story();
		const rebuilt = docFromStored('story:abcdef', stored(snapshot, [update]));
		expect(readStoryText(rebuilt)).toBe(readStoryText(doc));
		expect(inspectStored(stored(snapshot, [update])).damaged).toEqual([]);
	});

	it('finds a snapshot cut anywhere (rows written before checksums: by decoding alone)', () => {
		const { snapshot } = story();
		for (let cut = 1; cut < snapshot.length; cut++) {
			const { damaged } = inspectStored(stored(snapshot.slice(0, cut), []));
			expect(damaged, `cut at ${cut}`).toEqual([
				{ kind: 'snapshot', seq: null, reason: expect.any(String) }
			]);
		}
	});

	it('finds an update that refers to content not stored (pending structs)', () => {
		const { update } = story();
		// The update without the snapshot it was typed on.
		expect(inspectStored(stored(null, [update])).damaged).toEqual([
			{ kind: 'update', seq: 10, reason: expect.stringMatching(/not stored/) }
		]);
	});

	it('finds an update cut in half after an intact snapshot', () => {
		const { snapshot, update } = story();
		const cut = update.slice(0, Math.floor(update.length / 2));
		expect(inspectStored(stored(snapshot, [update, cut])).damaged).toEqual([
			{ kind: 'update', seq: 11, reason: expect.any(String) }
		]);
	});

	it('keeps the rows the store found changed (a flipped byte Yjs would read as other text)', () => {
		const { snapshot, update } = story();
		const flipped = update.slice();
		flipped[flipped.length - 5]! ^= 0x01; // inside the inserted text: still decodes
		const result = inspectStored(
			stored(snapshot, [flipped], [{ kind: 'update', seq: 10, reason: 'checksum mismatch' }])
		);
		expect(result.damaged).toEqual([{ kind: 'update', seq: 10, reason: 'checksum mismatch' }]);
	});

	it('throws DamagedDocumentError naming the room and rows, never an empty doc', () => {
		const { snapshot } = story();
		const cut = snapshot.slice(0, snapshot.length / 2);
		let thrown: unknown;
		try {
			docFromStored('story:abcdef', stored(cut, []));
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(DamagedDocumentError);
		expect(thrown).toMatchObject({ room: 'story:abcdef', rows: [{ kind: 'snapshot', seq: null }] });
		expect((thrown as Error).message).toMatch(/story:abcdef.*snapshot/);
	});
});
