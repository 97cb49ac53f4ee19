import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStory, exportText } from '../helpers/stories';
import { startServer, type RunningServer } from '../helpers/startServer';
import { ownerOf } from '../helpers/links';
import { api, type ApiAnswer } from '../helpers/apiClient';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

const exportTxt = (id: string) => exportText(server, id);

/** Expects an error answer with this status and code; returns its message. */
function expectError(answer: ApiAnswer, status: number, code: string): string {
	expect(answer, JSON.stringify(answer.body)).toMatchObject({ status, body: { error: { code } } });
	return answer.body.error.message;
}

const TEXT = 'The cat sat on the mat.\n\n\n\nThe dog ran.\n';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('comments', () => {
	it('starts a thread, replies, resolves, filters, reopens and deletes it', async () => {
		const id = await createStory(server, 'Comments', TEXT);
		const owner = api(server).as(ownerOf(id));
		const base = `/api/stories/${id}/comments`;
		const created = await owner.post(base, {
			start: 4,
			end: 7,
			body: ' Which cat? ',
			author: 'Ana'
		});
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) });
		const threadId: string = created.body.id;

		const reply = await owner.post(`${base}/${threadId}/replies`, {
			body: 'The black one.',
			author: { id: 'browser-123', name: 'Ben' }
		});
		expect(reply.status).toBe(201);

		const listed = await owner.get(base);
		expect(listed.status).toBe(200);
		expect(listed.body).toEqual({
			threads: [
				{
					id: threadId,
					status: 'open',
					anchor: { start: 4, end: 7, quote: 'cat', detached: false },
					messages: [
						{
							id: expect.any(String),
							author: 'Ana',
							authorId: expect.stringMatching(/^api-[A-Za-z0-9_-]+$/),
							body: 'Which cat?',
							createdAt: expect.stringMatching(ISO)
						},
						{
							id: reply.body.id,
							author: 'Ben',
							authorId: 'browser-123',
							body: 'The black one.',
							createdAt: expect.stringMatching(ISO)
						}
					],
					createdAt: expect.stringMatching(ISO)
				}
			]
		});

		// The same name always gets the same author id.
		await owner.post(`${base}/${threadId}/replies`, { body: 'Thanks.', author: 'Ana' });
		const messages = (await owner.get(`${base}/${threadId}`)).body.messages;
		expect(messages).toHaveLength(3);
		expect(messages[2].authorId).toBe(messages[0].authorId);

		const resolved = await owner.patch(`${base}/${threadId}`, { status: 'resolved' });
		expect(resolved.status).toBe(200);
		expect(resolved.body).toMatchObject({
			id: threadId,
			status: 'resolved',
			anchor: { quote: 'cat' }
		});
		expect((await owner.get(`${base}?status=open`)).body.threads).toEqual([]);
		expect((await owner.get(`${base}?status=resolved`)).body.threads).toHaveLength(1);
		expect((await owner.patch(`${base}/${threadId}`, { status: 'open' })).body.status).toBe('open');

		const deleted = await owner.delete(`${base}/${threadId}`);
		expect(deleted.status).toBe(204);
		expect((await owner.get(base)).body.threads).toEqual([]);
		expectError(await owner.get(`${base}/${threadId}`), 404, 'thread_not_found');
	});

	it('anchors a comment across paragraphs, trimming the blank lines at its ends', async () => {
		const id = await createStory(server, 'Comments', TEXT);
		const owner = api(server).as(ownerOf(id));
		const created = await owner.post(`/api/stories/${id}/comments`, {
			start: 19,
			end: 31,
			body: 'Two paragraphs.',
			author: 'Ana'
		});
		expect(created.status).toBe(201);
		const thread = (await owner.get(`/api/stories/${id}/comments/${created.body.id}`)).body;
		expect(thread.anchor).toEqual({
			start: 19,
			end: 31,
			quote: 'mat.\n\n\n\nThe ',
			detached: false
		});
	});

	it('refuses bad bodies, ranges and ids with precise errors', async () => {
		const id = await createStory(server, 'Comments', TEXT);
		const owner = api(server).as(ownerOf(id));
		const base = `/api/stories/${id}/comments`;
		const comment = { start: 4, end: 7, body: 'Hm.', author: 'Ana' };

		expect(expectError(await owner.post(base, {}), 400, 'invalid')).toBe(
			'"start" is required. "end" is required. "body" is required.'
		);
		expect(
			expectError(await owner.post(base, { ...comment, start: '4', body: '   ' }), 400, 'invalid')
		).toBe(
			'"start" must be an integer (a UTF-16 offset into the txt export). "body" must not be empty.'
		);
		expect(
			expectError(
				await owner.post(base, { ...comment, author: { name: 'A', id: 'a b' } }),
				400,
				'invalid'
			)
		).toContain('"author.id"');
		expectError(await owner.post(base, { ...comment, body: 'x'.repeat(10_001) }), 400, 'invalid');
		expectError(await owner.post(base, '{"start":'), 400, 'invalid_json');
		expectError(await owner.post(base, '[1, 2]'), 400, 'invalid_json');

		const length = TEXT.length;
		for (const [start, end] of [
			[-1, 3],
			[4, length + 1],
			[7, 4],
			[5, 5]
		]) {
			expectError(await owner.post(base, { ...comment, start, end }), 400, 'invalid_range');
		}
		// Only the blank lines around the empty paragraph: nothing to attach to.
		expect(
			expectError(
				await owner.post(base, { ...comment, start: 23, end: 27 }),
				400,
				'nothing_to_anchor'
			)
		).toContain('no text');

		expectError(
			await api(server).anonymous().get('/api/stories/noSuchStory/comments'),
			401,
			'unauthorized'
		);
		expectError(
			await api(server).anonymous().post('/api/stories/noSuchStory/comments', comment),
			401,
			'unauthorized'
		);
		expectError(await owner.get(`${base}?status=closed`), 400, 'invalid');
		const replyToNothing = await owner.post(`${base}/nope/replies`, { body: 'x', author: 'Ana' });
		expect(expectError(replyToNothing, 404, 'thread_not_found')).toBe(
			'No comment thread with id "nope".'
		);
		expectError(await owner.patch(`${base}/nope`, { status: 'resolved' }), 404, 'thread_not_found');
		expectError(await owner.delete(`${base}/nope`), 404, 'thread_not_found');

		const thread = (await owner.post(base, comment)).body.id;
		expect(
			expectError(await owner.patch(`${base}/${thread}`, { status: 'closed' }), 400, 'invalid')
		).toBe('"status" must be "open" or "resolved".');
		expectError(await owner.post(`${base}/${thread}/replies`, { author: 'Ana' }), 400, 'invalid');
		expectError(
			await owner.request('PUT', `${base}/${thread}`, comment),
			405,
			'method_not_allowed'
		);
	});

	it('keeps what the API wrote across a server restart', async () => {
		const id = await createStory(server, 'Durable', TEXT);
		const owner = api(server).as(ownerOf(id));
		await owner.post(`/api/stories/${id}/comments`, {
			start: 4,
			end: 7,
			body: 'Kept?',
			author: 'Ana'
		});
		await owner.post(`/api/stories/${id}/suggestions`, {
			start: 8,
			end: 11,
			replacement: 'sits',
			author: 'Ana'
		});
		await server.kill();
		await server.restart();
		const threads = (await owner.get(`/api/stories/${id}/comments`)).body.threads;
		expect(
			threads.map((thread: { messages: { body: string }[] }) => thread.messages[0]!.body)
		).toEqual(['Kept?']);
		const suggestions = (await owner.get(`/api/stories/${id}/suggestions`)).body.suggestions;
		expect(suggestions).toMatchObject([{ original: 'sat', replacement: 'sits', status: 'open' }]);
	});
});

