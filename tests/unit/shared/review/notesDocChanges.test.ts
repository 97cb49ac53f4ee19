import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { createAnchor, resolveAnchor } from '#shared/review/anchors';
import {
	addMessage,
	addSuggestion,
	addThread,
	deleteMessage,
	deleteSuggestion,
	deleteThread,
	editMessage,
	getSuggestion,
	getThread,
	listSuggestions,
	listThreads,
	reanchorThread,
	setSuggestionStatus,
	updateSuggestion
} from '#shared/review/notesDoc';
import type { Message, StoredSuggestion } from '#shared/review/types';

const ana = { id: 'browser-1', name: 'Ana' };
const ben = { id: 'browser-2', name: 'Ben' };
const story = new Y.Doc();
writeStoryText(story, 'The cat sat on the mat.\n');

function anchorOn(words: string) {
	const start = readStoryText(story).indexOf(words);
	return createAnchor(story, start, start + words.length);
}

function message(id: string, body: string, author = ana): Message {
	return { id, author, body, createdAt: '2026-11-22T04:00:00.000Z' };
}

function notesWithThread(): Y.Doc {
	const notes = new Y.Doc();
	addThread(notes, {
		id: 't1',
		status: 'open',
		anchor: anchorOn('cat'),
		messages: [message('m1', 'Which cat?'), message('m2', 'The black one.', ben)],
		createdAt: '2026-11-22T04:00:00.000Z'
	});
	return notes;
}

function notesWithSuggestion(): Y.Doc {
	const notes = new Y.Doc();
	const suggestion: StoredSuggestion = {
		id: 's1',
		status: 'open',
		anchor: anchorOn('sat'),
		replacement: 'sits',
		author: ana,
		createdAt: '2026-11-22T04:00:00.000Z'
	};
	addSuggestion(notes, suggestion);
	return notes;
}

describe('notes document changes', () => {
	it('edits a message in place and stamps editedAt', () => {
		const notes = notesWithThread();
		expect(editMessage(notes, 't1', 'm1', 'Which cat, exactly?', '2026-11-22T05:00:00.000Z')).toBe(
			true
		);
		expect(getThread(notes, 't1')?.messages).toEqual([
			{ ...message('m1', 'Which cat, exactly?'), editedAt: '2026-11-22T05:00:00.000Z' },
			message('m2', 'The black one.', ben)
		]);
		expect(editMessage(notes, 't1', 'nope', 'x', '2026-11-22T05:00:00.000Z')).toBe(false);
		expect(editMessage(notes, 'nope', 'm1', 'x', '2026-11-22T05:00:00.000Z')).toBe(false);
		// An empty body is refused and nothing changes.
		expect(() => editMessage(notes, 't1', 'm2', '  ', '2026-11-22T05:00:00.000Z')).toThrow();
		expect(getThread(notes, 't1')?.messages[1]?.body).toBe('The black one.');
	});

	it('deletes messages, and the thread with its last one', () => {
		const notes = notesWithThread();
		expect(deleteMessage(notes, 't1', 'm1')).toBe(true);
		expect(getThread(notes, 't1')?.messages.map((m) => m.id)).toEqual(['m2']);
		expect(deleteMessage(notes, 't1', 'm1')).toBe(false);
		expect(deleteMessage(notes, 't1', 'm2')).toBe(true);
		expect(getThread(notes, 't1')).toBeNull();
		expect(listThreads(notes)).toEqual([]);
		expect(deleteMessage(notes, 't1', 'm2')).toBe(false);
	});

	it('deletes a whole thread', () => {
		const notes = notesWithThread();
		expect(addMessage(notes, 't1', message('m3', 'Ok.'))).toBe(true);
		expect(deleteThread(notes, 't1')).toBe(true);
		expect(getThread(notes, 't1')).toBeNull();
		expect(deleteThread(notes, 't1')).toBe(false);
	});

	it('re-anchors a thread onto other words, refusing an invalid anchor', () => {
		const notes = notesWithThread();
		expect(reanchorThread(notes, 't1', anchorOn('mat'))).toBe(true);
		const thread = getThread(notes, 't1')!;
		expect(resolveAnchor(story, thread.anchor)).toMatchObject({ quote: 'mat', start: 19, end: 22 });
		expect(thread.messages).toHaveLength(2);
		expect(() => reanchorThread(notes, 't1', { ...anchorOn('cat'), quote: '' })).toThrow();
		expect(reanchorThread(notes, 'nope', anchorOn('cat'))).toBe(false);
	});

	it('records who decided a suggestion and when, and forgets it when reopened', () => {
		const notes = notesWithSuggestion();
		const decision = { by: ben, at: '2026-11-22T06:00:00.000Z' };
		expect(setSuggestionStatus(notes, 's1', 'accepted', decision)).toBe(true);
		expect(getSuggestion(notes, 's1')).toMatchObject({
			status: 'accepted',
			decidedBy: ben,
			decidedAt: '2026-11-22T06:00:00.000Z'
		});
		expect(setSuggestionStatus(notes, 's1', 'open', decision)).toBe(true);
		const reopened = getSuggestion(notes, 's1')!;
		expect(reopened.status).toBe('open');
		expect(reopened).not.toHaveProperty('decidedBy');
		expect(reopened).not.toHaveProperty('decidedAt');
		expect(setSuggestionStatus(notes, 'nope', 'rejected', decision)).toBe(false);
	});

	it('updates an open suggestion’s anchor, replacement and insertAt', () => {
		const notes = notesWithSuggestion();
		expect(updateSuggestion(notes, 's1', { replacement: 'sat down' })).toBe(true);
		expect(getSuggestion(notes, 's1')).toMatchObject({ replacement: 'sat down' });
		expect(getSuggestion(notes, 's1')?.insertAt).toBeUndefined();

		expect(updateSuggestion(notes, 's1', { anchor: anchorOn('t'), insertAt: 'end' })).toBe(true);
		expect(getSuggestion(notes, 's1')).toMatchObject({ insertAt: 'end', anchor: { quote: 't' } });
		expect(updateSuggestion(notes, 's1', { anchor: anchorOn('sat'), insertAt: undefined })).toBe(
			true
		);
		expect(getSuggestion(notes, 's1')?.insertAt).toBeUndefined();

		// A line break is refused as a whole: nothing changes.
		expect(() => updateSuggestion(notes, 's1', { replacement: 'a\nb' })).toThrow();
		expect(getSuggestion(notes, 's1')?.replacement).toBe('sat down');
		expect(updateSuggestion(notes, 'nope', { replacement: 'x' })).toBe(false);
	});

	it('deletes a suggestion', () => {
		const notes = notesWithSuggestion();
		expect(deleteSuggestion(notes, 's1')).toBe(true);
		expect(listSuggestions(notes)).toEqual([]);
		expect(deleteSuggestion(notes, 's1')).toBe(false);
	});
});
