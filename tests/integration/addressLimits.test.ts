import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { createAnchor } from '#shared/review/anchors';
import { addThread } from '#shared/review/notesDoc';
import type { StoredThread } from '#shared/review/types';
import { call, closed, openSocket, upgradeStatus, WRONG } from '../helpers/addressProbes';
import { makeLink, tokenFor } from '../helpers/links';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory } from '../helpers/stories';
import { connectClient, connectRaw, syncStep1, synced, updateMessage } from '../helpers/wsClients';

// Per-link and per-address limits, with each set low on its own server: review writes per link,
// failed tokens per address (over HTTP and WebSocket alike, with TRUST_PROXY deciding whether
// X-Forwarded-For is believed), open WebSockets per address, and a deadline for request bodies.
// A second loopback address (127.0.0.2) stands for another person.

describe('review writes per link', () => {
	let server: RunningServer;
	let id: string;

	beforeAll(async () => {
		server = await startServer({ env: { REVIEW_WRITES_PER_MINUTE: '3' } });
		id = await createStory(server.url, 'Busy margin', 'A quiet harbour at dusk.\n');
	});
	afterAll(() => server?.dispose());

	it('answers 429 with Retry-After past the limit, counting comments, replies and suggestions', async () => {
		const commenter = tokenFor(id, 'commenter');
		const comment = { start: 2, end: 7, body: 'Which quiet?' };
		const first = await call(server, 'POST', `/api/stories/${id}/comments`, {
			token: commenter,
			json: comment
		});
		expect(first.status).toBe(201);
		const thread = (JSON.parse(first.body) as { id: string }).id;
		const reply = await call(server, 'POST', `/api/stories/${id}/comments/${thread}/replies`, {
			token: commenter,
			json: { body: 'The harbour one.' }
		});
		expect(reply.status).toBe(201);
		const suggestion = await call(server, 'POST', `/api/stories/${id}/suggestions`, {
			token: commenter,
			json: { start: 8, end: 15, replacement: 'harbor' }
		});
		expect(suggestion.status).toBe(201);

		const refused = await call(server, 'POST', `/api/stories/${id}/comments`, {
			token: commenter,
			json: comment
		});
		expect(refused.status).toBe(429);
		expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(JSON.parse(refused.body)).toMatchObject({
			error: { code: 'too_many_requests', message: expect.stringContaining('At most 3') }
		});
		// Nothing of the refused comment was stored.
		const threads = await call(server, 'GET', `/api/stories/${id}/comments`, { token: commenter });
		expect((JSON.parse(threads.body) as { threads: unknown[] }).threads).toHaveLength(1);

		// Reading is not limited, and another link has its own budget.
		expect(threads.status).toBe(200);
		const editor = await call(server, 'POST', `/api/stories/${id}/comments`, {
			token: tokenFor(id, 'editor'),
			json: comment
		});
		expect(editor.status).toBe(201);
	});

	it('spends the same budget as the API: a batch passes whole, then 4529 and 429', async () => {
		const token = await makeLink(server.url, id, 'editor', 'Dana');
		const story = connectClient(server.wsUrl, storyRoom(id), new Y.Doc(), token);
		const raw = await connectRaw(server.wsUrl, notesRoom(id), token);
		try {
			await synced(story);
			const notes = new Y.Doc();
			raw.ws.send(syncStep1(notes));
			const author = { id: 'dana', name: 'Dana' };
			const send = (edit: () => void) => {
				const before = Y.encodeStateVector(notes);
				edit();
				raw.ws.send(updateMessage(Y.encodeStateAsUpdate(notes, before)));
			};
			// Offline work arriving at once: five threads in one frame, over the budget of three.
			send(() => {
				for (let n = 1; n <= 5; n++) addThread(notes, threadOn(story.doc, n, author));
			});
			await vi.waitFor(async () => {
				const listed = await call(server, 'GET', `/api/stories/${id}/comments`, { token });
				expect(floodThreads(listed.body)).toHaveLength(5);
			});

			send(() => addThread(notes, threadOn(story.doc, 6, author)));
			const closed = await raw.closed;
			expect(closed.code).toBe(CloseCode.slowDown);
			expect(closed.reason).toMatch(
				/^At most 3 comments, replies and suggestions a minute per link: try again in \d+ s\.$/
			);
			const api = await call(server, 'POST', `/api/stories/${id}/comments`, {
				token,
				json: { start: 2, end: 7, body: 'And one more.' }
			});
			expect(api.status).toBe(429);
			const listed = await call(server, 'GET', `/api/stories/${id}/comments`, { token });
			expect(floodThreads(listed.body)).toHaveLength(5);
		} finally {
			story.destroy();
			raw.ws.close();
		}
	});
});

/** The threads the flood test wrote, from a GET …/comments body. */
function floodThreads(body: string): unknown[] {
	const { threads } = JSON.parse(body) as { threads: Array<{ id: string }> };
	return threads.filter((thread) => thread.id.startsWith('flood-'));
}

/** A thread on the story's first word, written as `author` would from a browser. */
function threadOn(story: Y.Doc, n: number, author: { id: string; name: string }): StoredThread {
	const createdAt = new Date().toISOString();
	return {
		id: `flood-${n}`,
		status: 'open',
		anchor: createAnchor(story, 0, 1),
		messages: [{ id: `flood-${n}-m1`, author, body: `Note ${n}`, createdAt }],
		createdAt
	};
}

