import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyRoom } from '#shared/protocol/rooms';
import { call, closed, openSocket, upgradeStatus, WRONG } from '../helpers/addressProbes';
import { tokenFor } from '../helpers/links';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/privatePostgres';
import { startPrivateRedis, type PrivateRedis } from '../helpers/privateRedis';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory } from '../helpers/stories';

// Limits count the whole fleet's use: an address spreading its attempts or its WebSockets over
// two processes meets the same limits as on one (set low here, on both processes alike).
describe('limits across a fleet of two processes', () => {
	let postgres: PrivatePostgres;
	let redis: PrivateRedis;
	let dataDir: string;
	let a: RunningServer;
	let b: RunningServer;
	let id: string;

	beforeAll(async () => {
		postgres = await startPrivatePostgres();
		redis = await startPrivateRedis();
		dataDir = mkdtempSync(path.join(tmpdir(), 'galley-fleet-limits-'));
		const env = {
			DATABASE_URL: await postgres.createDatabase(),
			REDIS_URL: redis.url,
			TOKEN_FAILURES_PER_MINUTE: '6',
			WS_CONNECTIONS_PER_ADDRESS: '4'
		};
		[a, b] = await Promise.all([
			startServer({ env: { ...env, DATA_DIR: path.join(dataDir, 'a') } }),
			startServer({ env: { ...env, DATA_DIR: path.join(dataDir, 'b') } })
		]);
		id = await createStory(a.url, 'Guarded', 'Behind a door.\n');
	});

	afterAll(async () => {
		await Promise.all([a?.dispose(), b?.dispose()]);
		await redis?.dispose();
		await postgres?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('caps an address’s open WebSockets over both processes, until one closes', async () => {
		const owner = tokenFor(id);
		const room = storyRoom(id);
		const sockets = [
			await openSocket(a, room, owner),
			await openSocket(a, room, owner),
			await openSocket(b, room, owner),
			await openSocket(b, room, owner)
		];
		// Each process holds two of the four: only the fleet's count reaches the cap.
		await expect
			.poll(() => upgradeStatus(a, room, owner).then((answer) => answer.status))
			.toBe(429);
		// Each process hears of the other's counts a moment apart: poll the second too.
		await expect
			.poll(() => upgradeStatus(b, room, owner).then((answer) => answer.status))
			.toBe(429);
		expect((await upgradeStatus(a, room, owner, '127.0.0.2')).status).toBe(101);
		await closed(sockets.pop()!);
		await expect
			.poll(() => upgradeStatus(a, room, owner).then((answer) => answer.status))
			.toBe(101);
		for (const socket of sockets) await closed(socket);
	});

	it('counts an address’s failed tokens over both processes', async () => {
		const story = `/api/stories/${id}`;
		for (const server of [a, a, a, b, b, b]) {
			expect((await call(server, 'GET', story, { token: WRONG, from: '127.0.0.3' })).status).toBe(
				401
			);
		}
		// Three failures on each: six in all, the fleet's limit for the minute.
		const owner = tokenFor(id);
		await expect
			.poll(() => call(a, 'GET', story, { token: owner, from: '127.0.0.3' }).then((r) => r.status))
			.toBe(429);
		const fromThere = () => call(b, 'GET', story, { token: owner, from: '127.0.0.3' });
		await expect.poll(() => fromThere().then((answer) => answer.status)).toBe(429);
		const throttled = await fromThere();
		expect(throttled.status).toBe(429);
		expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect((await call(b, 'GET', story, { token: owner, from: '127.0.0.4' })).status).toBe(200);
	});
});
