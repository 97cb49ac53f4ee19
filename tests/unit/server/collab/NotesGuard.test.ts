import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeStoryText } from '#shared/model/storyDoc';
import { createAnchor } from '#shared/review/anchors';
import {
	addMessage,
	addSuggestion,
	addThread,
	editMessage,
	reanchorThread,
	setSuggestionStatus,
	setThreadStatus,
	updateSuggestion
} from '#shared/review/notesDoc';
import {
	addDictionaryWord,
	ignoreWord,
	removeDictionaryWord,
	removeIgnore,
	wordIgnoreKey
} from '#shared/proofing/storyDictionary';
import { setLocale } from '#shared/proofing/storySettings';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';
import type { Author } from '#shared/review/types';
import { NotesGuard, type NotesWriter } from '../../../../server/collab/reviewGuard';

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
	const clock = { now: Date.now() };
	const guard = new NotesGuard(() => ({ doc: live, unapplied: queued }), { now: () => clock.now });
	const client = new Y.Doc();
	/** What the server does with an accepted update: the guard hears of it, the doc gets it. */
	const accept = (update: Uint8Array) => {
		guard.accepted(update);
		Y.applyUpdate(live, update);
		Y.applyUpdate(client, update);
	};
	/** A change made on the commenter's copy, as the update it sends; null when accepted. */
	const commenter = (change: (doc: Y.Doc) => void, writer: NotesWriter = maya): string | null => {
		const before = Y.encodeStateVector(client);
		change(client);
		const update = Y.encodeStateAsUpdate(client, before);
		const refusal = guard.check(update, writer);
		// Refused: the server closes the connection (this copy is not used again).
		if (refusal) return refusal;
		accept(update);
		return null;
	};
	/** A change by an editor, written into the room (unchecked, as an old database holds it). */
	const editor = (change: (doc: Y.Doc) => void) => {
		const draft = new Y.Doc();
		Y.applyUpdate(draft, Y.encodeStateAsUpdate(live));
		const before = Y.encodeStateVector(draft);
		change(draft);
		accept(Y.encodeStateAsUpdate(draft, before));
	};
	/** A change by an editor, checked as the server checks it; null when accepted. */
	const checkedEditor = (change: (doc: Y.Doc) => void): string | null => {
		const draft = new Y.Doc();
		Y.applyUpdate(draft, Y.encodeStateAsUpdate(live));
		const before = Y.encodeStateVector(draft);
		change(draft);
		const update = Y.encodeStateAsUpdate(draft, before);
		const refusal = guard.check(update, {
			id: CAROL.id,
			names: new Set([CAROL.name]),
			role: 'editor'
		});
		if (!refusal) accept(update);
		return refusal;
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
	return {
		guard,
		live,
		client,
		clock,
		commenter,
		editor,
		checkedEditor,
		thread,
		suggestion,
		story
	};
}

