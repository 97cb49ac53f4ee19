import * as Y from 'yjs';
import { SUGGESTIONS_MAP, THREADS_MAP } from '#shared/review/notesDoc';
import { parseSuggestion, parseThread } from '#shared/review/types';
import type { StoredSuggestion, StoredThread } from '#shared/review/types';

/** A validated entry and the JSON it was read from (a cheap identity for "did it change"). */
export interface ReadEntry<T> {
	stored: T;
	json: string;
}

interface MapReader<T> {
	map: Y.Map<unknown>;
	parse: (value: unknown) => T | null;
	cache: Map<string, ReadEntry<T> | null>;
	dirty: Set<string>;
	observer: (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => void;
}

/**
 * Reads the threads and suggestions of a notes document, re-validating only the entries that
 * changed since the last read. Every entry is validated once (any client can write junk), but a
 * reply or a suggestion growing keystroke by keystroke costs one entry, not hundreds.
 */
export class NotesReader {
	readonly #threads: MapReader<StoredThread>;
	readonly #suggestions: MapReader<StoredSuggestion>;

	constructor(notes: Y.Doc, onChange: () => void) {
		this.#threads = this.#watch(notes.getMap(THREADS_MAP), parseThread, onChange);
		this.#suggestions = this.#watch(notes.getMap(SUGGESTIONS_MAP), parseSuggestion, onChange);
	}

	threads(): Array<ReadEntry<StoredThread>> {
		return this.#read(this.#threads);
	}

	suggestions(): Array<ReadEntry<StoredSuggestion>> {
		return this.#read(this.#suggestions);
	}

	/**
	 * The entries changed since they were last read, with the JSON they hold now (null: gone
	 * or not valid), without reading any other; they stay to be read.
	 */
	unread(): Array<{ id: string; json: string | null }> {
		const entries: Array<{ id: string; json: string | null }> = [];
		for (const reader of [this.#threads, this.#suggestions] as Array<MapReader<unknown>>) {
			for (const id of reader.dirty) {
				const value = reader.map.get(id);
				const json = value instanceof Y.Map ? value.toJSON() : null;
				const stored = json === null ? null : (reader.parse(json) as { id: string } | null);
				entries.push({ id, json: stored?.id === id ? JSON.stringify(json) : null });
			}
		}
		return entries;
	}

	destroy(): void {
		for (const reader of [this.#threads, this.#suggestions] as Array<MapReader<unknown>>) {
			reader.map.unobserveDeep(reader.observer);
		}
	}

	#watch<T>(map: Y.Map<unknown>, parse: (value: unknown) => T | null, onChange: () => void) {
		const reader: MapReader<T> = {
			map,
			parse,
			cache: new Map(),
			dirty: new Set(),
			observer: (events) => {
				for (const event of events) {
					// A change inside an entry names the entry first in its path; a change of the
					// map itself lists the keys it added, replaced or deleted.
					const key = event.path[0];
					if (typeof key === 'string') reader.dirty.add(key);
					else for (const changed of event.changes.keys.keys()) reader.dirty.add(changed);
				}
				onChange();
			}
		};
		map.observeDeep(reader.observer);
		return reader;
	}

	#read<T>(reader: MapReader<T>): Array<ReadEntry<T>> {
		const entries: Array<ReadEntry<T>> = [];
		const next = new Map<string, ReadEntry<T> | null>();
		for (const [key, value] of reader.map.entries()) {
			let entry = reader.dirty.has(key) ? undefined : reader.cache.get(key);
			if (entry === undefined) {
				const json = value instanceof Y.Map ? value.toJSON() : null;
				const stored = json === null ? null : reader.parse(json);
				// An entry filed under another id would shadow or duplicate a real one.
				const valid = stored !== null && (stored as { id: string }).id === key;
				entry = valid ? { stored, json: JSON.stringify(json) } : null;
			}
			next.set(key, entry);
			if (entry) entries.push(entry);
		}
		reader.cache = next;
		reader.dirty.clear();
		return entries;
	}
}
