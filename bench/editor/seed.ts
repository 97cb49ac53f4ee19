import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { STORY_FIELD } from '#shared/model/schema';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { anchorMaker } from '#shared/review/anchors';
import { addSuggestion, addThread, listSuggestions, listThreads } from '#shared/review/notesDoc';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';
import type { Author, Message } from '#shared/review/types';
import { seededRandom } from '../seededRandom.ts';
import { BENCH_ADMIN_TOKEN } from '../collab/servers.ts';

const AUTHORS: Author[] = [
	{ id: 'bench-ada', name: 'Ada Quill' },
	{ id: 'bench-ben', name: 'Ben Marsh' },
	{ id: 'bench-cat', name: 'Cat Okafor' },
	{ id: 'bench-dev', name: 'Dev Lind' }
];

const REMARKS = [
	'Is this the word you want here?',
	'This sentence runs long; could it be split?',
	'Lovely line. Keep it.',
	'Earlier the lamp was in the kitchen, not the hall. Check continuity.',
	'Repetition with the paragraph before.',
	'I stumbled here on first reading — maybe a comma?',
	'Not sure the tense matches the rest of the chapter.'
];

export interface Room {
	doc: Y.Doc;
	provider: WebsocketProvider;
}

export function connect(wsBase: string, room: string): Room {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsBase, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: { token: BENCH_ADMIN_TOKEN }
	});
	return { doc, provider };
}

export function close(room: Room): void {
	room.provider.destroy();
	room.doc.destroy();
}

export async function waitUntil(
	check: () => boolean,
	what: string,
	timeoutMs = 60_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export interface SeedResult {
	threads: number;
	suggestions: number;
	/** Top-level blocks of the story (what the editor renders as its children). */
	blocks: number;
	/** Milliseconds spent making the anchors and notes (Node, not the browser). */
	seedMs: number;
}

/**
 * Writes `threads` comment threads and `suggestions` suggestions into `notes:<id>` through a
 * y-websocket client, spread evenly through the story and interleaved, anchored on a synced
 * copy of `story:<id>` with the app's own `createAnchor` / `suggestionAnchor`. Suggestions are
 * mostly one-word replacements, with some insertions and deletions; some threads have replies.
 * Returns once a fresh client reads all of them back from the server.
 */
export async function seedReview(
	wsBase: string,
	storyId: string,
	threads: number,
	suggestions: number
): Promise<SeedResult> {
	const story = connect(wsBase, storyRoom(storyId));
	const notes = connect(wsBase, notesRoom(storyId));
	try {
		await waitUntil(() => story.provider.synced && notes.provider.synced, 'the first sync');
		const started = performance.now();
		const text = readStoryText(story.doc);
		const next = seededRandom(11);
		const total = threads + suggestions;
		const base = Date.parse('2026-11-20T09:00:00.000Z');
		const stamp = (seconds: number) => new Date(base + seconds * 1000).toISOString();
		let madeThreads = 0;
		let madeSuggestions = 0;
		// The story does not change while seeding: read it once for all the threads' anchors.
		const anchorAt = anchorMaker(story.doc);
		notes.doc.transact(() => {
			for (let index = 0; index < total; index++) {
				// Evenly spread; threads and suggestions alternate while both are left.
				const { start, word } = wordAt(text, Math.floor(((index + 0.5) * text.length) / total));
				const wantThread =
					madeSuggestions >= suggestions || (madeThreads < threads && index % 2 === 0);
				const author = AUTHORS[index % AUTHORS.length]!;
				if (wantThread) {
					const id = `bench-thread-${madeThreads++}`;
					const words = wordsFrom(text, start, 1 + Math.floor(next() * 3));
					const messages: Message[] = [];
					const replies = next() < 0.25 ? 1 + Math.floor(next() * 3) : 0;
					for (let m = 0; m <= replies; m++) {
						messages.push({
							id: `${id}-m${m}`,
							author: AUTHORS[(index + m) % AUTHORS.length]!,
							body: REMARKS[Math.floor(next() * REMARKS.length)]!,
							createdAt: stamp(index * 60 + m)
						});
					}
					addThread(notes.doc, {
						id,
						status: 'open',
						anchor: anchorAt(start, start + words.length),
						messages,
						createdAt: stamp(index * 60)
					});
				} else {
					const id = `bench-suggestion-${madeSuggestions++}`;
					const kind = next();
					// 70 % replace a word, 15 % insert before it, 15 % delete it.
					const [from, to, replacement] =
						kind < 0.7
							? [start, start + word.length, replacementFor(word)]
							: kind < 0.85
								? [start, start, 'very ']
								: [start, start + word.length + 1, ''];
					const place = suggestionAnchor(story.doc, from, to);
					addSuggestion(notes.doc, {
						id,
						status: 'open',
						anchor: place.anchor,
						...(place.insertAt && { insertAt: place.insertAt }),
						replacement,
						author,
						createdAt: stamp(index * 60)
					});
				}
			}
		});
		const seedMs = performance.now() - started;

		const check = connect(wsBase, notesRoom(storyId));
		try {
			await waitUntil(
				() =>
					check.provider.synced &&
					listThreads(check.doc).length === madeThreads &&
					listSuggestions(check.doc).length === madeSuggestions,
				'the server to hold the seeded notes'
			);
		} finally {
			close(check);
		}
		return {
			threads: madeThreads,
			suggestions: madeSuggestions,
			blocks: story.doc.getXmlFragment(STORY_FIELD).length,
			seedMs
		};
	} finally {
		close(story);
		close(notes);
	}
}

/** The word starting at or after `offset` (letters only), and where it starts. */
function wordAt(text: string, offset: number): { start: number; word: string } {
	const pattern = /\b[A-Za-z]+\b/g;
	pattern.lastIndex = offset;
	const match = pattern.exec(text) ?? /\b[A-Za-z]+\b/.exec(text)!;
	return { start: match.index, word: match[0] };
}

/** `count` words from `start`, with what lies between them (within one paragraph). */
function wordsFrom(text: string, start: number, count: number): string {
	const paragraphEnd = text.indexOf('\n', start);
	const rest = text.slice(start, paragraphEnd < 0 ? undefined : paragraphEnd);
	const match = new RegExp(`^\\S+(?:\\s+\\S+){0,${count - 1}}`).exec(rest);
	return (match?.[0] ?? rest).replace(/[.?!,]+$/, '');
}

function replacementFor(word: string): string {
	const swaps: Record<string, string> = {
		the: 'that',
		a: 'one',
		was: 'is',
		had: 'has',
		said: 'says',
		into: 'onto',
		over: 'above',
		never: 'seldom',
		always: 'often'
	};
	const lower = word.toLowerCase();
	const swapped = swaps[lower] ?? `${lower}s`;
	return word[0] === word[0]!.toUpperCase()
		? swapped[0]!.toUpperCase() + swapped.slice(1)
		: swapped;
}