describe('NotesGuard', () => {
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

	it('refuses new root types, list content in a root map and junk entries, from anyone', () => {
		const room = setup();
		expect(room.commenter((doc) => doc.getMap('threads2').set('x', 1))).toBe(
			'no such part of the notes'
		);
		expect(setup().checkedEditor((doc) => doc.getText('junk').insert(0, 'x'))).toBe(
			'no such part of the notes'
		);
		expect(setup().commenter((doc) => doc.getArray('threads').insert(0, [1]))).toBe(
			'threads holds only keyed entries'
		);
		const junk = setup();
		// A thread that parses but carries a field the model does not have.
		expect(
			junk.checkedEditor((doc) => {
				addThread(doc, junk.thread('t1', CAROL));
				(doc.getMap('threads').get('t1') as Y.Map<unknown>).set('extra', 'x'.repeat(1000));
			})
		).toMatch(/^threads “t1”: a malformed thread/);
		expect(setup().checkedEditor((doc) => doc.getMap('threads').set('t1', { id: 't1' }))).toMatch(
			/^threads “t1”: a thread is a map/
		);
		expect(setup().commenter((doc) => doc.getMap('suggestions').set('s1', new Y.Map()))).toMatch(
			/^suggestions “s1”: a malformed suggestion/
		);
		const filed = setup();
		expect(
			filed.commenter((doc) => {
				addThread(doc, filed.thread('t1', MAYA));
				const entry = doc.getMap('threads').get('t1') as Y.Map<unknown>;
				entry.set('id', 'elsewhere');
			})
		).toMatch(/a malformed thread/);
		expect(
			setup().commenter((doc) => doc.getMap('dictionary').set('Zorg', { addedBy: MAYA }))
		).toMatch(/^dictionary “Zorg”: a malformed word/);
		expect(setup().checkedEditor((doc) => doc.getMap('settings').set('theme', 'dark'))).toMatch(
			/no such setting/
		);
	});

	it('refuses a malformed message in a thread, but leaves old ones be', () => {
		const room = setup();
		expect(room.commenter((doc) => addThread(doc, room.thread('t1', MAYA)))).toBeNull();
		const messages = () =>
			(room.client.getMap('threads').get('t1') as Y.Map<unknown>).get('messages');
		const again = setup();
		expect(again.commenter((doc) => addThread(doc, again.thread('t1', MAYA)))).toBeNull();
		expect(
			again.commenter((doc) =>
				(
					(doc.getMap('threads').get('t1') as Y.Map<unknown>).get('messages') as Y.Array<unknown>
				).push([{ id: 'x', author: MAYA, body: 'no date' }])
			)
		).toBe('a malformed message');
		// A database from before this check may hold junk: replying next to it is fine.
		room.editor((doc) =>
			(
				(doc.getMap('threads').get('t1') as Y.Map<unknown>).get('messages') as Y.Array<unknown>
			).push([{ junk: true }])
		);
		expect(messages()).toBeInstanceOf(Y.Array);
		expect(
			room.commenter((doc) =>
				addMessage(doc, 't1', { id: 't1-2', author: MAYA, body: 'Still here.', createdAt: now() })
			)
		).toBeNull();
	});

	it('keeps the locale an editor’s setting', () => {
		const room = setup();
		expect(room.commenter((doc) => setLocale(doc, 'en-GB'))).toBe(
			'the story’s locale is an editor’s setting'
		);
		const editor = setup();
		expect(editor.checkedEditor((doc) => setLocale(doc, 'en-GB'))).toBeNull();
		expect(editor.checkedEditor((doc) => doc.getMap('settings').set('locale', 'fr-FR'))).toMatch(
			/no such setting/
		);
	});

	it('lets a commenter add and remove their own words and ignores, and no one else’s', () => {
		const room = setup();
		expect(room.commenter((doc) => addDictionaryWord(doc, 'Quayside', MAYA))).toBeNull();
		expect(room.commenter((doc) => ignoreWord(doc, 'dusk', MAYA))).toBeNull();
		expect(room.commenter((doc) => removeDictionaryWord(doc, 'Quayside'))).toBeNull();
		expect(room.commenter((doc) => removeIgnore(doc, wordIgnoreKey('dusk')))).toBeNull();
		expect(room.commenter((doc) => addDictionaryWord(doc, 'Ferryman', CAROL))).toBe(
			'that author is someone else'
		);
		expect(
			setup().commenter((doc) => addDictionaryWord(doc, 'Ferryman', { id: MAYA.id, name: 'Ed' }))
		).toBe('that author is someone else');

		const others = setup();
		others.editor((doc) => addDictionaryWord(doc, 'Carolsword', CAROL));
		others.editor((doc) => ignoreWord(doc, 'quay', CAROL));
		Y.applyUpdate(others.client, Y.encodeStateAsUpdate(others.live));
		expect(others.commenter((doc) => removeDictionaryWord(doc, 'Carolsword'))).toBe(
			'not your word'
		);
		const again = setup();
		again.editor((doc) => ignoreWord(doc, 'quay', CAROL));
		again.editor((doc) => addDictionaryWord(doc, 'Carolsword', CAROL));
		Y.applyUpdate(again.client, Y.encodeStateAsUpdate(again.live));
		expect(again.commenter((doc) => removeIgnore(doc, wordIgnoreKey('quay')))).toBe(
			'not your ignore'
		);
		const taken = setup();
		taken.editor((doc) => addDictionaryWord(doc, 'Carolsword', CAROL));
		Y.applyUpdate(taken.client, Y.encodeStateAsUpdate(taken.live));
		// Re-signing Carol's word as one's own would make it one's own to delete.
		expect(taken.commenter((doc) => addDictionaryWord(doc, 'Carolsword', MAYA))).toBe(
			'not your word'
		);
		// An editor may tidy the dictionary.
		expect(taken.checkedEditor((doc) => removeDictionaryWord(doc, 'Carolsword'))).toBeNull();
	});

	it('accepts times near the server’s clock and offline work since the link was made', () => {
		const room = setup();
		const linkMade = room.clock.now;
		const since = new Date(linkMade).toISOString();
		const offline = { ...maya, since };
		// Written a minute after the link was made, sent six hours later.
		const written = new Date(linkMade + 60_000).toISOString();
		room.clock.now = linkMade + 6 * 3_600_000;
		const thread = { ...room.thread('t1', MAYA), createdAt: written };
		thread.messages[0]!.createdAt = written;
		expect(room.commenter((doc) => addThread(doc, thread), offline)).toBeNull();
		expect(
			room.commenter(
				(doc) =>
					addDictionaryWord(doc, 'Quayside', MAYA, new Date(linkMade + 2 * 60_000).toISOString()),
				offline
			)
		).toBeNull();

		const future = setup();
		const late = { ...future.thread('t2', MAYA), createdAt: '2099-01-01T00:00:00.000Z' };
		expect(future.commenter((doc) => addThread(doc, late))).toBe(
			'a time far from the server’s clock'
		);
		const early = setup();
		const old = early.thread('t3', MAYA);
		old.messages[0]!.createdAt = new Date(early.clock.now - 3_600_000).toISOString();
		expect(
			early.commenter((doc) => addThread(doc, old), {
				...maya,
				since: new Date(early.clock.now).toISOString()
			})
		).toBe('a time far from the server’s clock');
		const ahead = setup();
		expect(
			ahead.commenter((doc) =>
				addDictionaryWord(
					doc,
					'Quayside',
					MAYA,
					new Date(ahead.clock.now + 3_600_000).toISOString()
				)
			)
		).toBe('a time far from the server’s clock');
		const editor = setup();
		editor.editor((doc) => addSuggestion(doc, editor.suggestion('s1', MAYA)));
		expect(
			editor.checkedEditor((doc) =>
				setSuggestionStatus(doc, 's1', 'accepted', { by: CAROL, at: '2099-01-01T00:00:00.000Z' })
			)
		).toBe('a time far from the server’s clock');
	});

	it('lets a commenter edit their own message days later, with a fresh edit time only', () => {
		const room = setup();
		expect(room.commenter((doc) => addThread(doc, room.thread('t1', MAYA)))).toBeNull();
		room.clock.now += 3 * 86_400_000;
		const edit = (editedAt: string) => (doc: Y.Doc) =>
			editMessage(doc, 't1', 't1-1', 'Which ferries?', editedAt);
		expect(room.commenter(edit(new Date(room.clock.now + 86_400_000).toISOString()))).toBe(
			'a time far from the server’s clock'
		);
		const again = setup();
		expect(again.commenter((doc) => addThread(doc, again.thread('t1', MAYA)))).toBeNull();
		again.clock.now += 3 * 86_400_000;
		expect(
			again.commenter((doc) =>
				editMessage(doc, 't1', 't1-1', 'Which ferries?', new Date(again.clock.now).toISOString())
			)
		).toBeNull();
	});
});
