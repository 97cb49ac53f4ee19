/**
 * What checking story updates against the schema costs the server (issue 10): every keystroke of
 * an editor is decoded and validated (validateUpdate, as before) and then its new items are
 * placed and checked (StoryShapeGuard). Measured per keystroke on a 50,000-word story, and for
 * 200 typists each typing in their own paragraph, with and without the shape check in the same
 * run, so the difference is the check's.
 *
 *   npm run bench:guard
 */
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { writeStoryText } from '#shared/model/storyDoc';
import { StoryShapeGuard } from '../../server/collab/StoryShapeGuard';
import { validateUpdate } from '../../server/collab/validateUpdate';

const WORDS = 50_000;
const KEYSTROKES = 2_000;
const TYPISTS = 200;
const KEYS_PER_TYPIST = 20;

const paragraphs: string[] = [];
for (let word = 0; word < WORDS; word += 100) {
	paragraphs.push(Array.from({ length: 100 }, (_, i) => `word${(word + i) % 997}`).join(' ') + '.');
}
const seed = new Y.Doc();
writeStoryText(seed, paragraphs.join('\n\n'));
const seedState = Y.encodeStateAsUpdate(seed);

function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
	return (doc.getXmlFragment(STORY_FIELD).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

interface Timing {
	validate: number[];
	shape: number[];
}

/**
 * Keystrokes from `typists` clients, round-robin, each into its own paragraph (with a bold word now
 * and then), validated and shape-checked as the room does, then applied as the room does.
 */
function run(typists: number, keysEach: number, withShape: boolean): Timing {
	const server = new Y.Doc();
	Y.applyUpdate(server, seedState);
	const guard = new StoryShapeGuard(server);
	// One local copy types for everyone: each typist is a client id of its own (switched before
	// each keystroke), writing into its own paragraph, exactly as their browsers would.
	const client = new Y.Doc();
	Y.applyUpdate(client, seedState);
	const ids = Array.from({ length: typists }, (_, index) => 1_000 + index);
	const timing: Timing = { validate: [], shape: [] };
	for (let key = 0; key < keysEach; key++) {
		ids.forEach((id, index) => {
			client.clientID = id;
			const before = Y.encodeStateVector(client);
			const text = paragraphText(client, (index * 7) % paragraphs.length);
			if (key % 10 === 9) text.format(0, 4, { bold: {} });
			else text.insert(text.length - 1, 'e');
			const update = Y.encodeStateAsUpdate(client, before);
			let started = performance.now();
			const check = validateUpdate(update, server, null);
			timing.validate.push(performance.now() - started);
			if (!check.ok) throw new Error(`refused: ${check.reason}`);
			if (withShape) {
				started = performance.now();
				const shape = guard.check(check.structs);
				timing.shape.push(performance.now() - started);
				if (!shape.ok) throw new Error(`refused: ${shape.reason}`);
				shape.commit();
			}
			Y.applyUpdate(server, update);
		});
	}
	return timing;
}

function summary(times: number[]): string {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (share: number) =>
		sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
	const total = times.reduce((sum, time) => sum + time, 0);
	return `p50 ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms, max ${at(1).toFixed(2)} ms, total ${total.toFixed(0)} ms`;
}

run(1, 200, true); // warm up the JIT for both paths

const single = run(1, KEYSTROKES, true);
console.log(
	`story shape check, one editor typing on ${WORDS.toLocaleString('en')} words ` +
		`(${(seedState.byteLength / 1024).toFixed(0)} KB), ${KEYSTROKES} keystrokes:\n` +
		`  validateUpdate      ${summary(single.validate)}\n` +
		`  + StoryShapeGuard   ${summary(single.shape)}   (aim: p95 < 0.5 ms)`
);

for (const withShape of [false, true]) {
	const started = performance.now();
	const timing = run(TYPISTS, KEYS_PER_TYPIST, withShape);
	const server = timing.validate.map((time, index) => time + (timing.shape[index] ?? 0));
	console.log(
		`${TYPISTS} typists x ${KEYS_PER_TYPIST} keys, ${withShape ? 'with' : 'without'} the shape check: ` +
			`server checks per update ${summary(server)} (whole run ${((performance.now() - started) / 1000).toFixed(1)} s)`
	);
}
console.log(
	'The 200-typist load over real sockets is `npm run bench`; the check adds the per-update cost above to each of its updates.'
);
