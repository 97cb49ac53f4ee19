import { randomBytes } from 'node:crypto';
import type { BenchServer } from './servers.ts';
import { BENCH_ADMIN_TOKEN } from './servers.ts';
import { storyDocUpdate } from './storyDoc.ts';

/** The rooms of one run and how clients get the story into them. */
export interface PreparedRooms {
	names: string[];
	/**
	 * For the reference server (no importer): the story's Yjs state, which every client carries and
	 * offers in its handshake. Undefined for ours, where the story was imported over HTTP.
	 */
	seed?: Uint8Array;
}

/** Creates one story through POST /api/stories (text/plain body); returns its id. */
async function createStory(httpUrl: string, text: string, title: string): Promise<string> {
	const response = await fetch(`${httpUrl}/api/stories?title=${encodeURIComponent(title)}`, {
		method: 'POST',
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			authorization: `Bearer ${BENCH_ADMIN_TOKEN}`
		},
		body: text
	});
	const body = (await response.json().catch(() => null)) as {
		stories?: { id: string }[];
	} | null;
	const id = body?.stories?.[0]?.id;
	if (response.status !== 201 || !id) {
		throw new Error(`POST /api/stories answered ${response.status}: ${JSON.stringify(body)}`);
	}
	return id;
}

/**
 * Makes `count` rooms holding `text`. Ours only opens rooms of stories that exist, so the stories
 * are created first (a few requests in parallel); the reference accepts any room name.
 */
export async function prepareRooms(
	server: BenchServer,
	count: number,
	text: string,
	concurrency = 8
): Promise<PreparedRooms> {
	if (server.kind === 'reference') {
		const run = randomBytes(4).toString('hex');
		return {
			names: Array.from({ length: count }, (_, i) => `story:bench${run}${i}`),
			seed: storyDocUpdate(text)
		};
	}
	const names = new Array<string>(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const i = next++;
			names[i] = `story:${await createStory(server.httpUrl, text, `Bench ${i + 1}`)}`;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return { names };
}
