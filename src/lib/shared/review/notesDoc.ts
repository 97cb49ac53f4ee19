import * as Y from 'yjs';
import {
	messageSchema,
	parseSuggestion,
	parseThread,
	storedSuggestionSchema,
	storedThreadSchema,
	storedAnchorSchema,
	authorSchema,
	type Author,
	type Message,
	type StoredAnchor,
	type StoredSuggestion,
	type StoredSuggestionStatus,
	type StoredThread,
	type ThreadStatus
} from '#shared/review/types';

/** Y.Map in `notes:<id>` of thread id → thread (a Y.Map, see below). */
export const THREADS_MAP = 'threads';
/** Y.Map in `notes:<id>` of suggestion id → suggestion (a Y.Map of its fields). */
export const SUGGESTIONS_MAP = 'suggestions';

/*
 * Layout: every thread and suggestion is a Y.Map of its fields (plain JSON values), so two people
 * changing different fields at once both win; a thread's `messages` is a Y.Array of plain message
 * objects, so concurrent replies are all kept. Everything is validated on read: any client can
 * write anything into a shared map, and entries that do not parse are skipped.
 */

/** Stores a new thread (validated first; throws a ZodError when invalid or if the id is taken). */
export function addThread(notes: Y.Doc, thread: StoredThread): void {
	const valid = storedThreadSchema.parse(thread);
	const threads = notes.getMap<unknown>(THREADS_MAP);
	if (threads.has(valid.id)) throw new Error(`Thread ${valid.id} already exists`);
	notes.transact(() => {
		const entry = new Y.Map<unknown>();
		entry.set('id', valid.id);
		entry.set('status', valid.status);
		entry.set('anchor', valid.anchor);
		entry.set('createdAt', valid.createdAt);
		const messages = new Y.Array<Message>();
		messages.push(valid.messages);
		entry.set('messages', messages);
		threads.set(valid.id, entry);
	});
}

/** Appends a reply; false when the thread does not exist (or is malformed). */
export function addMessage(notes: Y.Doc, threadId: string, message: Message): boolean {
	const valid = messageSchema.parse(message);
	const messages = threadEntry(notes, threadId)?.get('messages');
	if (!(messages instanceof Y.Array)) return false;
	messages.push([valid]);
	return true;
}

/**
 * Changes a message's body and stamps `editedAt`; false when the thread or message does not
 * exist. Who may edit is the caller's decision (the author, checked by the UI and the server).
 */
export function editMessage(
	notes: Y.Doc,
	threadId: string,
	messageId: string,
	body: string,
	editedAt: string
): boolean {
	const messages = threadEntry(notes, threadId)?.get('messages');
	if (!(messages instanceof Y.Array)) return false;
	const index = findMessage(messages, messageId);
	if (index < 0) return false;
	const edited = messageSchema.parse({ ...(messages.get(index) as Message), body, editedAt });
	notes.transact(() => {
		messages.delete(index, 1);
		messages.insert(index, [edited]);
	});
	return true;
}

/**
 * Deletes one message; deleting the last one left deletes the thread. False when the thread or
 * message does not exist.
 */
export function deleteMessage(notes: Y.Doc, threadId: string, messageId: string): boolean {
	const messages = threadEntry(notes, threadId)?.get('messages');
	if (!(messages instanceof Y.Array)) return false;
	const index = findMessage(messages, messageId);
	if (index < 0) return false;
	notes.transact(() => {
		messages.delete(index, 1);
		if (messages.length === 0) notes.getMap(THREADS_MAP).delete(threadId);
	});
	return true;
}

/** Deletes a whole thread; false when it does not exist. */
export function deleteThread(notes: Y.Doc, threadId: string): boolean {
	const threads = notes.getMap<unknown>(THREADS_MAP);
	if (!threads.has(threadId)) return false;
	threads.delete(threadId);
	return true;
}

/** Moves a thread onto new words (a detached thread re-anchored to a new selection). */
export function reanchorThread(notes: Y.Doc, threadId: string, anchor: StoredAnchor): boolean {
	const entry = threadEntry(notes, threadId);
	if (!entry) return false;
	entry.set('anchor', storedAnchorSchema.parse(anchor));
	return true;
}

/** Resolves or reopens a thread; false when it does not exist. */
export function setThreadStatus(notes: Y.Doc, threadId: string, status: ThreadStatus): boolean {
	const entry = threadEntry(notes, threadId);
	if (!entry) return false;
	entry.set('status', storedThreadSchema.shape.status.parse(status));
	return true;
}

