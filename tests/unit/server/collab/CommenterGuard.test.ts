import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeStoryText } from '#shared/model/storyDoc';
import { createAnchor } from '#shared/review/anchors';
import {
	addMessage,
	addSuggestion,
	addThread,
	reanchorThread,
	setSuggestionStatus,
	setThreadStatus,
	updateSuggestion
} from '#shared/review/notesDoc';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';
import type { Author } from '#shared/review/types';
import { CommenterGuard } from '../../../../server/collab/reviewGuard';

const MAYA: Author = { id: 'link-maya', name: 'Maya' };
const CAROL: Author = { id: 'link-carol', name: 'Carol' };
const maya = { id: MAYA.id, names: new Set([MAYA.name]) };
const now = () => new Date().toISOString();

/** A room's notes as the server holds them, a guard on them, and a commenter's client copy. */
function setup() {
	const story = new Y.Doc();
	writeStoryText(story, 'The boats came in at dusk. Nobody waited on the quay.\n');
	const live = new Y.Doc();
	const queued: Uint8Array[] = [];
	const guard = new CommenterGuard(() => ({ doc: live, unapplied: queued }));
	const client = new Y.Doc();
	/** What the server does with an accepted update: the guard hears of it, the doc gets it. */
	const accept = (update: Uint8Array) => {
		guard.accepted(update);
		Y.applyUpdate(live, update);
		Y.applyUpdate(client, update);
	};
	/** A change made on the commenter's copy, as the update it sends; null when accepted. */
	const commenter = (change: (doc: Y.Doc) => void): string | null => {
		const before = Y.encodeStateVector(client);
		change(client);
		const update = Y.encodeStateAsUpdate(client, before);
		const refusal = guard.check(update, maya);
		// Refused: the server closes the connection (this copy is not used again).
		if (refusal) return refusal;
		accept(update);
		return null;
	};
	/** A change by an editor (not checked), written straight into the room. */
	const editor = (change: (doc: Y.Doc) => void) => {
		const draft = new Y.Doc();
		Y.applyUpdate(draft, Y.encodeStateAsUpdate(live));
		const before = Y.encodeStateVector(draft);
		change(draft);
		accept(Y.encodeStateAsUpdate(draft, before));
	};
	const thread = (id: string, author: Author) => ({
		id,
		status: 'open' as const,
		anchor: createAnchor(story, 4, 9),
		messages: [{ id: `${id}-1`, author, body: 'Which boats?', createdAt: now() }],
		createdAt: now()
	});
	const suggestion = (id: string, author: Author) => ({
		id,
		status: 'open' as const,
		anchor: suggestionAnchor(story, 10, 14).anchor,
		replacement: 'came',
		author,
		createdAt: now()
	});
	return { guard, live, client, commenter, editor, thread, suggestion, story };
}

describe('CommenterGuard', () => {
	it('lets a commenter write, reply to, resolve and withdraw what is theirs', () => {
		const room = setup();
		expect(room.commenter((doc) => addThread(doc, room.thread('t1', MAYA)))).toBeNull();
		expect(
			room.commenter((doc) =>
				addMessage(doc, 't1', {
					id: 't1-2',
					author: MAYA,
					body: 'Ah, the ferries.',
					createdAt: now()
				})
			)
		).toBeNull();
		expect(room.commenter((doc) => setThreadStatus(doc, 't1', 'resolved'))).toBeNull();
		expect(room.commenter((doc) => addSuggestion(doc, room.suggestion('s1', MAYA)))).toBeNull();
		expect(
			room.commenter((doc) => updateSuggestion(doc, 's1', { replacement: 'sailed' }))
		).toBeNull();
	});

	it('refuses writing as someone else, or as oneself under another name', () => {
		const room = setup();
		expect(room.commenter((doc) => addThread(doc, room.thread('t1', CAROL)))).toBe(
			'that author is someone else'
		);
		const renamed = setup();
		expect(
			renamed.commenter((doc) => addThread(doc, renamed.thread('t2', { id: MAYA.id, name: 'Ed' })))
		).toBe('that author is someone else');
	});

	it('knows what an editor wrote, so a commenter cannot change it', () => {
		const room = setup();
		room.editor((doc) => addThread(doc, room.thread('carol', CAROL)));
		room.editor((doc) => addSuggestion(doc, room.suggestion('carol-s', CAROL)));
		// Checked once: the shadow is built from the room, later updates keep it in step.
		expect(room.commenter((doc) => addThread(doc, room.thread('mine', MAYA)))).toBeNull();
		room.editor((doc) =>
			addMessage(doc, 'mine', { id: 'mine-2', author: CAROL, body: 'Agreed.', createdAt: now() })
		);
		const again = (change: (doc: Y.Doc) => void) => {
			const client = new Y.Doc();
			Y.applyUpdate(client, Y.encodeStateAsUpdate(room.live));
			const before = Y.encodeStateVector(client);
			change(client);
			return room.guard.check(Y.encodeStateAsUpdate(client, before), maya);
		};
		expect(again((doc) => setThreadStatus(doc, 'carol', 'resolved'))).toBe('not your thread');
		expect(again((doc) => reanchorThread(doc, 'carol', createAnchor(room.story, 0, 3)))).toBe(
			'not your thread'
		);
		expect(
			again((doc) => setSuggestionStatus(doc, 'carol-s', 'accepted', { by: MAYA, at: now() }))
		).toBe('a commenter may not accept or reject suggestions');
		expect(again((doc) => updateSuggestion(doc, 'carol-s', { replacement: 'x' }))).toBe(
			'not your suggestion'
		);
		// Carol's reply in Maya's thread is Carol's: Maya may not delete the thread with it.
		expect(again((doc) => doc.getMap('threads').delete('mine'))).toBe('not your thread');
		// After refusals the guard still judges correctly (it rebuilt its copy).
		expect(again((doc) => setThreadStatus(doc, 'mine', 'resolved'))).toBeNull();
	});
});
