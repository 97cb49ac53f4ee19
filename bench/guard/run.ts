/**
 * What checking a commenter's notes update costs the server (issue 6: the server checks every
 * change a commenter makes to `notes:<id>` against the review model). A commenter is always in
 * suggesting mode, so each keystroke is such an update: here one suggestion grows by a letter at
 * a time on a 50,000-word story with 200 threads and 200 suggestions.
 *
 *   npm run bench:guard
 */
import * as Y from 'yjs';
import { writeStoryText } from '#shared/model/storyDoc';
import { createAnchor } from '#shared/review/anchors';
import { addSuggestion, addThread, updateSuggestion } from '#shared/review/notesDoc';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';
import type { Author } from '#shared/review/types';
import { NotesGuard } from '../../server/collab/reviewGuard';

const WORDS = 50_000;
const ITEMS = 200;
const KEYSTROKES = 400;

const me: Author = { id: 'link-maya', name: 'Maya' };
const other: Author = { id: 'link-carol', name: 'Carol' };
const now = new Date().toISOString();

const paragraphs: string[] = [];
for (let word = 0; word < WORDS; word += 100) {
	paragraphs.push(Array.from({ length: 100 }, (_, i) => `word${(word + i) % 997}`).join(' ') + '.');
}
const story = new Y.Doc();
writeStoryText(story, paragraphs.join('\n\n'));

const notes = new Y.Doc();
for (let item = 0; item < ITEMS; item++) {
	const start = item * 1_500;
	addThread(notes, {
		id: `t${item}`,
		status: 'open',
		anchor: createAnchor(story, start, start + 5),
		messages: [{ id: `m${item}`, author: other, body: 'Is this right?', createdAt: now }],
		createdAt: now
	});
	addSuggestion(notes, {
		id: `s${item}`,
		status: 'open',
		anchor: suggestionAnchor(story, start + 700, start + 705).anchor,
		replacement: 'fix',
		author: item === 0 ? me : other,
		createdAt: now
	});
}

const client = new Y.Doc();
Y.applyUpdate(client, Y.encodeStateAsUpdate(notes));
const guard = new NotesGuard(() => ({ doc: notes, unapplied: [] }));
const identity = { id: me.id, names: new Set([me.name]) };

const times: number[] = [];
let replacement = 'fix';
for (let key = 0; key < KEYSTROKES; key++) {
	const before = Y.encodeStateVector(client);
	replacement += 'e';
	updateSuggestion(client, 's0', { replacement });
	const update = Y.encodeStateAsUpdate(client, before);
	const started = performance.now();
	const refusal = guard.check(update, identity);
	times.push(performance.now() - started);
	if (refusal) throw new Error(`refused: ${refusal}`);
	guard.accepted(update);
	Y.applyUpdate(notes, update);
}

// The first check builds the guard's copy of the notes; the rest are what typing costs.
const first = times.shift()!;
times.sort((a, b) => a - b);
const at = (share: number) => times[Math.min(times.length - 1, Math.floor(times.length * share))]!;
console.log(
	`commenter update check, ${ITEMS} threads + ${ITEMS} suggestions, ${WORDS.toLocaleString('en')} words, ` +
		`notes ${(Y.encodeStateAsUpdate(notes).byteLength / 1024).toFixed(0)} KB: ` +
		`first (builds the copy) ${first.toFixed(1)} ms, then p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, ` +
		`max ${at(1).toFixed(2)} ms over ${times.length} keystrokes`
);
