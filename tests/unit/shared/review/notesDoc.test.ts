import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { anchorResolver, createAnchor } from '#shared/review/anchors';
import {
	addMessage,
	addSuggestion,
	addThread,
	getSuggestion,
	getThread,
	listSuggestions,
	listThreads,
	setSuggestionStatus,
	setThreadStatus,
	SUGGESTIONS_MAP,
	THREADS_MAP
} from '#shared/review/notesDoc';
import { suggestionView, threadView } from '#shared/review/reviewViews';
import type { Message, StoredSuggestion, StoredThread } from '#shared/review/types';

const author = { id: 'browser-1', name: 'Ana' };

function storyWith(text: string): Y.Doc {
	const ydoc = new Y.Doc();
	writeStoryText(ydoc, text);
	return ydoc;
}

function message(id: string, body: string): Message {
	return { id, author, body, createdAt: '2026-11-22T04:00:00.000Z' };
}

function thread(story: Y.Doc, id: string, words: string, createdAt: string): StoredThread {
	const start = readStoryText(story).indexOf(words);
	return {
		id,
		status: 'open',
		anchor: createAnchor(story, start, start + words.length),
		messages: [message(`${id}-m1`, `About “${words}”`)],
		createdAt
	};
}

function suggestion(story: Y.Doc, id: string, words: string, replacement: string) {
	const start = readStoryText(story).indexOf(words);
	const value: StoredSuggestion = {
		id,
		status: 'open',
		anchor: createAnchor(story, start, start + words.length),
		replacement,
		author,
		createdAt: '2026-11-22T04:00:00.000Z'
	};
	return value;
}

/** A second replica, as another client would hold it. */
function replica(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('notes document', () => {
	it('stores threads, lists them oldest first and keeps concurrent replies', () => {
		const story = storyWith('The cat sat.\n\nThe dog ran.\n');
		const notes = new Y.Doc();
		addThread(notes, thread(story, 't2', 'dog', '2026-11-22T04:02:00.000Z'));
		addThread(notes, thread(story, 't1', 'cat', '2026-11-22T04:01:00.000Z'));
		expect(listThreads(notes).map((t) => t.id)).toEqual(['t1', 't2']);
		expect(() =>
			addThread(notes, thread(story, 't1', 'cat', '2026-11-22T04:03:00.000Z'))
		).toThrow();

		const other = replica(notes);
		expect(addMessage(notes, 't1', message('r1', 'Yes'))).toBe(true);
		expect(addMessage(other, 't1', message('r2', 'No'))).toBe(true);
		expect(setThreadStatus(other, 't2', 'resolved')).toBe(true);
		sync(notes, other);
		for (const doc of [notes, other]) {
			expect(
				getThread(doc, 't1')
					?.messages.map((m) => m.id)
					.sort()
			).toEqual(['r1', 'r2', 't1-m1']);
			expect(getThread(doc, 't2')?.status).toBe('resolved');
		}
		expect(addMessage(notes, 'missing', message('r3', 'Hm'))).toBe(false);
		expect(() => addMessage(notes, 't1', message('r4', ''))).toThrow();
	});

	it('skips junk any client may write into the shared maps', () => {
		const story = storyWith('The cat sat.\n');
		const notes = new Y.Doc();
		addThread(notes, thread(story, 't1', 'cat', '2026-11-22T04:01:00.000Z'));
		addSuggestion(notes, suggestion(story, 's1', 'sat', 'sits'));
		const threads = notes.getMap<unknown>(THREADS_MAP);
		threads.set('junk', 'not a thread');
		threads.set('plain', { ...thread(story, 'plain', 'cat', '2026-11-22T04:01:00.000Z') });
		const bad = new Y.Map<unknown>();
		bad.set('id', 'bad');
		threads.set('bad', bad);
		// Filed under the wrong key: would shadow t1.
		const copy = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(
			thread(story, 't1', 'sat', '2026-11-22T04:00:00.000Z')
		)) {
			copy.set(key, key === 'messages' ? Y.Array.from(value as Message[]) : value);
		}
		threads.set('t9', copy);
		((threads.get('t1') as Y.Map<unknown>).get('messages') as Y.Array<unknown>).push([{ body: 1 }]);
		notes.getMap<unknown>(SUGGESTIONS_MAP).set('s2', 42);
		(notes.getMap<unknown>(SUGGESTIONS_MAP).get('s1') as Y.Map<unknown>).set('status', 'maybe');

		expect(listThreads(notes).map((t) => t.id)).toEqual(['t1']);
		expect(getThread(notes, 't1')?.messages).toHaveLength(1);
		expect(getThread(notes, 'bad')).toBeNull();
		expect(listSuggestions(notes)).toEqual([]);
		expect(getSuggestion(notes, 's1')).toBeNull();
		expect(setSuggestionStatus(notes, 's1', 'accepted')).toBe(false);
		expect(setThreadStatus(notes, 'bad', 'resolved')).toBe(false);
	});

	it('shows suggestions as open, stale when their words changed, or as decided', () => {
		const story = storyWith('The cat sat on the mat.\n');
		const notes = new Y.Doc();
		addSuggestion(notes, suggestion(story, 's1', 'sat', 'sits'));
		addSuggestion(notes, suggestion(story, 's2', 'mat', 'rug'));
		addSuggestion(notes, suggestion(story, 's3', 'The', 'A'));
		expect(setSuggestionStatus(notes, 's3', 'rejected')).toBe(true);
		const views = () => {
			const resolve = anchorResolver(story);
			return listSuggestions(notes).map((s) => suggestionView(story, s, resolve));
		};
		expect(views().map((s) => [s.id, s.status, s.start, s.end, s.original])).toEqual([
			['s1', 'open', 8, 11, 'sat'],
			['s2', 'open', 19, 22, 'mat'],
			['s3', 'rejected', 0, 3, 'The']
		]);
		// Someone edits inside "mat" and deletes "sat": both are stale now.
		const text = (story.getXmlFragment(STORY_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
		text.insert(20, 'a');
		text.delete(8, 4);
		expect(readStoryText(story)).toBe('The cat on the maat.\n');
		expect(views().map((s) => [s.id, s.status])).toEqual([
			['s1', 'stale'],
			['s2', 'stale'],
			['s3', 'rejected']
		]);
	});

	it('shows threads with their anchors resolved against the story', () => {
		const story = storyWith('The cat sat.\n');
		const notes = new Y.Doc();
		addThread(notes, thread(story, 't1', 'cat', '2026-11-22T04:01:00.000Z'));
		const text = (story.getXmlFragment(STORY_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
		text.insert(0, 'Look! ');
		const view = threadView(story, listThreads(notes)[0]!);
		expect(view).toEqual({
			id: 't1',
			status: 'open',
			anchor: { start: 10, end: 13, quote: 'cat', detached: false },
			messages: [message('t1-m1', 'About “cat”')]
		});
		text.delete(9, 4);
		// Junk that passes the schema's shape but is no relative position: detached, no throw.
		const junk = {
			...listThreads(notes)[0]!,
			anchor: { ...listThreads(notes)[0]!.anchor, start: 'AAAA' }
		};
		expect(threadView(story, junk).anchor).toMatchObject({ detached: true, quote: 'cat' });
		expect(threadView(story, listThreads(notes)[0]!).anchor).toMatchObject({
			quote: 'cat',
			detached: true
		});
	});
});
