import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/startServer';
import { exportText } from '../helpers/stories';
import { importFile } from '../helpers/exports';

// Inputs far under the import size limit that used to answer 500 (a stack overflow) or store a
// story no editor could hold: each is now refused with the limit it breaks, never 500, and an
// honest file with the same features still imports.

interface Answer {
	status: number;
	body: { stories?: Array<{ id: string }>; error?: { code: string; message: string } };
}

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { WORK_DEADLINE_MS: '8000' } });
});

afterAll(() => server?.dispose());

async function importText(name: string, text: string): Promise<Answer> {
	const response = await importFile(server, name, text, 'text/plain');
	return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describe('pathological imports', () => {
	it('refuses Markdown quoted deeper than a story may be (422, naming the limit)', async () => {
		const answer = await importText('deep.md', `${'>'.repeat(100)} Down here.\n`);
		expect(answer.status).toBe(422);
		expect(answer.body.error).toEqual({
			code: 'too_complex',
			message: expect.stringContaining('"deep.md" is nested more than 64 levels deep')
		});
	});

	it('refuses 100,000 nested quotes in Markdown and 10,000 nested HTML blocks with 422, never 500', async () => {
		const markdown = await importText('abyss.md', `${'>'.repeat(100_000)} x\n`);
		expect(markdown.status).toBe(422);
		expect(['too_complex', 'deadline_exceeded']).toContain(markdown.body.error?.code);

		const html = await importText(
			'abyss.html',
			`<html><body>${'<blockquote><div>'.repeat(10_000)}x</body></html>`
		);
		expect(html.status).toBe(422);
		expect(['too_complex', 'deadline_exceeded']).toContain(html.body.error?.code);
	});

	it('refuses a paragraph longer than a story may hold (413, naming the limit)', async () => {
		const answer = await importText('line.txt', `${'a'.repeat(1_000_001)}\n`);
		expect(answer.status).toBe(413);
		expect(answer.body.error?.code).toBe('too_large');
		expect(answer.body.error?.message).toContain('at most 1,000,000');
	});

	it('imports honest nesting and long paragraphs as before', async () => {
		const quoted = await importText('quoted.md', `${'> '.repeat(10)}Ten deep.\n`);
		expect(quoted.status).toBe(201);
		expect(await exportText(server.url, quoted.body.stories![0]!.id)).toContain('Ten deep.');

		const long = `${'word '.repeat(100_000).trim()}\n`;
		const plain = await importText('long.txt', long);
		expect(plain.status).toBe(201);
		expect(await exportText(server.url, plain.body.stories![0]!.id)).toBe(long);
	});
});
