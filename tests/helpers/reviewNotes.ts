import { vi } from 'vitest';
import type * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { anchorMaker, createAnchor } from '#shared/review/anchors';
import { addSuggestion, addThread, listSuggestions, listThreads } from '#shared/review/notesDoc';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';
import type { Author } from '#shared/review/types';
import { connectClient, synced } from './wsClients';

/** Writes threads and suggestions on a story, as another client would (see `seedReview`). */
export interface ReviewSeeder {
	/** The story's txt export when seeding began (what quotes are looked up in). */
	readonly text: string;
	/** A thread on the `nth` occurrence of `quote` with one message; returns its id. */
	thread(quote: string, body: string, options?: SeedOptions): string;
	/** A suggestion replacing the `nth` occurrence of `quote` by `replacement`; returns its id. */
	suggestion(quote: string, replacement: string, options?: SeedOptions): string;
}

export interface SeedOptions {
	author?: Author;
	nth?: number;
}

export const CAROL: Author = { id: 'seed-carol', name: 'Carol' };

/**
 * Seeds `notes:<id>` straight through a y-websocket client, anchored on a synced copy of the
 * story (not through the HTTP API), and returns once a fresh client reads everything back from
 * the server.
 */
export async function seedReview(
	wsUrl: string,
	storyId: string,
	build: (seeder: ReviewSeeder) => void
): Promise<void> {
	const story = connectClient(wsUrl, storyRoom(storyId));
	const notes = connectClient(wsUrl, notesRoom(storyId));
	try {
		await Promise.all([synced(story), synced(notes)]);
		const ids = buildSeed(story.doc, notes.doc, build);
		const check = connectClient(wsUrl, notesRoom(storyId));
		try {
			await vi.waitFor(
				() => {
					const stored = new Set([
						...listThreads(check.doc).map((thread) => thread.id),
						...listSuggestions(check.doc).map((suggestion) => suggestion.id)
					]);
					if (!ids.every((id) => stored.has(id))) throw new Error('seed not stored yet');
				},
				{ timeout: 10_000 }
			);
		} finally {
			check.destroy();
		}
	} finally {
		story.destroy();
		notes.destroy();
	}
}

let serial = 0;

function buildSeed(story: Y.Doc, notes: Y.Doc, build: (seeder: ReviewSeeder) => void): string[] {
	const text = readStoryText(story);
	const ids: string[] = [];
	// Distinct, increasing times keep the seeded items in the order they were written.
	const base = Date.now() - 60_000;
	const stamp = () => new Date(base + ids.length * 1000).toISOString();
	const find = (quote: string, nth = 0): number => {
		let at = -1;
		for (let seen = 0; seen <= nth; seen++) {
			at = text.indexOf(quote, at + 1);
			if (at < 0) throw new Error(`“${quote}” (#${nth}) is not in the story`);
		}
		return at;
	};
	build({
		text,
		thread(quote, body, options = {}) {
			const start = find(quote, options.nth);
			const id = `seed-thread-${++serial}`;
			const createdAt = stamp();
			addThread(notes, {
				id,
				status: 'open',
				anchor: createAnchor(story, start, start + quote.length),
				messages: [{ id: `${id}-m1`, author: options.author ?? CAROL, body, createdAt: createdAt }],
				createdAt
			});
			ids.push(id);
			return id;
		},
		suggestion(quote, replacement, options = {}) {
			const start = find(quote, options.nth);
			const place = suggestionAnchor(story, start, start + quote.length);
			const id = `seed-suggestion-${++serial}`;
			addSuggestion(notes, {
				id,
				status: 'open',
				anchor: place.anchor,
				...(place.insertAt && { insertAt: place.insertAt }),
				replacement,
				author: options.author ?? CAROL,
				createdAt: stamp()
			});
			ids.push(id);
			return id;
		}
	});
	return ids;
}

/**
 * Seeds `count` one-message threads, one on each of `count` words spread evenly through the
 * story (which needs at least that many words), in one transaction; returns their ids in text
 * order. Reads the story once for all the anchors, so ten thousand take well under a second.
 */
export async function seedManyThreads(
	wsUrl: string,
	storyId: string,
	count: number
): Promise<string[]> {
	const story = connectClient(wsUrl, storyRoom(storyId));
	const notes = connectClient(wsUrl, notesRoom(storyId));
	try {
		await Promise.all([synced(story), synced(notes)]);
		const text = readStoryText(story.doc);
		const words = [...text.matchAll(/\p{L}+/gu)];
		if (words.length < count) throw new Error(`${count} threads need ${count} words`);
		const anchorAt = anchorMaker(story.doc);
		const createdAt = new Date(Date.now() - 60_000).toISOString();
		const ids: string[] = [];
		notes.doc.transact(() => {
			for (let n = 0; n < count; n++) {
				const word = words[Math.floor((n * words.length) / count)]!;
				const id = `many-thread-${n}`;
				addThread(notes.doc, {
					id,
					status: 'open',
					anchor: anchorAt(word.index, word.index + word[0].length),
					messages: [{ id: `${id}-m1`, author: CAROL, body: `Remark ${n}.`, createdAt }],
					createdAt
				});
				ids.push(id);
			}
		});
		const check = connectClient(wsUrl, notesRoom(storyId));
		try {
			await vi.waitFor(
				() => {
					if (listThreads(check.doc).length < count) throw new Error('seed not stored yet');
				},
				{ timeout: 30_000, interval: 100 }
			);
		} finally {
			check.destroy();
		}
		return ids;
	} finally {
		story.destroy();
		notes.destroy();
	}
}
