import * as Y from 'yjs';
import {
	dictionaryEntrySchema,
	dictionaryWordSchema,
	DICTIONARY_MAP,
	ignoreKey,
	ignoreSchema,
	IGNORES_MAP,
	type DictionaryEntry,
	type Ignore
} from '#shared/proofing/storyDictionary';
import { LOCALE_KEY, localeSchema, SETTINGS_MAP } from '#shared/proofing/storySettings';
import { SUGGESTIONS_MAP, THREADS_MAP } from '#shared/review/notesDoc';
import {
	MAX_MESSAGES,
	messageSchema,
	storedSuggestionSchema,
	storedThreadSchema,
	type Message,
	type StoredSuggestion,
	type StoredThread
} from '#shared/review/types';

/*
 * One entry of the notes' root maps, read from a Yjs doc exactly as the review model writes it
 * (notesDoc, storyDictionary, storySettings): the right Yjs shape, every field valid per the
 * model's zod schema and nothing else (the value the schema gives back is the value stored), and
 * filed under its own key. Readers skip anything else, but it would still be stored and sent to
 * everyone, so the server refuses to let it in.
 */

/** A thread; `junk` lists its messages (as JSON) that are not valid, which readers skip. */
export interface ThreadEntry {
	value: StoredThread;
	junk: string[];
}

/** A dictionary word or ignore (in a box, like a thread: its value may be compared whole). */
export interface KeyedEntry<T> {
	value: T;
}

/** What is wrong with an entry that is there but not as the model writes it. */
export interface Invalid {
	invalid: string;
}

export interface NotesEntries {
	threads: Map<string, ThreadEntry>;
	suggestions: Map<string, StoredSuggestion>;
	dictionary: Map<string, KeyedEntry<DictionaryEntry>>;
	ignores: Map<string, KeyedEntry<Ignore>>;
	settings: Map<string, string>;
}

export type NotesRoot = keyof NotesEntries;

/** The notes' root maps under their names in the doc. */
export const NOTES_ROOTS: Readonly<Record<NotesRoot, string>> = {
	threads: THREADS_MAP,
	suggestions: SUGGESTIONS_MAP,
	dictionary: DICTIONARY_MAP,
	ignores: IGNORES_MAP,
	settings: SETTINGS_MAP
};

type Read<T> = T | Invalid | null;

export const isInvalid = (value: unknown): value is Invalid =>
	typeof value === 'object' && value !== null && 'invalid' in value;

export function emptyEntries(): NotesEntries {
	return {
		threads: new Map(),
		suggestions: new Map(),
		dictionary: new Map(),
		ignores: new Map(),
		settings: new Map()
	};
}

/** Every valid entry of `doc` (the guard's starting point). */
export function readAllEntries(doc: Y.Doc): NotesEntries {
	const entries = emptyEntries();
	for (const root of Object.keys(NOTES_ROOTS) as NotesRoot[]) {
		const map = doc.getMap<unknown>(NOTES_ROOTS[root]);
		const into = entries[root] as Map<string, unknown>;
		for (const key of map.keys()) {
			const entry = readEntry(root, map, key);
			if (entry && !isInvalid(entry)) into.set(key, entry);
		}
	}
	return entries;
}

/** An entry of `root`'s map, as cached. */
export type EntryOf<R extends NotesRoot> = NotesEntries[R] extends Map<string, infer T> ? T : never;

/** One entry as stored now: null when absent. */
export function readEntry<R extends NotesRoot>(
	root: R,
	map: Y.Map<unknown>,
	key: string
): Read<EntryOf<R>> {
	return readAny(root, map, key) as Read<EntryOf<R>>;
}

function readAny(root: NotesRoot, map: Y.Map<unknown>, key: string): Read<unknown> {
	if (!map.has(key)) return null;
	const value = map.get(key);
	switch (root) {
		case 'threads':
			return readThread(value, key);
		case 'suggestions':
			return readSuggestion(value, key);
		case 'dictionary': {
			if (!dictionaryWordSchema.safeParse(key).success) return invalid('not a dictionary word');
			const entry = canonical(dictionaryEntrySchema, value);
			return entry ? { value: entry } : invalid('a malformed word');
		}
		case 'ignores': {
			const entry = canonical(ignoreSchema, value);
			if (!entry) return invalid('a malformed ignore');
			if (ignoreKey(entry) !== key) return invalid('an ignore under another key');
			return { value: entry };
		}
		case 'settings':
			return key === LOCALE_KEY && canonical(localeSchema, value)
				? (value as string)
				: invalid('no such setting');
	}
}

function readThread(value: unknown, key: string): ThreadEntry | Invalid {
	if (!(value instanceof Y.Map)) return invalid('a thread is a map');
	for (const [field, fieldValue] of value.entries() as IterableIterator<[string, unknown]>) {
		if (field === 'messages') {
			if (!(fieldValue instanceof Y.Array)) return invalid('messages are a list');
			if (fieldValue.length > MAX_MESSAGES) return invalid('too many messages');
			for (const message of fieldValue) {
				if (message instanceof Y.AbstractType) return invalid('a message is plain data');
			}
		} else if (fieldValue instanceof Y.AbstractType) {
			return invalid('a thread’s fields are plain data');
		}
	}
	if (!(value.get('messages') instanceof Y.Array)) return invalid('messages are a list');
	const raw = value.toJSON() as Record<string, unknown> & { messages: unknown[] };
	const messages: Message[] = [];
	const junk: string[] = [];
	for (const message of raw.messages) {
		const valid = canonical(messageSchema, message);
		if (valid) messages.push(valid);
		else junk.push(JSON.stringify(message));
	}
	const thread = canonical(storedThreadSchema, { ...raw, messages });
	if (!thread || thread.id !== key) return invalid('a malformed thread');
	return { value: thread, junk };
}

function readSuggestion(value: unknown, key: string): StoredSuggestion | Invalid {
	if (!(value instanceof Y.Map)) return invalid('a suggestion is a map');
	for (const fieldValue of value.values() as IterableIterator<unknown>) {
		if (fieldValue instanceof Y.AbstractType)
			return invalid('a suggestion’s fields are plain data');
	}
	const suggestion = canonical(storedSuggestionSchema, value.toJSON());
	if (!suggestion || suggestion.id !== key) return invalid('a malformed suggestion');
	return suggestion;
}

/** The value `schema` gives back, when it is exactly `value` (nothing dropped or changed). */
function canonical<T>(
	schema: { safeParse(value: unknown): { success: boolean; data?: T } },
	value: unknown
): T | null {
	const parsed = schema.safeParse(value);
	return parsed.success && sameJson(value, parsed.data) ? (parsed.data as T) : null;
}

/** Deep equality of JSON values, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((item, index) => sameJson(item, b[index]));
	}
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(left);
	if (keys.length !== Object.keys(right).length) return false;
	return keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
}

const invalid = (reason: string): Invalid => ({ invalid: reason });