describe('suggestions', () => {
	it('lists replacements and insertions, accepts one and rejects another', async () => {
		const id = await createStory(server, 'Suggestions', TEXT);
		const owner = api(server).as(ownerOf(id));
		const base = `/api/stories/${id}/suggestions`;
		const replace = await owner.post(base, {
			start: 8,
			end: 11,
			replacement: 'sits',
			author: 'Ana'
		});
		expect(replace.status).toBe(201);
		const insert = await owner.post(base, {
			start: 7,
			end: 7,
			replacement: ' black',
			author: { id: 'browser-9', name: 'Ben' }
		});
		expect(insert.status).toBe(201);
		const atStart = await owner.post(base, {
			start: 27,
			end: 27,
			replacement: 'Then ',
			author: 'Ana'
		});
		expect(atStart.status).toBe(201);

		const listed = await owner.get(base);
		expect(listed.status).toBe(200);
		expect(listed.body.suggestions).toEqual([
			{
				id: replace.body.id,
				status: 'open',
				start: 8,
				end: 11,
				original: 'sat',
				replacement: 'sits',
				author: 'Ana',
				authorId: expect.stringMatching(/^api-/),
				createdAt: expect.stringMatching(ISO),
				detached: false
			},
			expect.objectContaining({
				id: insert.body.id,
				status: 'open',
				start: 7,
				end: 7,
				original: '',
				replacement: ' black',
				author: 'Ben',
				authorId: 'browser-9'
			}),
			expect.objectContaining({ id: atStart.body.id, start: 27, end: 27, original: '' })
		]);

		const accepted = await owner.post(`${base}/${replace.body.id}/accept`, { author: 'Editor' });
		expect(accepted.status).toBe(200);
		expect(accepted.body).toMatchObject({
			id: replace.body.id,
			status: 'accepted',
			decidedBy: 'Editor',
			decidedAt: expect.stringMatching(ISO)
		});
		expect(await exportTxt(id)).toBe('The cat sits on the mat.\n\n\n\nThe dog ran.\n');

		// An insertion keeps following its word; the one at a paragraph start goes before it.
		const insertion = await owner.post(`${base}/${insert.body.id}/accept`);
		expect(insertion.status).toBe(200);
		expect(insertion.body).toMatchObject({ status: 'accepted', decidedBy: 'Owner' });
		expect((await owner.post(`${base}/${atStart.body.id}/accept`, '')).status).toBe(200);
		expect(await exportTxt(id)).toBe('The cat black sits on the mat.\n\n\n\nThen The dog ran.\n');

		const late = await owner.post(base, { start: 4, end: 7, replacement: 'dog', author: 'Ana' });
		const rejected = await owner.post(`${base}/${late.body.id}/reject`, {
			author: { id: 'browser-9', name: 'Ben' }
		});
		expect(rejected.status).toBe(200);
		expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: 'Ben', original: 'cat' });
		expect(await exportTxt(id)).toBe('The cat black sits on the mat.\n\n\n\nThen The dog ran.\n');

		const byStatus = async (status: string) =>
			(await owner.get(`${base}?status=${status}`)).body.suggestions.length;
		expect([
			await byStatus('accepted'),
			await byStatus('rejected'),
			await byStatus('open')
		]).toEqual([3, 1, 0]);
		expectError(await owner.get(`${base}?status=maybe`), 400, 'invalid');
	});

	it('refuses to decide a suggestion twice, and to accept a stale one', async () => {
		const id = await createStory(server, 'Suggestions', TEXT);
		const owner = api(server).as(ownerOf(id));
		const base = `/api/stories/${id}/suggestions`;
		const word = (await owner.post(base, { start: 8, end: 11, replacement: 'sits', author: 'Ana' }))
			.body.id;
		const phrase = (
			await owner.post(base, { start: 4, end: 11, replacement: 'dog sat', author: 'Ana' })
		).body.id;

		expect((await owner.post(`${base}/${word}/accept`)).status).toBe(200);
		expect(
			expectError(await owner.post(`${base}/${word}/accept`), 409, 'suggestion_decided')
		).toContain('already accepted');
		expectError(await owner.post(`${base}/${word}/reject`), 409, 'suggestion_decided');

		// Its words changed under it: stale, and accepting would lose the other edit.
		expect((await owner.get(`${base}/${phrase}`)).body).toMatchObject({
			status: 'stale',
			original: 'cat sat'
		});
		expect(
			expectError(await owner.post(`${base}/${phrase}/accept`), 409, 'suggestion_stale')
		).toContain('changed');
		expect(await exportTxt(id)).toBe('The cat sits on the mat.\n\n\n\nThe dog ran.\n');
		// A stale suggestion can still be rejected.
		expect((await owner.post(`${base}/${phrase}/reject`)).body.status).toBe('rejected');
	});

	it('refuses bad ranges, line breaks, no-op and unanchored suggestions', async () => {
		const id = await createStory(server, 'Suggestions', TEXT);
		const owner = api(server).as(ownerOf(id));
		const base = `/api/stories/${id}/suggestions`;
		const valid = { start: 8, end: 11, replacement: 'sits', author: 'Ana' };
		const length = TEXT.length;
		for (const [start, end] of [
			[-1, 2],
			[0, length + 1],
			[9, 8]
		]) {
			expect(
				expectError(await owner.post(base, { ...valid, start, end }), 400, 'invalid_range')
			).toContain(`${length} characters long`);
		}
		expect(expectError(await owner.post(base, { ...valid, end: 10.5 }), 400, 'invalid')).toContain(
			'"end"'
		);
		expect(
			expectError(await owner.post(base, { ...valid, replacement: 'sat\ndown' }), 400, 'invalid')
		).toBe('"replacement" cannot contain line breaks.');
		expectError(await owner.post(base, { ...valid, replacement: 'a\u2028b' }), 400, 'invalid');
		expectError(await owner.post(base, { ...valid, replacement: 'sat' }), 400, 'no_change');
		expectError(
			await owner.post(base, { ...valid, start: 3, end: 3, replacement: '' }),
			400,
			'no_change'
		);
		// Inside the empty paragraph and the blank lines: nothing to attach an insertion to.
		expectError(await owner.post(base, { ...valid, start: 25, end: 25 }), 400, 'nothing_to_anchor');
		expectError(await owner.post(base, { ...valid, start: 23, end: 27 }), 400, 'nothing_to_anchor');
		// Starting on the blank line after a paragraph would replace less than asked.
		expectError(await owner.post(base, { ...valid, start: 19, end: 25 }), 400, 'invalid_range');
		expectError(await owner.post(base, { start: 8, end: 11, author: 'Ana' }), 400, 'invalid');

		expectError(
			await api(server).anonymous().get('/api/stories/noSuchStory/suggestions'),
			401,
			'unauthorized'
		);
		expectError(
			await api(server).anonymous().post('/api/stories/noSuchStory/suggestions', valid),
			401,
			'unauthorized'
		);
		expectError(
			await api(server).anonymous().post('/api/stories/noSuchStory/suggestions/x/accept'),
			401,
			'unauthorized'
		);
		for (const path of [`${base}/nope/accept`, `${base}/nope/reject`]) {
			expect(expectError(await owner.post(path), 404, 'suggestion_not_found')).toBe(
				'No suggestion with id "nope".'
			);
		}
		expectError(await owner.get(`${base}/nope`), 404, 'suggestion_not_found');
		expectError(await owner.delete(`${base}/nope`), 404, 'suggestion_not_found');

		const made = (await owner.post(base, valid)).body.id;
		expectError(await owner.post(`${base}/${made}/accept`, '{oops'), 400, 'invalid_json');
		expectError(await owner.post(`${base}/${made}/accept`, { author: 7 }), 400, 'invalid');
		expect((await owner.delete(`${base}/${made}`)).status).toBe(204);
		expect((await owner.get(base)).body.suggestions).toEqual([]);
		expect(await exportTxt(id)).toBe(TEXT);
	});
});
