import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readStoryText, writeStoryText } from '#shared/model/storyDoc';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { addMessage, getThread } from '#shared/review/notesDoc';
import { MAX_MESSAGES } from '#shared/review/types';
import { ReviewError } from '../../../../server/review/ReviewError';
import { ReviewService, type ReviewLimits } from '../../../../server/review/ReviewService';
import { StoryError } from '../../../../server/stories/StoryError';
import { startHarness, type Harness } from '../collab/collabHarness';

// The service against a real CollabServer (no sockets needed): what it writes goes through the
// rooms' update pipeline exactly as from the HTTP API.

const STORY = 'story-one';
const ana = { id: 'browser-1', name: 'Ana' };

let harness: Harness;
let existing: Set<string>;

beforeEach(async () => {
	harness = await startHarness();
	existing = new Set([STORY]);
	await harness.collab.withDocument(storyRoom(STORY), (doc) =>
		writeStoryText(doc, 'The cat sat on the mat.\n')
	);
});
afterEach(() => harness.dispose());

function service(limits: ReviewLimits = { threads: 10_000, suggestions: 10_000 }) {
	return new ReviewService({ exists: async (id) => existing.has(id) }, harness.collab, limits);
}

async function read<T>(room: string, fn: (doc: Y.Doc) => T): Promise<T> {
	const doc = await harness.collab.readDocument(room);
	try {
		return fn(doc);
	} finally {
		doc.destroy();
	}
}

/** What a rejected promise was rejected with, as `{ kind }` for review and story errors. */
async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ReviewError || error instanceof StoryError) return error.kind;
		throw error;
	}
	throw new Error('expected a rejection');
}

describe('ReviewService', () => {
	it('refuses threads and suggestions past the per-story limits', async () => {
		const reviews = service({ threads: 2, suggestions: 1 });
		const comment = { start: 4, end: 7, body: 'Cat?', author: ana };
		await reviews.createThread(STORY, comment);
		await reviews.createThread(STORY, comment);
		expect(await failure(reviews.createThread(STORY, comment))).toBe('too-many');
		await reviews.createSuggestion(STORY, { start: 8, end: 11, replacement: 'sits', author: ana });
		expect(
			await failure(
				reviews.createSuggestion(STORY, { start: 4, end: 7, replacement: 'dog', author: ana })
			)
		).toBe('too-many');
		expect(await reviews.listThreads(STORY)).toHaveLength(2);
		expect(await reviews.listSuggestions(STORY)).toHaveLength(1);
	});

	it('enforces the limits under concurrent requests', async () => {
		const reviews = service({ threads: 3, suggestions: 10 });
		const comment = { start: 4, end: 7, body: 'Cat?', author: ana };
		const results = await Promise.allSettled(
			Array.from({ length: 6 }, () => reviews.createThread(STORY, comment))
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
		expect(await reviews.listThreads(STORY)).toHaveLength(3);
	});

	it('refuses a reply past the most messages a thread can hold', async () => {
		const reviews = service();
		const id = await reviews.createThread(STORY, { start: 4, end: 7, body: 'One', author: ana });
		await harness.collab.withDocument(notesRoom(STORY), (notes) => {
			for (let index = 1; index < MAX_MESSAGES; index++) {
				addMessage(notes, id, {
					id: `m${index}`,
					author: ana,
					body: `Reply ${index}`,
					createdAt: '2026-11-22T04:00:00.000Z'
				});
			}
		});
		expect(await failure(reviews.reply(STORY, id, { body: 'One too many', author: ana }))).toBe(
			'too-many'
		);
		expect(await read(notesRoom(STORY), (notes) => getThread(notes, id)?.messages.length)).toBe(
			MAX_MESSAGES
		);
	});

	it('applies a suggestion once when it is accepted several times at once', async () => {
		const reviews = service();
		const id = await reviews.createSuggestion(STORY, {
			start: 19,
			end: 22,
			replacement: 'rug',
			author: ana
		});
		const results = await Promise.allSettled([
			reviews.accept(STORY, id),
			reviews.accept(STORY, id),
			reviews.reject(STORY, id),
			reviews.accept(STORY, id)
		]);
		expect(results.map((result) => result.status)).toEqual([
			'fulfilled',
			'rejected',
			'rejected',
			'rejected'
		]);
		for (const result of results.slice(1)) {
			expect(result.status === 'rejected' && (result.reason as ReviewError).kind).toBe(
				'suggestion-decided'
			);
		}
		expect(await read(storyRoom(STORY), readStoryText)).toBe('The cat sat on the rug.\n');
		expect((await reviews.getSuggestion(STORY, id)).status).toBe('accepted');
	});

	it('answers not-found for a story that does not exist or was deleted', async () => {
		const reviews = service();
		expect(await failure(reviews.listThreads('no-such-story'))).toBe('not-found');
		existing.delete(STORY);
		expect(
			await failure(reviews.createThread(STORY, { start: 4, end: 7, body: 'x', author: ana }))
		).toBe('not-found');
	});
});
