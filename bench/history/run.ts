import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { DiffResponse, VersionListResponse, VersionSummary } from '#shared/api/types';
import { seededRandom } from '../seededRandom.ts';
import {
	BENCH_ADMIN_TOKEN,
	outDir,
	startServer,
	withBenchToken,
	type BenchServer
} from '../collab/servers.ts';
import { Typist } from './typist.ts';

// npm run bench:history — version history at the scale of issue 13: a 10,000-word story edited
// by 5 people for 50,000 keystrokes against the real server (durable SQLite), with automatic
// versions (VERSION_PAUSE_MS short, typing in bursts with pauses between them, and a named
// version every NAMED_EVERY keystrokes made while people type). Reports the bytes stored per
// version, the time to list versions, to diff the first and last version, to restore, and the
// typing latency (keystroke sent → seen by another client) with versioning on and off.
//
// HISTORY_KEYSTROKES, HISTORY_WORDS, HISTORY_PEOPLE change the size (defaults as the issue asks).

const WORDS = Number(process.env.HISTORY_WORDS ?? 10_000);
const PEOPLE = Number(process.env.HISTORY_PEOPLE ?? 5);
const KEYSTROKES = Number(process.env.HISTORY_KEYSTROKES ?? 50_000);
/** Keystrokes typed between pauses (all people together). */
const BURST = 1_000;
const PAUSE_MS = 150;
/** A named version asked for (over HTTP) while people type, every this many keystrokes. */
const NAMED_EVERY = 5_000;
/** All people together type this many keystrokes a second (about 60 wpm each, times 20). */
const KEYSTROKES_PER_SECOND = 1_000;
/** Keystrokes typed first, unmeasured, so both runs measure a warm server. */
const WARMUP = 2_000;

const VOCABULARY =
	'the harbour was quiet and rain fell on grey water while gulls circled over boats that came in at dusk she said nothing he waited by the old stone wall for a ship'.split(
		' '
	);

function storyText(words: number): string {
	const random = seededRandom(13);
	const paragraphs: string[] = [];
	let left = words;
	while (left > 0) {
		const length = Math.min(left, 40 + Math.floor(random() * 80));
		const paragraph = Array.from(
			{ length },
			() => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!
		).join(' ');
		paragraphs.push(paragraph.charAt(0).toUpperCase() + paragraph.slice(1) + '.');
		left -= length;
	}
	return paragraphs.join('\n\n') + '\n';
}

async function api<T>(server: BenchServer, route: string, init: RequestInit = {}): Promise<T> {
	const response = await fetch(`${server.httpUrl}${route}`, {
		...init,
		headers: {
			authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
			...(typeof init.body === 'string' && { 'content-type': 'application/json' }),
			...(init.headers as Record<string, string> | undefined)
		}
	});
	const body = await response.text();
	if (!response.ok) throw new Error(`${route}: ${response.status} ${body}`);
	return JSON.parse(body) as T;
}

async function timed<T>(times: number, run: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
	const ms: number[] = [];
	let last: T | undefined;
	for (let index = 0; index < times; index++) {
		const start = performance.now();
		last = await run();
		ms.push(performance.now() - start);
	}
	return { ms, last: last! };
}

function quantile(values: readonly number[], q: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

interface RunResult {
	versioning: boolean;
	latency: { p50: number; p95: number; p99: number; max: number; samples: number };
	typingSeconds: number;
	storyId: string;
	server: BenchServer;
}

/** Imports the story, connects the people and an observer, types KEYSTROKES in bursts. */
async function typeStory(versioning: boolean): Promise<RunResult> {
	process.env.VERSION_PAUSE_MS = versioning ? String(PAUSE_MS) : '0';
	const server = await startServer('ours');
	const imported = await fetch(`${server.httpUrl}/api/stories?title=Bench`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
			'content-type': 'text/plain; charset=utf-8'
		},
		body: storyText(WORDS)
	});
	const storyId = ((await imported.json()) as { stories: Array<{ id: string }> }).stories[0]!.id;
	const room = `${server.wsBase}/story:${storyId}`;
	const random = seededRandom(42);
	// Each person with a link of their own, so history names them.
	const people: Typist[] = [];
	for (let index = 0; index < PEOPLE; index++) {
		const link = await api<{ url: string }>(server, `/api/stories/${storyId}/links`, {
			method: 'POST',
			body: JSON.stringify({ role: 'editor', name: `Person ${index + 1}` })
		});
		const token = new URL(link.url).searchParams.get('token')!;
		people.push(
			new Typist(
				process.env.HISTORY_ADMIN
					? withBenchToken(room)
					: `${room}?token=${encodeURIComponent(token)}`,
				random
			)
		);
	}
	const observer = new Typist(withBenchToken(room), random);
	const sent = new Map<number, Map<number, number>>();
	const latencies: number[] = [];
	// The first keystrokes warm the server up (JIT); their latency is not counted.
	let counting = false;
	for (const person of people) {
		person.onSend = (client, clock, at) => {
			let clocks = sent.get(client);
			if (!clocks) sent.set(client, (clocks = new Map()));
			clocks.set(clock, at);
		};
	}
	observer.onUpdate = (update) => {
		const now = performance.now();
		const meta = Y.parseUpdateMeta(update);
		for (const [client, to] of meta.to) {
			const clocks = sent.get(client);
			if (!clocks) continue;
			for (let clock = meta.from.get(client) ?? 0; clock < to; clock++) {
				const at = clocks.get(clock);
				if (at === undefined) continue;
				if (counting) latencies.push(now - at);
				clocks.delete(clock);
			}
		}
	};
	await Promise.all([...people, observer].map((person) => person.connect()));
	for (let index = 0; index < WARMUP; index++) {
		people[index % PEOPLE]!.type();
		if (index % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 5));
	}
	await new Promise((resolve) => setTimeout(resolve, PAUSE_MS * 2));
	counting = true;

	const started = performance.now();
	const named: Array<Promise<unknown>> = [];
	const perTick = Math.max(1, Math.round(KEYSTROKES_PER_SECOND / 200));
	let typed = 0;
	// A pause first: the warm-up's automatic version is made before measuring starts.
	await new Promise((resolve) => setTimeout(resolve, PAUSE_MS * 2));
	while (typed < KEYSTROKES) {
		const burstEnd = Math.min(KEYSTROKES, typed + BURST);
		while (typed < burstEnd) {
			for (let index = 0; index < perTick && typed < burstEnd; index++, typed++) {
				people[typed % PEOPLE]!.type();
				if (versioning && typed > 0 && typed % NAMED_EVERY === 0) {
					named.push(
						api(server, `/api/stories/${storyId}/versions`, {
							method: 'POST',
							body: JSON.stringify({ name: `at ${typed} keystrokes` })
						})
					);
				}
			}
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		// A pause: long enough for an automatic version when versioning is on.
		await new Promise((resolve) => setTimeout(resolve, PAUSE_MS * 2));
	}
	await Promise.all(named);
	const typingSeconds = (performance.now() - started) / 1000;
	await new Promise((resolve) => setTimeout(resolve, 500));
	await Promise.all([...people, observer].map((person) => person.close()));
	return {
		versioning,
		storyId,
		server,
		typingSeconds,
		latency: {
			p50: round(quantile(latencies, 0.5), 2),
			p95: round(quantile(latencies, 0.95), 2),
			p99: round(quantile(latencies, 0.99), 2),
			max: round(Math.max(...latencies), 2),
			samples: latencies.length
		}
	};
}