/** The valid threads, oldest first. */
export function listThreads(notes: Y.Doc): StoredThread[] {
	return readAll(notes.getMap<unknown>(THREADS_MAP), parseThread);
}

/** One valid thread, or null. */
export function getThread(notes: Y.Doc, threadId: string): StoredThread | null {
	const entry = threadEntry(notes, threadId);
	return entry ? parseThread(entry.toJSON()) : null;
}

/** Stores a new suggestion (validated first; throws when invalid or if the id is taken). */
export function addSuggestion(notes: Y.Doc, suggestion: StoredSuggestion): void {
	const valid = storedSuggestionSchema.parse(suggestion);
	const suggestions = notes.getMap<unknown>(SUGGESTIONS_MAP);
	if (suggestions.has(valid.id)) throw new Error(`Suggestion ${valid.id} already exists`);
	notes.transact(() => {
		const entry = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(valid)) entry.set(key, value);
		suggestions.set(valid.id, entry);
	});
}

/**
 * Accepts or rejects a suggestion (recording who and when), or reopens it; false when it does
 * not exist.
 */
export function setSuggestionStatus(
	notes: Y.Doc,
	suggestionId: string,
	status: StoredSuggestionStatus,
	decision?: { by: Author; at: string }
): boolean {
	const entry = suggestionEntry(notes, suggestionId);
	if (!entry) return false;
	const valid = storedSuggestionSchema.shape.status.parse(status);
	notes.transact(() => {
		entry.set('status', valid);
		if (decision && valid !== 'open') {
			entry.set('decidedBy', authorSchema.parse(decision.by));
			entry.set('decidedAt', storedSuggestionSchema.shape.createdAt.parse(decision.at));
		} else {
			entry.delete('decidedBy');
			entry.delete('decidedAt');
		}
	});
	return true;
}

/**
 * Grows or shrinks an open suggestion while its author keeps typing (suggesting mode): a new
 * anchor and/or replacement. Validated as a whole; false when it does not exist.
 */
export function updateSuggestion(
	notes: Y.Doc,
	suggestionId: string,
	change: Partial<Pick<StoredSuggestion, 'anchor' | 'replacement' | 'insertAt'>>
): boolean {
	const entry = suggestionEntry(notes, suggestionId);
	if (!entry) return false;
	const current = parseSuggestion(entry.toJSON())!;
	const next = storedSuggestionSchema.parse({ ...current, ...change });
	notes.transact(() => {
		entry.set('anchor', next.anchor);
		entry.set('replacement', next.replacement);
		if (next.insertAt) entry.set('insertAt', next.insertAt);
		else entry.delete('insertAt');
	});
	return true;
}

/** Withdraws a suggestion entirely; false when it does not exist. */
export function deleteSuggestion(notes: Y.Doc, suggestionId: string): boolean {
	const suggestions = notes.getMap<unknown>(SUGGESTIONS_MAP);
	if (!suggestions.has(suggestionId)) return false;
	suggestions.delete(suggestionId);
	return true;
}

/** The valid suggestions, oldest first. */
export function listSuggestions(notes: Y.Doc): StoredSuggestion[] {
	return readAll(notes.getMap<unknown>(SUGGESTIONS_MAP), parseSuggestion);
}

/** One valid suggestion, or null. */
export function getSuggestion(notes: Y.Doc, suggestionId: string): StoredSuggestion | null {
	const entry = suggestionEntry(notes, suggestionId);
	return entry ? parseSuggestion(entry.toJSON()) : null;
}

function suggestionEntry(notes: Y.Doc, suggestionId: string): Y.Map<unknown> | null {
	const entry = notes.getMap<unknown>(SUGGESTIONS_MAP).get(suggestionId);
	return entry instanceof Y.Map && parseSuggestion(entry.toJSON()) ? entry : null;
}

function findMessage(messages: Y.Array<unknown>, messageId: string): number {
	return messages
		.toArray()
		.findIndex((message) => messageSchema.safeParse(message).data?.id === messageId);
}

function threadEntry(notes: Y.Doc, threadId: string): Y.Map<unknown> | null {
	const entry = notes.getMap<unknown>(THREADS_MAP).get(threadId);
	return entry instanceof Y.Map && parseThread(entry.toJSON()) ? entry : null;
}

function readAll<T extends { id: string; createdAt: string }>(
	map: Y.Map<unknown>,
	parse: (value: unknown) => T | null
): T[] {
	const items: T[] = [];
	for (const [key, entry] of map.entries()) {
		if (!(entry instanceof Y.Map)) continue;
		const item = parse(entry.toJSON());
		// An entry filed under another id would shadow or duplicate a real one.
		if (item && item.id === key) items.push(item);
	}
	return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
