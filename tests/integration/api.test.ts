import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startServer, type RunningServer } from '../helpers/startServer';
import { allOwnerTokens, ownerOf, rememberImport } from '../helpers/links';
import { api } from '../helpers/apiClient';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { MAX_IMPORT_BYTES: String(64 * 1024) } });
});
afterAll(() => server?.dispose());

/** Imports with no token (anyone may, without ADMIN_TOKEN) and remembers the new stories' links. */
async function remembered(response: Response): Promise<Response> {
	if (response.status === 201) rememberImport(await response.clone().json());
	return response;
}

async function importRaw(body: string | Uint8Array<ArrayBuffer>, type = 'text/plain', query = '') {
	return remembered(
		await api(server)
			.anonymous()
			.raw(`/api/stories${query}`, { method: 'POST', headers: { 'Content-Type': type }, body })
	);
}

async function importFiles(
	files: { name: string; body: string | Uint8Array<ArrayBuffer>; type?: string }[]
) {
	const form = new FormData();
	for (const file of files) {
		form.append('file', new Blob([file.body], { type: file.type ?? 'text/plain' }), file.name);
	}
	return remembered(
		await api(server).anonymous().raw('/api/stories', { method: 'POST', body: form })
	);
}

/** The txt export as the story's owner. */
async function exportTxt(id: string) {
	return api(server).as(ownerOf(id)).raw(`/api/stories/${id}/export?format=txt`);
}

/** The ids of every story the tests hold an owner link for, as the library lists them. */
async function libraryIds(): Promise<string[]> {
	const listed = await api(server).holding(allOwnerTokens()).get('/api/stories');
	return listed.body.stories.map((story: { id: string }) => story.id);
}

describe('health', () => {
	it('answers ok while the database answers', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
	});
});

describe('import and export', () => {
	it('imports a raw text body with a title and exports it byte for byte', async () => {
		const text = '  Leading spaces\tand a tab.\n\n\n\nFour newlines, NBSP\u00a0here 🎉 שלום\n';
		const response = await importRaw(text, 'text/plain', '?title=My%20Story');
		expect(response.status).toBe(201);
		const { stories } = await response.json();
		expect(stories).toHaveLength(1);
		expect(stories[0].title).toBe('My Story');
		expect(stories[0].url).toBe(`/stories/${stories[0].id}`);

		const exported = await exportTxt(stories[0].id);
		expect(exported.status).toBe(200);
		expect(exported.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(exported.headers.get('content-disposition')).toContain('filename="My Story.txt"');
		expect(await exported.text()).toBe(text);
	});

	it('imports several files at once, titles from the file names', async () => {
		const response = await importFiles([
			{ name: 'first.txt', body: 'One.\r\nTwo.\rThree.' },
			{ name: 'Second chapter.md', body: '# Heading\n\nSome *emphasis*.\n', type: 'text/markdown' }
		]);
		expect(response.status).toBe(201);
		const { stories } = await response.json();
		expect(stories.map((story: { title: string }) => story.title)).toEqual([
			'first',
			'Second chapter'
		]);
		expect(await (await exportTxt(stories[0].id)).text()).toBe('One.\nTwo.\nThree.');
		expect(await (await exportTxt(stories[1].id)).text()).toContain('Some emphasis.');
	});

	it('decodes Windows-1252 and UTF-16 files', async () => {
		const cp1252 = Uint8Array.from([
			0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xe9
		]);
		const utf16 = Uint8Array.from([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]);
		const response = await importFiles([
			{ name: 'old.txt', body: cp1252 },
			{ name: 'wide.txt', body: utf16 }
		]);
		const { stories } = await response.json();
		expect(await (await exportTxt(stories[0].id)).text()).toBe('\u201cHi\u201d \u2013 café');
		expect(await (await exportTxt(stories[1].id)).text()).toBe('Hi');
	});

	it('gives an empty file an empty story', async () => {
		const response = await importFiles([{ name: 'empty.txt', body: '' }]);
		expect(response.status).toBe(201);
		const { stories } = await response.json();
		expect(await (await exportTxt(stories[0].id)).text()).toBe('');
	});
});

describe('refusals', () => {
	it('refuses a file over MAX_IMPORT_BYTES with 413', async () => {
		const response = await importFiles([{ name: 'huge.txt', body: 'a'.repeat(64 * 1024 + 1) }]);
		expect(response.status).toBe(413);
		const body = await response.json();
		expect(body.error.code).toBe('too_large');
		expect(body.error.message).toContain('huge.txt');
	});

	it('refuses a raw body over the limit with 413', async () => {
		const response = await importRaw('b'.repeat(64 * 1024 + 10));
		expect(response.status).toBe(413);
	});

	it('refuses binary content with 415 and imports nothing of the batch', async () => {
		const before = (await libraryIds()).length;
		const response = await importFiles([
			{ name: 'fine.txt', body: 'Fine.' },
			{ name: 'photo.txt', body: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0]) }
		]);
		expect(response.status).toBe(415);
		const body = await response.json();
		expect(body.error.code).toBe('binary_content');
		expect(body.error.message).toContain('photo.txt');
		const after = (await libraryIds()).length;
		expect(after).toBe(before);
	});

	it('refuses an unsupported file type and an unknown body type with 415', async () => {
		expect((await importFiles([{ name: 'story.pdf', body: 'x' }])).status).toBe(415);
		expect((await importRaw('{}', 'application/json')).status).toBe(415);
	});

	it('answers unknown stories with 401 and unknown routes with 404, with a JSON error', async () => {
		// Without a link to it, a story id says nothing: unknown and existing look the same.
		const missing = await api(server).anonymous().raw('/api/stories/doesNotExist1');
		expect(missing.status).toBe(401);
		expect((await missing.json()).error.code).toBe('unauthorized');
		const missingExport = await api(server)
			.anonymous()
			.raw('/api/stories/doesNotExist1/export?format=txt');
		expect(missingExport.status).toBe(401);
		expect((await api(server).anonymous().raw('/api/nothing-here')).status).toBe(404);
	});

	it('refuses an unknown export format and a bad rename with 400', async () => {
		const { stories } = await (await importRaw('Text.')).json();
		const owner = api(server).as(ownerOf(stories[0].id));
		const badFormat = await owner.get(`/api/stories/${stories[0].id}/export?format=pdf`);
		expect(badFormat.status).toBe(400);
		const badTitle = await owner.patch(`/api/stories/${stories[0].id}`, { title: '   ' });
		expect(badTitle.status).toBe(400);
		// Broken JSON, without even a content type.
		const notJson = await owner.raw(`/api/stories/${stories[0].id}`, {
			method: 'PATCH',
			body: '{nope'
		});
		expect(notJson.status).toBe(400);
		expect((await notJson.json()).error.code).toBe('invalid_json');
	});
});

