import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeStoryText } from '#shared/model/storyDoc';
import { createAnchor } from '#shared/review/anchors';
import { addMessage, addThread, setThreadStatus, THREADS_MAP } from '#shared/review/notesDoc';
import type { StoredThread } from '#shared/review/types';
import { NotesReader } from '../../../src/lib/review/NotesReader';

const author = { id: 'browser-1', name: 'Ana' };
const at = '2026-11-29T10:00:00.000Z';

function thread(story: Y.Doc, id: string): StoredThread {
	return {
		id,
		status: 'open',
		anchor: createAnchor(story, 4, 9),
		messages: [{ id: `${id}-m`, author, body: 'Check this.', createdAt: at }],
		createdAt: at
	};
}

describe('NotesReader', () => {
	const story = new Y.Doc();
	writeStoryText(story, 'The quick brown fox.');

	it('reads valid threads, skips junk, and tells when something changed', () => {
		const notes = new Y.Doc();
		let changes = 0;
		const reader = new NotesReader(notes, () => changes++);
		addThread(notes, thread(story, 't1'));
		const junk = new Y.Map<unknown>();
		junk.set('id', 'junk');
		notes.getMap(THREADS_MAP).set('junk', junk);
		// Filed under another id: would shadow a real thread.
		const misfiled = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(thread(story, 't3'))) misfiled.set(key, value);
		notes.getMap(THREADS_MAP).set('t2', misfiled);
		expect(changes).toBe(3);
		expect(reader.threads().map((entry) => entry.stored.id)).toEqual(['t1']);
	});

	it('re-reads only what changed, including changes deep inside an entry', () => {
		const notes = new Y.Doc();
		let changes = 0;
		const reader = new NotesReader(notes, () => changes++);
		addThread(notes, thread(story, 't1'));
		addThread(notes, thread(story, 't2'));
		const first = reader.threads();
		addMessage(notes, 't2', { id: 'reply', author, body: 'Agreed.', createdAt: at });
		const second = reader.threads();
		const byId = (entries: typeof first, id: string) => entries.find((e) => e.stored.id === id)!;
		// Untouched: the same entry object; touched: read again with its reply.
		expect(byId(second, 't1')).toBe(byId(first, 't1'));
		expect(byId(second, 't2').stored.messages.map((m) => m.id)).toEqual(['t2-m', 'reply']);
		setThreadStatus(notes, 't1', 'resolved');
		notes.getMap(THREADS_MAP).delete('t2');
		const third = reader.threads();
		expect(third.map((entry) => [entry.stored.id, entry.stored.status])).toEqual([
			['t1', 'resolved']
		]);
		const heard = changes;
		reader.destroy();
		addThread(notes, thread(story, 't4'));
		expect(changes).toBe(heard);
	});

	it('tells which entries changed since the last read and what they hold, leaving them unread', () => {
		const notes = new Y.Doc();
		const reader = new NotesReader(notes, () => {});
		addThread(notes, thread(story, 't1'));
		addThread(notes, thread(story, 't2'));
		reader.threads();
		expect(reader.unread()).toEqual([]);
		addMessage(notes, 't2', { id: 'reply', author, body: 'Agreed.', createdAt: at });
		const json = JSON.stringify((notes.getMap(THREADS_MAP).get('t2') as Y.Map<unknown>).toJSON());
		expect(reader.unread()).toEqual([{ id: 't2', json }]);
		// Still to be read: the next read has the reply.
		expect(reader.threads().find((entry) => entry.stored.id === 't2')?.json).toBe(json);
		expect(reader.unread()).toEqual([]);
		notes.getMap(THREADS_MAP).delete('t1');
		const junk = new Y.Map<unknown>();
		junk.set('id', 'junk');
		notes.getMap(THREADS_MAP).set('junk', junk);
		expect(reader.unread()).toEqual([
			{ id: 't1', json: null },
			{ id: 'junk', json: null }
		]);
	});
});
