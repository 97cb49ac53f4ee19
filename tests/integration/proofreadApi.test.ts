import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { notesRoom } from '#shared/protocol/rooms';
import { addDictionaryWord, ignoreFlag } from '#shared/proofing/storyDictionary';
import { setLocale } from '#shared/proofing/storySettings';
import type { Flag } from '#shared/proofing/types';
import { CAROL } from '../helpers/reviewNotes';
import { createStory, exportText } from '../helpers/stories';
import { startServer, type RunningServer } from '../helpers/startServer';
import { connectClient, synced, type Client } from '../helpers/wsClients';
import { ownerOf } from '../helpers/links';
import { api } from '../helpers/apiClient';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

const TEXT = 'Buffy was taller then Willow.\n\nShe recieved a grumbish letter.\n';

async function proofread(id: string): Promise<Flag[]> {
	const answer = await api(server).as(ownerOf(id)).get(`/api/stories/${id}/proofread`);
	expect(answer.status, JSON.stringify(answer.body)).toBe(200);
	return answer.body.flags as Flag[];
}

/** Runs `write` on a live copy of the story's notes, as a browser would; returns once stored. */
async function withNotes(id: string, write: (client: Client) => void): Promise<void> {
	const client = connectClient(server.wsUrl, notesRoom(id));
	try {
		await synced(client);
		write(client);
		const written = Y.getState(client.doc.store, client.doc.clientID);
		const check = connectClient(server.wsUrl, notesRoom(id));
		try {
			await vi.waitFor(
				() => {
					if (Y.getState(check.doc.store, client.doc.clientID) < written) {
						throw new Error('not stored yet');
					}
				},
				{ timeout: 10_000 }
			);
		} finally {
			check.destroy();
		}
	} finally {
		client.destroy();
	}
}

describe('GET /api/stories/:id/proofread', () => {
	it('flags errors with offsets into the txt export', async () => {
		const id = await createStory(server.url, 'Proofread', TEXT);
		const text = await exportText(server.url, id);
		expect(text).toBe(TEXT);
		const flags = await proofread(id);
		const then = flags.find((flag) => flag.kind === 'confusion');
		expect(then).toMatchObject({
			start: TEXT.indexOf('then'),
			end: TEXT.indexOf('then') + 4,
			suggestions: ['than'],
			message: expect.any(String)
		});
		const spelling = flags.filter((flag) => flag.kind === 'spelling');
		expect(spelling.map((flag) => text.slice(flag.start, flag.end))).toEqual([
			'recieved',
			'grumbish'
		]);
		expect(spelling[0]!.suggestions[0]).toBe('received');
		for (const flag of flags) {
			expect(Object.keys(flag).sort()).toEqual(
				['confidence', 'end', 'kind', 'message', 'rule', 'start', 'suggestions'].sort()
			);
			expect(['likely', 'possible']).toContain(flag.confidence);
		}
	});

	it('filters by ?confidence= and refuses an unknown level', async () => {
		const id = await createStory(server.url, 'Confidence', TEXT);
		const all = await proofread(id);
		const owner = api(server).as(ownerOf(id));
		const likely = await owner.get(`/api/stories/${id}/proofread?confidence=likely`);
		expect(likely.status).toBe(200);
		const sure = likely.body.flags as Flag[];
		expect(sure).toEqual(all.filter((flag) => flag.confidence === 'likely'));
		expect(sure.map((flag) => flag.kind)).toContain('confusion');
		const possible = await owner.get(`/api/stories/${id}/proofread?confidence=possible`);
		expect(possible.body.flags).toEqual(all);
		const bad = await owner.get(`/api/stories/${id}/proofread?confidence=maybe`);
		expect(bad.status).toBe(400);
	});

	it('honours the story dictionary and ignores written live to notes:<id>', async () => {
		const id = await createStory(server.url, 'Dictionary', TEXT);
		const text = await exportText(server.url, id);
		const before = await proofread(id);
		const then = before.find((flag) => flag.kind === 'confusion')!;
		await withNotes(id, ({ doc }) => {
			addDictionaryWord(doc, 'grumbish', CAROL);
			ignoreFlag(doc, text, then, CAROL);
		});
		await vi.waitFor(
			async () => {
				const after = await proofread(id);
				const flagged = after.map((flag) => text.slice(flag.start, flag.end));
				expect(flagged).toEqual(['recieved']);
			},
			{ timeout: 10_000, interval: 100 }
		);
	});

	it('uses the locale the story chose', async () => {
		const id = await createStory(server.url, 'Colour', 'The colour of the sky.\n');
		const flagged = async () => (await proofread(id)).map((flag) => flag.kind);
		expect(await flagged()).toEqual(['spelling']);
		await withNotes(id, ({ doc }) => setLocale(doc, 'en-GB'));
		await vi.waitFor(async () => expect(await flagged()).toEqual([]), {
			timeout: 10_000,
			interval: 100
		});
	});

	it('answers 401 for an unknown story (no link to it can exist)', async () => {
		const answer = await api(server).anonymous().get('/api/stories/nope/proofread');
		expect(answer.status).toBe(401);
		expect(answer.body.error.code).toBe('unauthorized');
	});

	it('serves the Hunspell files for the browser worker, cacheable', async () => {
		// Public files: no link needed.
		const anyone = api(server).anonymous();
		const response = await anyone.raw('/api/proofing/dictionaries/en-GB/index.aff');
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toMatch(/max-age=\d{6,}/);
		expect(await response.text()).toContain('SFX');
		const etag = response.headers.get('etag')!;
		const again = await anyone.raw('/api/proofing/dictionaries/en-GB/index.aff', {
			headers: { 'if-none-match': etag }
		});
		expect(again.status).toBe(304);
		const bad = await anyone.raw('/api/proofing/dictionaries/fr/index.aff');
		expect(bad.status).toBe(404);
	});
});