describe('library', () => {
	it('lists, renames and deletes a story', async () => {
		const { stories } = await (
			await importRaw('Three little words.', 'text/plain', '?title=Old')
		).json();
		const id = stories[0].id;

		const owner = api(server).as(ownerOf(id));
		const list = (
			await api(server)
				.holding([ownerOf(id)])
				.get('/api/stories')
		).body;
		const listed = list.stories.find((story: { id: string }) => story.id === id);
		expect(listed).toMatchObject({ id, title: 'Old', words: 3, present: 0 });
		expect(Date.parse(listed.createdAt)).not.toBeNaN();
		expect(Date.parse(listed.updatedAt)).not.toBeNaN();

		const renamed = await owner.patch(`/api/stories/${id}`, { title: 'Nouveau titre ✨' });
		expect(renamed.status).toBe(200);
		expect(renamed.body.title).toBe('Nouveau titre ✨');
		const disposition = (await exportTxt(id)).headers.get('content-disposition')!;
		expect(disposition).toContain("filename*=UTF-8''Nouveau%20titre%20%E2%9C%A8.txt");

		expect((await owner.delete(`/api/stories/${id}`)).status).toBe(204);
		expect((await owner.get(`/api/stories/${id}`)).status).toBe(404);
		expect((await owner.delete(`/api/stories/${id}`)).status).toBe(404);
	});
});

describe('real stories round trip through the API', () => {
	// The stories beside the repo when present; the project's own fixtures always.
	const sources = [
		...listFiles(path.resolve(repoRoot, '../shared/stories'), '.txt'),
		...listFiles(path.join(repoRoot, 'tests/fixtures/stories'), '.txt')
	];

	it.each(sources.map((file) => [path.basename(file), file]))(
		'%s exports exactly as imported',
		async (_name, file) => {
			const bytes = readFileSync(file);
			const response = await importFiles([{ name: path.basename(file), body: bytes }]);
			expect(response.status).toBe(201);
			const { stories } = await response.json();
			const expected = bytes
				.toString('utf8')
				.replace(/^\ufeff/, '')
				.replace(/\r\n?/g, '\n');
			expect(await (await exportTxt(stories[0].id)).text()).toBe(expected);
		}
	);
});

function listFiles(directory: string, extension: string): string[] {
	if (!existsSync(directory)) return [];
	return readdirSync(directory)
		.filter((name) => name.endsWith(extension))
		.map((name) => path.join(directory, name));
}
