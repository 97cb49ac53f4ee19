import { describe, expect, it } from 'vitest';
import { CloseCode } from '#shared/protocol/closeCodes';
import type { Role } from '#shared/protocol/roles';
import { storyRoom } from '#shared/protocol/rooms';
import { api } from '../helpers/apiClient';
import { HARBOUR_TEXT, useHarbour } from '../helpers/hostileSetup';
import { rememberImport, tokenFor } from '../helpers/links';
import { startServer } from '../helpers/startServer';
import { awarenessMessage, closedWithin, connectRaw } from '../helpers/wsClients';

// The HTTP API with each role's link: what a missing or foreign token gets (nothing), what each
// role may do in the review and what it may not, what the library lists for the tokens a browser
// holds; then ADMIN_TOKEN and the rate limits. Which route needs which role, route by route, is
// the matrix in routeRoles.test.ts; these are the rules behind it, played out.

const harbour = useHarbour();

describe('HTTP: roles', () => {
	/** Calls `path` under the harbour's story with the link of `role` (null: no token at all). */
	async function as(role: Role | null, method: string, path: string, body?: unknown) {
		const caller = role
			? api(harbour.server).as(tokenFor(harbour.storyId, role))
			: api(harbour.server).anonymous();
		const response = await caller.raw(`/api/stories/${harbour.storyId}${path}`, {
			method,
			...(body !== undefined && {
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			})
		});
		const text = await response.text();
		return { status: response.status, text };
	}

	it('answers 401 without a working token, before any data', async () => {
		const answer = await as(null, 'GET', '');
		expect(answer.status).toBe(401);
		expect(answer.text).not.toContain('Harbour');
		expect((await as(null, 'GET', '/export?format=txt')).status).toBe(401);
		const foreign = await api(harbour.server)
			.as(tokenFor(harbour.otherStoryId, 'owner'))
			.get(`/api/stories/${harbour.storyId}`);
		expect(foreign.status).toBe(401);
		// The token in the query instead of a header.
		const viaQuery = await api(harbour.server)
			.anonymous()
			.get(`/api/stories/${harbour.storyId}?token=${tokenFor(harbour.storyId, 'viewer')}`);
		expect(viaQuery.status).toBe(200);
	});

	it('lets each role do what it may and answers 403 above it', async () => {
		const comment = { start: 2, end: 7, body: 'Which harbour?', author: 'Ana' };
		expect((await as('viewer', 'GET', '')).status).toBe(200);
		expect((await as('viewer', 'GET', '/export?format=txt')).text).toBe(HARBOUR_TEXT);
		expect((await as('viewer', 'GET', '/comments')).status).toBe(200);
		expect((await as('viewer', 'GET', '/suggestions')).status).toBe(200);
		expect((await as('viewer', 'POST', '/comments', comment)).status).toBe(403);

		// A commenter writes as their link's name: naming someone else is refused.
		const forged = await as('commenter', 'POST', '/comments', comment);
		expect(forged.status).toBe(403);
		expect(JSON.parse(forged.text).error.message).toBe(
			'This link writes as “Commenter”: leave "author" out or give that name.'
		);
		const { author: _named, ...unsigned } = comment;
		const commented = await as('commenter', 'POST', '/comments', unsigned);
		expect(commented.status).toBe(201);
		const threadId = JSON.parse(commented.text).id as string;
		const thread = JSON.parse((await as('commenter', 'GET', `/comments/${threadId}`)).text);
		expect(thread.messages[0].author).toBe('Commenter');
		// Their own thread they may resolve; one an editor started they may not.
		const resolved = await as('commenter', 'PATCH', `/comments/${threadId}`, {
			status: 'resolved'
		});
		expect(resolved.status).toBe(200);
		const editors = JSON.parse((await as('editor', 'POST', '/comments', unsigned)).text).id;
		const notMine = await as('commenter', 'PATCH', `/comments/${editors}`, { status: 'resolved' });
		expect(notMine.status).toBe(403);
		expect(JSON.parse((await as('viewer', 'GET', `/comments/${editors}`)).text).status).toBe(
			'open'
		);

		const suggestion = { start: 2, end: 7, replacement: 'calm', author: 'Commenter' };
		const suggested = await as('commenter', 'POST', '/suggestions', suggestion);
		expect(suggested.status).toBe(201);
		const suggestionId = JSON.parse(suggested.text).id as string;
		expect((await as('commenter', 'POST', `/suggestions/${suggestionId}/accept`)).status).toBe(403);
		expect((await as('commenter', 'PATCH', '', { title: 'Mine' })).status).toBe(403);

		expect((await as('editor', 'POST', `/suggestions/${suggestionId}/reject`)).status).toBe(200);
		expect((await as('editor', 'PATCH', '', { title: 'Mine' })).status).toBe(403);
		expect((await as('editor', 'DELETE', '')).status).toBe(403);
		expect((await as('owner', 'PATCH', '', { title: 'Harbour' })).status).toBe(200);
	});

	it('lists only the stories the request holds tokens for', async () => {
		const holding = (tokens: string[]) => api(harbour.server).holding(tokens).get('/api/stories');
		const list = async (tokens: string[]) =>
			((await holding(tokens)).body as { stories: Array<{ id: string }> }).stories.map(
				(story) => story.id
			);
		expect(await list([])).toEqual([]);
		expect(await list([tokenFor(harbour.storyId, 'viewer')])).toEqual([harbour.storyId]);
		expect(
			(
				await list([tokenFor(harbour.storyId, 'viewer'), tokenFor(harbour.otherStoryId, 'owner')])
			).sort()
		).toEqual([harbour.storyId, harbour.otherStoryId].sort());
		// Each with the most the links allow on it, so the library offers only that.
		const roles = await holding([
			tokenFor(harbour.storyId, 'viewer'),
			tokenFor(harbour.storyId, 'commenter'),
			tokenFor(harbour.otherStoryId, 'owner')
		]);
		const listed = (roles.body as { stories: Array<{ id: string; role: Role }> }).stories;
		expect(Object.fromEntries(listed.map((story) => [story.id, story.role]))).toEqual({
			[harbour.storyId]: 'commenter',
			[harbour.otherStoryId]: 'owner'
		});
	});
});