describe('failed tokens per address', () => {
	let server: RunningServer;
	let id: string;

	beforeAll(async () => {
		server = await startServer({ env: { TOKEN_FAILURES_PER_MINUTE: '3' } });
		id = await createStory(server.url, 'Guarded', 'Behind a door.\n');
	});
	afterAll(() => server?.dispose());

	it('refuses every token from an address past its failures, over HTTP and WebSocket, and only there', async () => {
		const owner = tokenFor(id, 'owner');
		for (let attempt = 0; attempt < 3; attempt++) {
			expect((await call(server, 'GET', `/api/stories/${id}`, { token: WRONG })).status).toBe(401);
		}
		const throttled = await call(server, 'GET', `/api/stories/${id}`, { token: owner });
		expect(throttled.status).toBe(429);
		expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(JSON.parse(throttled.body)).toMatchObject({
			error: { code: 'too_many_requests', message: expect.stringContaining('failed token') }
		});
		const upgrade = await upgradeStatus(server, storyRoom(id), owner);
		expect(upgrade.status).toBe(429);
		expect(Number(upgrade.retryAfter)).toBeGreaterThanOrEqual(1);

		// Another address is untouched.
		expect(
			(await call(server, 'GET', `/api/stories/${id}`, { token: owner, from: '127.0.0.2' })).status
		).toBe(200);
		expect((await upgradeStatus(server, storyRoom(id), owner, '127.0.0.2')).status).toBe(101);
	});

	it('counts WebSocket upgrades with a wrong token too', async () => {
		const from = '127.0.0.3';
		// Accepted, then closed 4401 (see hostileClients), and counted.
		for (let attempt = 0; attempt < 3; attempt++) {
			expect((await upgradeStatus(server, storyRoom(id), WRONG, from)).status).toBe(101);
		}
		expect(
			(await call(server, 'GET', `/api/stories/${id}`, { token: tokenFor(id), from })).status
		).toBe(429);
	});

	it('does not believe X-Forwarded-For without TRUST_PROXY', async () => {
		const from = '127.0.0.4';
		for (let attempt = 0; attempt < 3; attempt++) {
			const answer = await call(server, 'GET', `/api/stories/${id}`, {
				token: WRONG,
				from,
				headers: { 'x-forwarded-for': `198.51.100.${attempt}` }
			});
			expect(answer.status).toBe(401);
		}
		const rotated = await call(server, 'GET', `/api/stories/${id}`, {
			token: tokenFor(id),
			from,
			headers: { 'x-forwarded-for': '198.51.100.99' }
		});
		expect(rotated.status).toBe(429);
	});
});

describe('TRUST_PROXY', () => {
	let server: RunningServer;
	let id: string;

	beforeAll(async () => {
		server = await startServer({ env: { TOKEN_FAILURES_PER_MINUTE: '2', TRUST_PROXY: 'true' } });
		id = await createStory(server.url, 'Proxied', 'Behind a proxy.\n');
	});
	afterAll(() => server?.dispose());

	it("counts failures per the proxy's X-Forwarded-For entry", async () => {
		const via = (client: string) => ({ 'x-forwarded-for': `203.0.113.250, ${client}` });
		for (let attempt = 0; attempt < 2; attempt++) {
			const answer = await call(server, 'GET', `/api/stories/${id}`, {
				token: WRONG,
				headers: via('192.0.2.1')
			});
			expect(answer.status).toBe(401);
		}
		const owner = tokenFor(id);
		expect(
			(await call(server, 'GET', `/api/stories/${id}`, { token: owner, headers: via('192.0.2.1') }))
				.status
		).toBe(429);
		// Same proxy, another client behind it.
		expect(
			(await call(server, 'GET', `/api/stories/${id}`, { token: owner, headers: via('192.0.2.2') }))
				.status
		).toBe(200);
	});
});

describe('open WebSockets per address', () => {
	let server: RunningServer;
	let id: string;

	beforeAll(async () => {
		server = await startServer({ env: { WS_CONNECTIONS_PER_ADDRESS: '3' } });
		id = await createStory(server.url, 'Crowded', 'Many tabs.\n');
	});
	afterAll(() => server?.dispose());

	it('refuses the upgrade past the cap with 429, from that address only, until one closes', async () => {
		const owner = tokenFor(id);
		const sockets = [];
		for (let open = 0; open < 3; open++)
			sockets.push(await openSocket(server, storyRoom(id), owner));
		const refused = await upgradeStatus(server, storyRoom(id), owner);
		expect(refused.status).toBe(429);
		expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
		expect((await upgradeStatus(server, storyRoom(id), owner, '127.0.0.2')).status).toBe(101);

		await closed(sockets.pop()!);
		await expect
			.poll(() => upgradeStatus(server, storyRoom(id), owner).then((a) => a.status))
			.toBe(101);
		await Promise.all(sockets.map(closed));
	});
});

describe('request deadline', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer({ env: { REQUEST_TIMEOUT_MS: '2000' } });
	});
	afterAll(() => server?.dispose());

	it('cuts a body trickled a few bytes a second with 408, and others are served meanwhile', async () => {
		const port = Number(new URL(server.url).port);
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => (answer += chunk));
		const ended = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
		const started = Date.now();
		socket.write(
			'POST /api/stories HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n'
		);
		const trickle = setInterval(() => socket.writable && socket.write('aaaaaaaaaa'), 1000);
		try {
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
			const at = await ended;
			expect(at - started).toBeLessThan(10_000);
			expect(answer).toMatch(/^HTTP\/1\.1 408/);
		} finally {
			clearInterval(trickle);
			socket.destroy();
		}
	});
});
