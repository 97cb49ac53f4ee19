import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { percentile, startCanary, type Canary } from '../../bench/canary';
import { ownerOf, rememberImport, tokenFor } from '../helpers/links';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText } from '../helpers/stories';
import { api } from '../helpers/apiClient';

// Imports and exports run on a pool of worker threads, bounded by a queue, a deadline and a heap
// cap per job. Each attack here once froze every room on the server (a Markdown import of
// "*" × 50,000 + "a": 177 s); now it is stopped and answered with the limit it broke, while a
// canary room keeps its latency, and the next import works (the worker was replaced).

interface Answer {
	status: number;
	retryAfter: string | null;
	error: { code: string; message: string } | null;
	/** The story made, on success. */
	id?: string;
}

async function importText(server: RunningServer, name: string, text: string): Promise<Answer> {
	const form = new FormData();
	form.append('file', new Blob([text], { type: 'text/plain' }), name);
	const response = await api(server)
		.anonymous()
		.raw('/api/stories', { method: 'POST', body: form });
	const body = (await response.json()) as {
		error?: { code: string; message: string };
		stories?: Array<{ id: string }>;
	};
	if (response.status === 201) rememberImport(body);
	return {
		status: response.status,
		retryAfter: response.headers.get('retry-after'),
		error: body.error ?? null,
		id: body.stories?.[0]?.id
	};
}

const STARS = '*'.repeat(50_000) + 'a';

/** Runs `attack` with a canary typing in another story; returns the attack's result. */
async function withCanary<T>(
	server: RunningServer,
	canaryId: string,
	attack: () => Promise<T>
): Promise<{ result: T; canary: Canary }> {
	const canary = startCanary(server.wsUrl, canaryId, tokenFor(canaryId, 'editor'));
	// Synced and typing: its first marks have arrived.
	await vi.waitFor(() => expect(canary.latencies.length).toBeGreaterThan(0), { timeout: 10_000 });
	const started = Date.now();
	try {
		const result = await attack();
		// At least two seconds of typing, and time for the last marks to arrive: a measuring
		// window, not a wait for a condition.
		await new Promise((resolve) =>
			setTimeout(resolve, Math.max(400, 2_000 - (Date.now() - started)))
		);
		return { result, canary };
	} finally {
		canary.stop();
	}
}

function expectResponsive(canary: Canary): void {
	expect(canary.latencies.length).toBeGreaterThan(5);
	expect(canary.waiting()).toBeLessThanOrEqual(2);
	// Generous against a loaded CI machine; frozen rooms took seconds to minutes.
	expect(percentile(canary.latencies, 95)).toBeLessThan(250);
	expect(Math.max(...canary.latencies)).toBeLessThan(1_000);
}

describe('the work pool under attack', () => {
	let server: RunningServer;
	let canaryId: string;

	beforeAll(async () => {
		server = await startServer({
			env: { WORK_THREADS: '1', WORK_QUEUE: '1', WORK_DEADLINE_MS: '3000' }
		});
		canaryId = await createStory(server.url, 'Canary', 'Typed into all along.\n');
	});
	afterAll(() => server?.dispose());

	it('stops a pathological Markdown import at its deadline (422) while the rooms keep going', async () => {
		const started = Date.now();
		const { result, canary } = await withCanary(server, canaryId, () =>
			importText(server, 'stars.md', STARS)
		);
		expect(result.status).toBe(422);
		expect(result.error).toEqual({
			code: 'deadline_exceeded',
			message: 'Reading the file took longer than the limit of 3 s and was stopped.'
		});
		expect(Date.now() - started).toBeLessThan(10_000);
		expectResponsive(canary);

		// The worker was replaced: the next import is read as usual.
		const fine = await importText(server, 'fine.md', '# Fine\n\nA *short* story.\n');
		expect(fine.status).toBe(201);
	});

	it('refuses a job at once with 503 and Retry-After when the queue is full', async () => {
		const answers = await Promise.all([
			importText(server, 'one.md', STARS),
			importText(server, 'two.md', STARS),
			importText(server, 'three.md', STARS)
		]);
		const busy = answers.filter((answer) => answer.status === 503);
		expect(busy).toHaveLength(1);
		expect(busy[0]!.error?.code).toBe('busy');
		expect(Number(busy[0]!.retryAfter)).toBeGreaterThanOrEqual(1);
		// The other two were taken: one ran, one waited, and both met the deadline.
		expect(answers.filter((answer) => answer.status === 422)).toHaveLength(2);
	});

	it('still exports through the pool', async () => {
		expect(await exportText(server.url, canaryId)).toContain('Typed into all along.');
	});
});

describe('proofreading in the pool', () => {
	let server: RunningServer;
	let canaryId: string;

	// Its own server: checking a 170,000-word story takes seconds, which is the point (the rooms
	// keep going meanwhile), not a deadline to race.
	beforeAll(async () => {
		server = await startServer({ env: { WORK_THREADS: '1', WORK_DEADLINE_MS: '120000' } });
		canaryId = await createStory(server.url, 'Canary', 'Typed into all along.\n');
	});
	afterAll(() => server?.dispose());

	it('proofreads a long story in the pool while the rooms keep going', async () => {
		const sentence = 'The boat was quiet at dusk, and teh sails knocked softly. ';
		const novel = await importText(server, 'novel.txt', `${sentence.repeat(200)}\n\n`.repeat(40));
		expect(novel.status).toBe(201);
		const { result, canary } = await withCanary(server, canaryId, async () => {
			const answer = await api(server)
				.as(ownerOf(novel.id!))
				.get(`/api/stories/${novel.id}/proofread`);
			return {
				status: answer.status,
				flags: (answer.body as { flags: Array<{ kind: string }> }).flags
			};
		});
		expect(result.status).toBe(200);
		expect(result.flags.filter((flag) => flag.kind === 'spelling')).toHaveLength(8_000);
		expectResponsive(canary);
	});
});

describe('the work pool memory cap', () => {
	let server: RunningServer;
	let canaryId: string;

	beforeAll(async () => {
		server = await startServer({
			env: { WORK_THREADS: '1', WORK_MEMORY_MB: '48', WORK_DEADLINE_MS: '60000' }
		});
		canaryId = await createStory(server.url, 'Canary', 'Typed into all along.\n');
	});
	afterAll(() => server?.dispose());

	it('stops an import that needs more memory than the cap (413), and the server carries on', async () => {
		const lines = 'a\n'.repeat(1_000_000); // 2 MB: a million one-letter paragraphs
		const { result, canary } = await withCanary(server, canaryId, () =>
			importText(server, 'lines.txt', lines)
		);
		expect(result.status).toBe(413);
		expect(result.error).toEqual({
			code: 'memory_exceeded',
			message: 'Reading the file needed more than the memory limit of 48 MB and was stopped.'
		});
		expectResponsive(canary);
		expect((await importText(server, 'fine.txt', 'Still here.\n')).status).toBe(201);
	});
});
