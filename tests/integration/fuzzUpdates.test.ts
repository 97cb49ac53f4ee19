import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { listThreads } from '#shared/review/notesDoc';
import { misshapenBlocks } from '../../server/collab/repairStory';
import { seededRandom } from '../../bench/seededRandom';
import { percentile, startCanary } from '../../bench/canary';
import { tokenFor } from '../helpers/links';
import { randomEdit } from '../helpers/randomStoryEdits';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText } from '../helpers/stories';
import {
	closedWithin,
	connectClient,
	connectRaw,
	synced,
	updateMessage
} from '../helpers/wsClients';

// Random updates built from the story schema, valid and corrupted, sent from raw editor and
// commenter connections for a bounded time. After each round the stored story still fits the
// schema and a fresh client opens it with the text the export gives, and a canary room where
// two people type keeps its latency. The seed is printed, so a failure can be replayed with
// FUZZ_SEED=<seed>.

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 30_000);

let server: RunningServer;
let storyId: string;
let canaryId: string;

beforeAll(async () => {
	server = await startServer();
	storyId = await createStory(server.url, 'Fuzzed', 'First lines.\n\nSecond lines.\n');
	canaryId = await createStory(server.url, 'Canary', 'Typed into all along.\n');
});

afterAll(async () => {
	await server?.dispose();
});

/** The story as a fresh client receives it. */
async function freshCopy(room = storyRoom(storyId)): Promise<Y.Doc> {
	const reader = connectClient(server.wsUrl, room, new Y.Doc(), tokenFor(storyId, 'owner'));
	await synced(reader);
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
	reader.destroy();
	return copy;
}

/**
 * Sends one update on a new raw connection; resolves once it is closed or has had its chance (a
 * raw client gets no word that an update was taken, so an open connection after 150 ms counts).
 */
async function send(room: string, token: string, update: Uint8Array): Promise<number | null> {
	const raw = await connectRaw(server.wsUrl, room, token);
	raw.ws.send(updateMessage(update));
	const closed = await closedWithin(raw, 150);
	raw.ws.terminate();
	return closed?.code ?? null;
}

describe(`fuzzed updates (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
	it(
		'never stores what does not fit, never loses what does, and never stalls another room',
		async () => {
			const random = seededRandom(SEED);
			const canary = startCanary(server.wsUrl, canaryId, tokenFor(canaryId, 'editor'));
			const editor = tokenFor(storyId, 'editor');
			const commenter = tokenFor(storyId, 'commenter');
			const tally = { sent: 0, refused: 0, accepted: 0, validRefused: [] as string[] };
			const started = performance.now();
			let base = await freshCopy();
			let round = 0;
			while (performance.now() - started < BUDGET_MS) {
				round++;
				const edit = randomEdit(base, random);
				const asCommenter = random() < 0.1;
				const room = asCommenter && random() < 0.5 ? notesRoom(storyId) : storyRoom(storyId);
				const textBefore = asCommenter ? await exportText(server.url, storyId) : null;
				const code = await send(room, asCommenter ? commenter : editor, edit.update);
				tally.sent++;
				if (code === null) tally.accepted++;
				else tally.refused++;
				const changesSomething = edit.update.length > 2; // [0, 0]: no structs, no deletions
				if (room === storyRoom(storyId) && changesSomething) {
					// A commenter never changes the text (a deletion of what is gone changes nothing).
					if (asCommenter) {
						expect(await exportText(server.url, storyId), `${edit.name} as a commenter`).toBe(
							textBefore
						);
					}
					if (edit.valid === false) expect(code, `${edit.name} (round ${round})`).not.toBeNull();
					if (edit.valid === true && !asCommenter && code !== null) {
						tally.validRefused.push(`${edit.name}: ${code}`);
					}
				}
				if (round % 10 === 0) {
					base = await freshCopy();
					expect(misshapenBlocks(base), `round ${round}`).toEqual([]);
					expect(readStoryText(base)).toBe(await exportText(server.url, storyId));
					const notes = await freshCopy(notesRoom(storyId));
					expect(() => listThreads(notes)).not.toThrow();
				}
			}
			canary.stop();
			expect(tally.validRefused).toEqual([]);
			expect(tally.accepted).toBeGreaterThan(0);
			expect(tally.refused).toBeGreaterThan(0);
			console.log(
				`fuzz seed ${SEED}: ${tally.sent} updates in ${round} rounds, ${tally.refused} refused; ` +
					`canary p50 ${percentile(canary.latencies, 50).toFixed(0)} ms, ` +
					`p95 ${percentile(canary.latencies, 95).toFixed(0)} ms, ` +
					`max ${Math.max(...canary.latencies).toFixed(0)} ms (${canary.latencies.length} edits)`
			);
			expect(canary.latencies.length).toBeGreaterThan(BUDGET_MS / 400);
			expect(percentile(canary.latencies, 95)).toBeLessThan(500);

			// What was stored reads back the same after a restart.
			const before = await exportText(server.url, storyId);
			await server.kill('SIGKILL');
			await server.restart();
			expect(await exportText(server.url, storyId)).toBe(before);
			expect(misshapenBlocks(await freshCopy())).toEqual([]);
		},
		BUDGET_MS + 60_000
	);
});
