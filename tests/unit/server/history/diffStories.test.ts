import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { META_MAP, STORY_FIELD } from '#shared/model/schema';
import { FINAL_NEWLINE_KEY, readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { DeletionIndex, deletionRecords } from '../../../../server/history/deletionLog';
import { diffStories, storyAuthorship } from '../../../../server/history/diffStories';
import type { DeletionRecord } from '../../../../server/storage/DocumentStore';
import { replayChanges as replay } from '../../../helpers/replayChanges';

/** A story and its edits, each made by a writer with a client id of their own, logged like the server does. */
class Desk {
	readonly doc = new Y.Doc({ gc: true });
	readonly writers = new Map<number, string>();
	readonly log: DeletionRecord[] = [];

	constructor(text: string) {
		const imported = new Y.Doc();
		imported.clientID = 1;
		writeStoryText(imported, text);
		Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(imported));
	}

	/** Runs `edit` on a copy as `writer` (client id `client`) and applies its update here. */
	edit(writer: string, client: number, edit: (fragment: Y.XmlFragment) => void): void {
		const copy = new Y.Doc({ gc: true });
		copy.clientID = client;
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
		const updates: Uint8Array[] = [];
		copy.on('update', (update: Uint8Array) => updates.push(update));
		copy.transact(() => edit(copy.getXmlFragment(STORY_FIELD)));
		for (const update of updates) {
			this.log.push(...deletionRecords([{ writer, deletes: Y.decodeUpdate(update).ds }]));
			Y.applyUpdate(this.doc, update);
		}
		this.writers.set(client, writer);
	}

	snapshot(): Y.Doc {
		const copy = new Y.Doc({ gc: true });
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
		return copy;
	}

	attribution() {
		const index = new DeletionIndex(this.log);
		return {
			writerOf: (client: number) => this.writers.get(client),
			deleterOf: (client: number, clock: number) => index.deleter(client, clock)
		};
	}
}

const textOf = (fragment: Y.XmlFragment, block: number) =>
	(fragment.get(block) as Y.XmlElement).get(0) as Y.XmlText;

describe('diffStories', () => {
	it('labels insertions with their writer and deletions with their deleter', () => {
		const desk = new Desk('The harbour was quiet.\n\nGulls circled.\n\nNight fell.\n');
		const first = desk.snapshot();
		desk.edit('ana', 10, (fragment) => textOf(fragment, 0).insert(3, ' old'));
		desk.edit('ben', 20, (fragment) => fragment.delete(1, 1));
		desk.edit('ben', 20, (fragment) => textOf(fragment, 1).delete(0, 6));
		const last = desk.snapshot();
		const diff = diffStories(first, last, desk.attribution());
		expect(diff.fromText).toBe(readStoryText(first));
		expect(diff.toText).toBe('The old harbour was quiet.\n\nfell.\n');
		expect(diff.changes.map(({ type, text, author }) => ({ type, text, author }))).toEqual([
			{ type: 'insert', text: ' old', author: 'ana' },
			{ type: 'delete', text: '\n\nGulls circled.', author: 'ben' },
			{ type: 'delete', text: 'Night ', author: 'ben' }
		]);
		expect(replay(diff.fromText, diff.changes)).toBe(diff.toText);
	});

	it('reads a deleted paragraph whole from the earlier version, whatever the later one collected', () => {
		const desk = new Desk('One.\n\nTwo two.\n\nThree.');
		const first = desk.snapshot();
		desk.edit('cy', 30, (fragment) => fragment.delete(0, 2));
		const diff = diffStories(first, desk.snapshot(), desk.attribution());
		expect(diff.toText).toBe('Three.');
		expect(diff.changes).toEqual([
			{ type: 'delete', start: 0, end: 16, text: 'One.\n\nTwo two.\n\n', author: 'cy', at: 0 }
		]);
	});

	it('shows a new paragraph with its separator, and nothing between equal versions', () => {
		const desk = new Desk('One.');
		const first = desk.snapshot();
		desk.edit('ana', 10, (fragment) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('Two.')]);
			fragment.insert(1, [paragraph]);
		});
		const diff = diffStories(first, desk.snapshot(), desk.attribution());
		expect(diff.changes).toEqual([
			{ type: 'insert', start: 4, end: 10, text: '\n\nTwo.', author: 'ana', at: 4 }
		]);
		expect(diffStories(first, first, desk.attribution()).changes).toEqual([]);
	});

	it('reads authorship per character: the original, then who typed', () => {
		const desk = new Desk('abc\n');
		desk.edit('ana', 10, (fragment) => textOf(fragment, 0).insert(1, 'X'));
		desk.edit('ben', 20, (fragment) => textOf(fragment, 0).insert(3, 'YY'));
		const { text, ranges } = storyAuthorship(desk.doc, (client) => desk.writers.get(client));
		expect(text).toBe('aXbYYc\n');
		expect(ranges).toEqual([
			{ start: 0, end: 1, author: null },
			{ start: 1, end: 2, author: 'ana' },
			{ start: 2, end: 3, author: null },
			{ start: 3, end: 5, author: 'ben' },
			{ start: 5, end: 7, author: null }
		]);
	});

	it('reports a change of the final line break, by whoever changed it', () => {
		const desk = new Desk('One.\n');
		const first = desk.snapshot();
		desk.edit('ana', 10, () => undefined);
		const copy = desk.snapshot();
		copy.clientID = 10;
		const updates: Uint8Array[] = [];
		copy.on('update', (update: Uint8Array) => updates.push(update));
		copy.getMap(META_MAP).set(FINAL_NEWLINE_KEY, false);
		for (const update of updates) Y.applyUpdate(desk.doc, update);
		const diff = diffStories(first, desk.snapshot(), desk.attribution());
		expect(diff.toText).toBe('One.');
		expect(diff.changes).toEqual([
			{ type: 'delete', start: 4, end: 5, text: '\n', author: 'ana', at: 4 }
		]);
		expect(replay(diff.fromText, diff.changes)).toBe(diff.toText);
	});
});
