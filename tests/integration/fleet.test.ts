import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/privatePostgres';
import { startPrivateRedis, type PrivateRedis } from '../helpers/privateRedis';
import { fleetClients, health, textOf } from '../helpers/fleetClients';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import { api } from '../helpers/apiClient';
import { ownerOf, tokenFor, tokenOf } from '../helpers/links';
import {
	closedWithin,
	connectClient,
	connectRaw,
	synced,
	updateMessage,
	type Client
} from '../helpers/wsClients';
import { CloseCode } from '#shared/protocol/closeCodes';
import { STORY_FIELD } from '#shared/model/schema';
import type { VersionListResponse } from '#shared/api/types';

// Two real Galley processes on one private Postgres and one private Redis, as behind a load
// balancer: what one accepts reaches the other's clients, through Redis when it is there and
// from Postgres when it is not, and a process killed mid-typing loses nothing it acknowledged.
describe('a fleet of two processes on Postgres and Redis', () => {
	let postgres: PrivatePostgres;
	let redis: PrivateRedis;
	let dataDir: string;
	let env: Record<string, string>;
	let a: RunningServer;
	let b: RunningServer;
	const { join, closeAll } = fleetClients();

	beforeAll(async () => {
		postgres = await startPrivatePostgres();
		redis = await startPrivateRedis();
		dataDir = mkdtempSync(path.join(tmpdir(), 'galley-fleet-'));
		env = {
			DATABASE_URL: await postgres.createDatabase(),
			REDIS_URL: redis.url,
			// Polled rarely, so that edits arriving in time came over Redis (while Redis is
			// down, every 250 ms).
			FLEET_POLL_MS: '30000',
			VERSION_PAUSE_MS: '400',
			ROOM_UNLOAD_MS: '60000'
		};
		[a, b] = await Promise.all([
			startServer({ env: { ...env, DATA_DIR: path.join(dataDir, 'a') } }),
			startServer({ env: { ...env, DATA_DIR: path.join(dataDir, 'b') } })
		]);
	});

	afterEach(() => {
		closeAll();
	});

	afterAll(async () => {
		await Promise.all([a?.dispose(), b?.dispose()]);
		await redis?.dispose();
		await postgres?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('relays edits and presence between the processes, both ways', async () => {
		const id = await createStory(a.url, 'Shared', 'Start.');
		const onA = await join(a, id);
		const onB = await join(b, id);
		firstParagraphText(onA.doc).insert(0, 'Alpha ');
		await vi.waitFor(() => expect(textOf(onB)).toBe('Alpha Start.'));
		firstParagraphText(onB.doc).insert('Alpha Start.'.length - 1, ' beta');
		await vi.waitFor(() => {
			expect(textOf(onA)).toBe('Alpha Start beta.');
			expect(textOf(onB)).toBe('Alpha Start beta.');
		});
		onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
		await vi.waitFor(() =>
			expect(onB.provider.awareness.getStates().get(onA.doc.clientID)).toMatchObject({
				user: { name: expect.any(String) }
			})
		);
		expect(await exportText(b, id)).toBe(await exportText(a, id));
		expect(await health(a)).toEqual({ status: 200, body: { ok: true, status: 'ok' } });
	});

	it('shows someone joining on one process everyone present on the other at once', async () => {
		const id = await createStory(a.url, 'Present', 'Start.');
		const ada = await join(a, id);
		ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
		const seesAda = (client: Client) =>
			vi.waitFor(
				() =>
					expect(client.provider.awareness.getStates().get(ada.doc.clientID)).toMatchObject({
						user: { name: expect.any(String) }
					}),
				// Well before Ada's next renewal (every 15 s): it came with the join.
				{ timeout: 3_000 }
			);
		// The room opens on b for this client: b asks a who is there.
		await seesAda(await join(b, id));
		// The room is open on b: b remembers what a announced.
		await seesAda(await join(b, id));
	});

	it('serves an export under one ETag from every process, and never a stale one', async () => {
		const id = await createStory(a.url, 'Exported', 'Start.');
		// Behind a load balancer every process sees the same Host (the export names its source);
		// fetch will not send another Host, so this asks with node:http.
		const download = (server: RunningServer, ifNoneMatch?: string) =>
			new Promise<{ status: number; etag: string; body: string }>((resolve, reject) => {
				const headers: Record<string, string> = {
					host: 'galley.example',
					authorization: `Bearer ${ownerOf(id)}`,
					...(ifNoneMatch && { 'if-none-match': ifNoneMatch })
				};
				http
					.get(`${server.url}/api/stories/${id}/export?format=txt`, { headers }, (response) => {
						let body = '';
						response.setEncoding('utf8');
						response.on('data', (chunk: string) => (body += chunk));
						response.on('end', () =>
							resolve({ status: response.statusCode!, etag: String(response.headers.etag), body })
						);
					})
					.on('error', reject);
			});
		const first = await download(a);
		expect(first.body).toContain('Start.');
		expect(await download(b)).toEqual(first);
		expect((await download(b, first.etag)).status).toBe(304);

		const writer = await join(b, id);
		firstParagraphText(writer.doc).insert(0, 'Edited ');
		await vi.waitFor(async () => expect((await download(a)).body).toContain('Edited Start.'));
		const after = await download(a);
		expect(after.etag).not.toBe(first.etag);
		expect((await download(a, first.etag)).status).toBe(200);
		expect((await download(b, after.etag)).status).toBe(304);
	});

	it('converges everywhere with people typing at once on three processes', async () => {
		const c = await startServer({ env: { ...env, DATA_DIR: path.join(dataDir, 'c') } });
		try {
			const id = await createStory(a.url, 'Three desks', 'One.\n\nTwo.\n\nThree.');
			const typists = [await join(a, id), await join(b, id), await join(c, id)];
			const paragraphs = (client: Client) =>
				client.doc
					.getXmlFragment(STORY_FIELD)
					.toArray()
					.map((block) => String(block));
			// A script writes through the API of each process meanwhile: a comment on c, a
			// suggestion on a, accepted on b (an edit of the text by the server).
			const owner = (server: RunningServer) => api(server).as(ownerOf(id));
			const reviewing = async () => {
				const comment = await owner(c).post(`/api/stories/${id}/comments`, {
					start: 3,
					end: 4,
					body: 'A colon?'
				});
				expect(comment.status).toBe(201);
				const suggestion = await owner(a).post(`/api/stories/${id}/suggestions`, {
					start: 0,
					end: 3,
					replacement: 'Uno'
				});
				expect(suggestion.status).toBe(201);
				// b may hear of the suggestion a moment after a stored it.
				await vi.waitFor(
					async () =>
						expect(
							(await owner(b).post(`/api/stories/${id}/suggestions/${suggestion.body.id}/accept`))
								.status
						).toBe(200),
					{ timeout: 5_000 }
				);
			};
			// Each types 40 words into its own paragraph, every 5 ms, all at once.
			await Promise.all([
				...typists.map(async (typist, index) => {
					const block = typist.doc.getXmlFragment(STORY_FIELD).get(index) as Y.XmlElement;
					const text = block.get(0) as Y.XmlText;
					for (let word = 1; word <= 40; word++) {
						text.insert(text.length, ` ${index}w${word}`);
						await new Promise((resolve) => setTimeout(resolve, 5));
					}
				}),
				reviewing()
			]);
			await vi.waitFor(
				() => {
					const first = paragraphs(typists[0]!);
					for (const [index, line] of first.entries()) expect(line).toContain(`${index}w40`);
					for (const typist of typists.slice(1)) expect(paragraphs(typist)).toEqual(first);
				},
				{ timeout: 10_000 }
			);
			expect(paragraphs(typists[0]!)[0]).toContain('Uno. 0w1');
			const stored = await Promise.all([a, b, c].map((server) => exportText(server, id)));
			expect(new Set(stored).size).toBe(1);
			expect(stored[0]).toContain('2w40');
			expect(stored[0]!.startsWith('Uno. 0w1')).toBe(true);
			// The comment is on every process, still on its full stop.
			for (const server of [a, b, c]) {
				const { body } = await owner(server).get(`/api/stories/${id}/comments`);
				expect(body.threads).toHaveLength(1);
				expect(body.threads[0].anchor).toMatchObject({ start: 3, end: 4, detached: false });
			}
		} finally {
			await c.dispose();
		}
	});

	it('keeps relaying from Postgres while Redis is down, says so, and recovers when it is back', async () => {
		const id = await createStory(a.url, 'Without Redis', 'Start.');
		const onA = await join(a, id);
		const onB = await join(b, id);
		await redis.stop();
		try {
			await vi.waitFor(async () =>
				expect(await health(a)).toMatchObject({
					status: 200,
					body: { ok: true, status: 'degraded', reason: expect.stringMatching(/^redis/) }
				})
			);
			firstParagraphText(onA.doc).insert(0, 'Typed while Redis was down. ');
			await vi.waitFor(() => expect(textOf(onB)).toBe('Typed while Redis was down. Start.'), {
				timeout: 10_000
			});
			firstParagraphText(onB.doc).insert(0, 'And back. ');
			await vi.waitFor(() => expect(textOf(onA)).toMatch(/^And back\. Typed/), {
				timeout: 10_000
			});
		} finally {
			await redis.start();
		}
		await vi.waitFor(async () => expect((await health(b)).body.status).toBe('ok'), {
			timeout: 10_000
		});
		firstParagraphText(onA.doc).insert(0, 'Redis again. ');
		await vi.waitFor(() => expect(textOf(onB)).toMatch(/^Redis again\. And back\./));
		expect(await exportText(a, id)).toBe(await exportText(b, id));
	});

	it('acknowledges nothing while Postgres is down, says so, and stores it all once it is back', async () => {
		const id = await createStory(a.url, 'Without Postgres', 'Start.');
		const onA = await join(a, id);
		const onB = await join(b, id);
		const closes: number[] = [];
		onA.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
		await postgres.pause();
		try {
			firstParagraphText(onA.doc).insert(0, 'Typed while the database was down. ');
			await vi.waitFor(() => expect(closes).toContain(CloseCode.notSaved), { timeout: 10_000 });
			for (const server of [a, b]) {
				expect(await health(server)).toMatchObject({ status: 503, body: { ok: false } });
			}
			// Not stored, so not relayed: the other process's people never saw it.
			expect(textOf(onB)).toBe('Start.');
			// The writer's copy keeps it, to send again.
			expect(textOf(onA)).toBe('Typed while the database was down. Start.');
		} finally {
			await postgres.resume();
		}
		await vi.waitFor(
			async () => {
				expect(textOf(onB)).toBe('Typed while the database was down. Start.');
				expect(await exportText(b, id)).toBe(await exportText(a, id));
				expect(await exportText(a, id)).toContain('Typed while the database was down.');
			},
			{ timeout: 30_000, interval: 200 }
		);
		expect((await health(a)).status).toBe(200);
	});

	it('loses nothing acknowledged when a process is killed mid-typing: its clients go on elsewhere', async () => {
		const id = await createStory(a.url, 'Failover', 'Start.');
		const writer = await join(a, id);
		const watcher = await join(b, id);
		const text = firstParagraphText(writer.doc);
		let typed = 0;
		const typing = setInterval(() => text.insert(text.length, ` w${++typed}`), 10);
		try {
			await vi.waitFor(() => expect(textOf(watcher).split(' ').length).toBeGreaterThan(30), {
				timeout: 20_000
			});
			const acknowledged = await exportText(a, id);
			await a.kill('SIGKILL');
			clearInterval(typing);
			// What B relayed was stored: B's own export holds at least what A had acknowledged.
			expect((await exportText(b, id)).startsWith(acknowledged.trimEnd())).toBe(true);
			// The load balancer sends the writer's next connection to B, with its document.
			writer.provider.destroy();
			const moved = await join(b, id, writer.doc);
			await vi.waitFor(() => {
				expect(textOf(watcher)).toBe(textOf(moved));
				expect(textOf(moved).endsWith(` w${typed}`)).toBe(true);
			});
			expect((await exportText(b, id)).trimEnd().endsWith(` w${typed}`)).toBe(true);
		} finally {
			clearInterval(typing);
			await a.restart();
		}
		// The restarted process serves the room with everything.
		const back = await join(a, id);
		expect(textOf(back)).toBe(textOf(watcher));
	});

	it('lets a client id write for one link only, even when two processes get it at once', async () => {
		const id = await createStory(a.url, 'One id', 'Start.');
		const reader = await join(a, id);
		const state = Y.encodeStateAsUpdate(reader.doc);
		const known = Y.encodeStateVector(reader.doc);
		// The same Yjs client id, as someone who read it off another's presence would use it.
		const updateWith = (text: string) => {
			const doc = new Y.Doc();
			doc.clientID = 424_242;
			Y.applyUpdate(doc, state);
			firstParagraphText(doc).insert(0, text);
			return Y.encodeStateAsUpdate(doc, known);
		};
		// Without Redis, neither process hears of the other's binding before it writes its own.
		await redis.stop();
		try {
			const [onA, onB] = await Promise.all([
				connectRaw(a.wsUrl, `story:${id}`, tokenFor(id, 'owner')),
				connectRaw(b.wsUrl, `story:${id}`, tokenFor(id, 'editor'))
			]);
			await vi.waitFor(() => {
				expect(onA.messages.length).toBeGreaterThan(0);
				expect(onB.messages.length).toBeGreaterThan(0);
			});
			onA.ws.send(updateMessage(updateWith('Mine. ')));
			onB.ws.send(updateMessage(updateWith('Yours. ')));
			const closes = await Promise.all([closedWithin(onA, 3_000), closedWithin(onB, 3_000)]);
			expect(closes.filter((close) => close !== null)).toEqual([
				{ code: CloseCode.forbidden, reason: 'client id belongs to another user' }
			]);
			onA.ws.close();
			onB.ws.close();
		} finally {
			await redis.start();
		}
		await vi.waitFor(
			async () => {
				const text = await exportText(a, id);
				expect(await exportText(b, id)).toBe(text);
				expect(text.match(/Mine\. |Yours\. /g)).toHaveLength(1);
			},
			{ timeout: 5_000 }
		);
	});

	it('counts the people present in a story on every process, for the library', async () => {
		const id = await createStory(a.url, 'Crowded', 'Start.');
		const present = async (server: RunningServer) => {
			const list = await api(server)
				.holding([ownerOf(id)])
				.get('/api/stories');
			const stories = (list.body as { stories: Array<{ id: string; present: number }> }).stories;
			return stories.find((story) => story.id === id)?.present;
		};
		const onA = await join(a, id);
		const onB = await join(b, id);
		for (const [client, name] of [
			[onA, 'Ada'],
			[onB, 'Bo']
		] as const) {
			client.provider.awareness.setLocalStateField('user', { name });
		}
		await vi.waitFor(
			async () => {
				expect(await present(a)).toBe(2);
				expect(await present(b)).toBe(2);
			},
			{ timeout: 5_000 }
		);
		onB.destroy();
		await vi.waitFor(async () => expect(await present(a)).toBe(1), { timeout: 5_000 });
	});

	it('makes one automatic version of a pause in editing, however many processes took the edits', async () => {
		const id = await createStory(a.url, 'One version', 'Start.');
		const onA = await join(a, id);
		const onB = await join(b, id);
		const versions = async () => {
			const answer = await api(a).as(ownerOf(id)).get(`/api/stories/${id}/versions`);
			return (answer.body as VersionListResponse).versions;
		};
		const before = (await versions()).length;
		firstParagraphText(onA.doc).insert(0, 'From A. ');
		await vi.waitFor(() => expect(textOf(onB)).toBe('From A. Start.'));
		firstParagraphText(onB.doc).insert(0, 'From B. ');
		await vi.waitFor(() => expect(textOf(onA)).toBe('From B. From A. Start.'));
		// Both processes' pause timers run out (400 ms after their own last edit).
		await vi.waitFor(async () => expect((await versions()).length).toBeGreaterThan(before), {
			timeout: 5_000
		});
		// A bounded wait on purpose: the other process's timer has run out by then, and a second
		// version would be listed.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const made = (await versions()).slice(0, -before || undefined);
		expect(made.map((version) => version.kind)).toEqual(['auto']);
	});

	it('closes a link revoked on one process on every process within a second', async () => {
		const id = await createStory(a.url, 'Revoked', 'Start.');
		const owner = api(a).as(ownerOf(id));
		const made = await owner.post(`/api/stories/${id}/links`, { role: 'editor', name: 'Sam' });
		expect(made.status).toBe(201);
		const onB = await connectRaw(b.wsUrl, `story:${id}`, tokenOf(made.body.url as string));
		expect((await owner.delete(`/api/stories/${id}/links/${made.body.id as string}`)).status).toBe(
			204
		);
		// Every process re-checks its connections' links in the database twice a second; the
		// bound leaves room for a busy test machine.
		expect(await closedWithin(onB, 2_000)).toEqual({
			code: CloseCode.unauthorized,
			reason: 'the link was revoked or has expired'
		});
	});

	it('brings a downgrade and a rename made on one process to a person on the other, and lets people of different links share a story across processes', async () => {
		const id = await createStory(a.url, 'Downgraded', 'Start.');
		const owner = api(a).as(ownerOf(id));
		const made = await owner.post(`/api/stories/${id}/links`, { role: 'editor', name: 'Sam' });
		expect(made.status).toBe(201);
		const watcher = await join(a, id);
		watcher.provider.awareness.setLocalStateField('user', { name: 'whoever' });
		const sam = connectClient(b.wsUrl, `story:${id}`, new Y.Doc(), tokenOf(made.body.url));
		await synced(sam);
		sam.provider.awareness.setLocalStateField('user', { name: 'whoever' });
		const nameOf = (seer: Client, seen: Client) =>
			(seer.provider.awareness.getStates().get(seen.doc.clientID) as { user?: { name?: string } })
				?.user?.name;
		await vi.waitFor(() => expect(nameOf(watcher, sam)).toBe('Sam'), { timeout: 3_000 });
		await vi.waitFor(() => expect(nameOf(sam, watcher)).toEqual(expect.any(String)), {
			timeout: 3_000
		});
		// Sam's browser echoes the owner's presence back to b, as y-websocket clients do: b must
		// not take the owner's client id for Sam's link, or the owner's edits would be refused.
		firstParagraphText(watcher.doc).insert(0, 'Owner: ');
		await vi.waitFor(() => expect(textOf(sam)).toBe('Owner: Start.'));

		const patched = await owner.patch(`/api/stories/${id}/links/${made.body.id as string}`, {
			role: 'viewer',
			name: 'Samantha'
		});
		expect(patched.status).toBe(200);
		// b re-checks its connections' links twice a second: the new name shows on a.
		await vi.waitFor(() => expect(nameOf(watcher, sam)).toBe('Samantha'), { timeout: 3_000 });
		// And the viewer's edits are refused there, never reaching anyone.
		firstParagraphText(sam.doc).insert(0, 'Sneaky ');
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		sam.destroy();
		expect(textOf(watcher)).toBe('Owner: Start.');
		expect(await exportText(a, id)).toBe('Owner: Start.');
	});

	it('hands its people over on SIGTERM: exits cleanly, closing them with 1001', async () => {
		const id = await createStory(a.url, 'Handover', 'Start.');
		const writer = await join(a, id);
		const watcher = await join(b, id);
		const closes: number[] = [];
		writer.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
		const text = firstParagraphText(writer.doc);
		for (let word = 1; word <= 20; word++) text.insert(text.length, ` w${word}`);
		await vi.waitFor(async () => expect((await exportText(a, id)).trimEnd()).toMatch(/ w20$/));
		const stopped = a.kill('SIGTERM');
		try {
			expect(await stopped).toBe(0);
			expect(closes).toContain(1001);
			writer.provider.destroy();
			// B has every word without the writer coming back.
			expect((await exportText(b, id)).trimEnd()).toMatch(/ w20$/);
			await vi.waitFor(() => expect(textOf(watcher)).toBe(textOf(writer)));
		} finally {
			await a.restart();
		}
	});
});