async function main(): Promise<void> {
	console.log(
		`History bench: ${WORDS} words, ${PEOPLE} people, ${KEYSTROKES} keystrokes (bursts of ${BURST}, pauses of ${PAUSE_MS * 2} ms, VERSION_PAUSE_MS=${PAUSE_MS})`
	);
	const off = await typeStory(false);
	await off.server.stop();
	console.log(`versioning off: typed in ${round(off.typingSeconds)} s, latency`, off.latency);
	const on = await typeStory(true);
	console.log(`versioning on:  typed in ${round(on.typingSeconds)} s, latency`, on.latency);
	const { server, storyId } = on;
	try {
		// The room unloads after ROOM_UNLOAD_MS (30 s by default): everything is measured live.
		const listing = await timed(20, () =>
			api<VersionListResponse>(server, `/api/stories/${storyId}/versions`)
		);
		const versions = listing.last.versions;
		const first = versions[versions.length - 1]!;
		const last = versions[0]!;
		const diff = await timed(5, () =>
			api<DiffResponse>(server, `/api/stories/${storyId}/diff?from=${first.id}&to=${last.id}`)
		);
		const middle = versions[Math.floor(versions.length / 2)]!;
		const restores = await timed(3, async () => {
			const target = restoresDone++ % 2 === 0 ? middle : last;
			return api<{ version: VersionSummary }>(
				server,
				`/api/stories/${storyId}/versions/${target.id}/restore`,
				{ method: 'POST' }
			);
		});
		const db = new Database(path.join(server.dataDir, 'galley.sqlite'), { readonly: true });
		const deletions = db
			.prepare<[], { rows: number; bytes: number }>(
				'SELECT count(*) AS rows, coalesce(sum(length(delete_set)), 0) AS bytes FROM deletions'
			)
			.get()!;
		const stateBytes = db
			.prepare<[string], { bytes: number }>(
				'SELECT length(state) AS bytes FROM versions WHERE story_id = ? ORDER BY created_at DESC LIMIT 1'
			)
			.get(storyId)!;
		db.close();
		const stored = versions.map((version) => version.storedBytes);
		const kinds: Record<string, number> = {};
		for (const version of versions) kinds[version.kind] = (kinds[version.kind] ?? 0) + 1;
		const result = {
			words: WORDS,
			people: PEOPLE,
			keystrokes: KEYSTROKES,
			versionPauseMs: PAUSE_MS,
			versions: versions.length,
			kinds,
			bytesPerVersion: {
				mean: Math.round(stored.reduce((a, b) => a + b, 0) / stored.length),
				max: Math.max(...stored),
				newest: stateBytes.bytes
			},
			deletionLog: deletions,
			listVersionsMs: {
				p50: round(quantile(listing.ms, 0.5)),
				max: round(Math.max(...listing.ms))
			},
			diffFirstLastMs: {
				p50: round(quantile(diff.ms, 0.5)),
				max: round(Math.max(...diff.ms)),
				changes: diff.last.changes.length,
				people: diff.last.people.map((person) => person.name)
			},
			restoreMs: { each: restores.ms.map((ms) => round(ms)) },
			typingLatencyMs: { off: off.latency, on: on.latency }
		};
		console.log(JSON.stringify(result, null, 2));
		mkdirSync(outDir, { recursive: true });
		writeFileSync(path.join(outDir, 'history.json'), JSON.stringify(result, null, 2));
	} finally {
		await server.stop();
	}
}

let restoresDone = 0;

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