describe('ADMIN_TOKEN', () => {
	it('guards imports, owns every story and lists them all', async () => {
		const admin = 'admin-secret-for-tests-0123456789';
		const guarded = await startServer({ env: { ADMIN_TOKEN: admin } });
		try {
			const refused = await api(guarded)
				.anonymous()
				.raw('/api/stories', {
					method: 'POST',
					headers: { 'content-type': 'text/plain' },
					body: 'No.'
				});
			expect(refused.status).toBe(401);
			const asAdmin = api(guarded).as(admin);
			const imported = await asAdmin.raw('/api/stories?title=Yes', {
				method: 'POST',
				headers: { 'content-type': 'text/plain' },
				body: 'Yes.'
			});
			expect(imported.status).toBe(201);
			const body = (await imported.json()) as {
				stories: Array<{ id: string; links: Record<Role, string> }>;
			};
			expect(Object.keys(body.stories[0]!.links).sort()).toEqual([
				'commenter',
				'editor',
				'owner',
				'viewer'
			]);
			const listed = await asAdmin.get('/api/stories');
			expect((listed.body as { stories: unknown[] }).stories).toHaveLength(1);
			const links = await asAdmin.get(`/api/stories/${body.stories[0]!.id}/links`);
			expect(links.status).toBe(200);
		} finally {
			await guarded.dispose();
		}
	});
});

describe('rate limits', () => {
	it('answers 429 past the imports a minute and closes a flooding connection with 1013', async () => {
		const limited = await startServer({
			env: { IMPORTS_PER_MINUTE: '2', WS_MESSAGES_PER_SECOND: '5' }
		});
		try {
			const statuses: number[] = [];
			let id = '';
			for (let i = 0; i < 3; i++) {
				const response = await api(limited)
					.anonymous()
					.raw('/api/stories', {
						method: 'POST',
						headers: { 'content-type': 'text/plain' },
						body: `Story ${i}.`
					});
				statuses.push(response.status);
				if (response.status === 201) {
					const body = (await response.json()) as { stories: Array<{ id: string }> };
					rememberImport(body);
					id = body.stories[0]!.id;
				}
			}
			expect(statuses).toEqual([201, 201, 429]);

			const calm = await connectRaw(limited.wsUrl, storyRoom(id), tokenFor(id, 'viewer'));
			const flood = await connectRaw(limited.wsUrl, storyRoom(id), tokenFor(id, 'viewer'));
			harbour.track(calm);
			harbour.track(flood);
			for (let i = 0; i < 100; i++) flood.ws.send(awarenessMessage(5150, i + 1, 'null'));
			expect(await closedWithin(flood, 2_000)).toMatchObject({ code: CloseCode.tryAgainLater });
			expect(await closedWithin(calm, 200)).toBeNull();
		} finally {
			await limited.dispose();
		}
	});
});
