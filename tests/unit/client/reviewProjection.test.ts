import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeStoryText } from '#shared/model/storyDoc';
import { createAnchor } from '#shared/review/anchors';
import { addMessage, addSuggestion, addThread, THREADS_MAP } from '#shared/review/notesDoc';
import type { StoredThread } from '#shared/review/types';
import { NotesReader } from '../../../src/lib/review/NotesReader';
import { ReviewProjection } from '../../../src/lib/review/ReviewProjection';
import { firstParagraphText } from '../../helpers/stories';
import type { ReviewItem } from '../../../src/lib/review/reviewItems';

const author = { id: 'browser-1', name: 'Ana' };
const at = '2026-11-29T10:00:00.000Z';

function thread(story: Y.Doc, id: string, start: number, end: number): StoredThread {
	return {
		id,
		status: 'open',
		anchor: createAnchor(story, start, end),
		messages: [{ id: `${id}-m`, author, body: 'Check this.', createdAt: at }],
		createdAt: at
	};
}

/** A story, its notes, and a projection step that feeds the last items back in. */
function desk(text: string) {
	const story = new Y.Doc();
	writeStoryText(story, text);
	const notes = new Y.Doc();
	const reader = new NotesReader(notes, () => undefined);
	const projection = new ReviewProjection();
	let items: ReviewItem[] = [];
	let version = 0;
	const step = (storyChanged = false) => {
		if (storyChanged) version++;
		const result = projection.project(
			story,
			version,
			{ threads: reader.threads(), suggestions: reader.suggestions() },
			items
		);
		items = result.items;
		return result;
	};
	return { story, notes, step };
}

describe('ReviewProjection', () => {
	it('projects threads and suggestions in text order with their editor positions', () => {
		const { story, notes, step } = desk('The quick brown fox jumps.');
		addThread(notes, thread(story, 'late', 16, 19));
		addThread(notes, thread(story, 'early', 4, 9));
		addSuggestion(notes, {
			id: 's1',
			status: 'open',
			anchor: createAnchor(story, 10, 15),
			replacement: 'red',
			author,
			createdAt: at
		});
		const { items, changed, removed, moved } = step();
		expect(items.map((item) => item.id)).toEqual(['early', 's1', 'late']);
		// Paragraph content starts at position 1.
		expect(items.map((item) => [item.from, item.to])).toEqual([
			[5, 10],
			[11, 16],
			[17, 20]
		]);
		expect(changed).toHaveLength(3);
		expect(removed).toEqual([]);
		expect(moved).toBe(true);
	});

	it('keeps an unchanged item as the same object and reports only what changed', () => {
		const { story, notes, step } = desk('The quick brown fox jumps.');
		addThread(notes, thread(story, 'a', 4, 9));
		addThread(notes, thread(story, 'b', 16, 19));
		const first = step().items;
		addMessage(notes, 'b', { id: 'b-m2', author, body: 'Agreed.', createdAt: at });
		const second = step();
		expect(second.changed.map((item) => item.id)).toEqual(['b']);
		expect(second.items[0]).toBe(first[0]);
		expect(second.items[1]).not.toBe(first[1]);
		expect(second.moved).toBe(false);
		expect(step()).toMatchObject({ changed: [], removed: [], moved: false });
	});

	it('follows the text: moved items keep their object, removed ones are named', () => {
		const { story, notes, step } = desk('The quick brown fox jumps.');
		addThread(notes, thread(story, 'a', 4, 9));
		const [before] = step().items;
		firstParagraphText(story).insert(0, 'Oh! ');
		const moved = step(true);
		expect(moved.items[0]).toBe(before);
		expect([moved.items[0]!.from, moved.items[0]!.to]).toEqual([9, 14]);
		expect(moved).toMatchObject({ changed: [], moved: true });
		notes.getMap(THREADS_MAP).delete('a');
		expect(step()).toMatchObject({ items: [], removed: ['a'] });
	});
});
