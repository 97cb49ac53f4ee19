import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '#shared/protocol/closeCodes';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/privatePostgres';
import { startPrivateRedis, type PrivateRedis } from '../helpers/privateRedis';
import { fleetClients, health, textOf } from '../helpers/fleetClients';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy';

// A bad network between one process (B) and Postgres or Redis, through TCP proxies the test
// slows down or cuts; process A reaches both directly.
describe('a fleet process behind a slow or broken network', () => {
	let postgres: PrivatePostgres;
	let redis: PrivateRedis;
	let toPostgres: TcpProxy;
	let toRedis: TcpProxy;
	let dataDir: string;
	let a: RunningServer;
	let b: RunningServer;
	const { join, closeAll } = fleetClients();

	const portOf = (url: string) => Number(new URL(url).port);
	const throughPort = (url: string, port: number) => {
		const parsed = new URL(url);
		parsed.port = String(port);
		return parsed.toString();
	};

	beforeAll(async () => {
		postgres = await startPrivatePostgres();
		redis = await startPrivateRedis();
		dataDir = mkdtempSync(path.join(tmpdir(), 'galley-fleet-net-'));
		const databaseUrl = await postgres.createDatabase();
		toPostgres = await startTcpProxy(portOf(databaseUrl));
		toRedis = await startTcpProxy(portOf(redis.url));
		const env = { FLEET_POLL_MS: '30000', ROOM_UNLOAD_MS: '60000' };
		[a, b] = await Promise.all([
			startServer({
				env: {
					...env,
					DATABASE_URL: databaseUrl,
					REDIS_URL: redis.url,
					DATA_DIR: path.join(dataDir, 'a')
				}
			}),
			startServer({
				env: {
					...env,
					DATABASE_URL: throughPort(databaseUrl, toPostgres.port),
					REDIS_URL: throughPort(redis.url, toRedis.port),
					DATA_DIR: path.join(dataDir, 'b')
				}
			})
		]);
	});

	afterEach(() => {
		closeAll();
		toPostgres.delayMs = toRedis.delayMs = 0;
		toPostgres.restore();
		toRedis.restore();
	});

	afterAll(async () => {
		await Promise.all([a?.dispose(), b?.dispose()]);
		await Promise.all([toPostgres?.close(), toRedis?.close()]);
		await redis?.dispose();
		await postgres?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('converges with 40 ms each way to Postgres and Redis', async () => {
		const id = await createStory(a.url, 'Slow', 'Start.');
		const onA = await join(a, id);
		const onB = await join(b, id);
		toPostgres.delayMs = toRedis.delayMs = 40;
		for (let word = 1; word <= 10; word++) {
			firstParagraphText(onA.doc).insert(0, `a${word} `);
			const text = firstParagraphText(onB.doc);
			text.insert(text.length, ` b${word}`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await vi.waitFor(
			() => {
				expect(textOf(onA)).toBe(textOf(onB));
				expect(textOf(onA)).toMatch(/^a10 .* b10$/);
			},
			{ timeout: 15_000 }
		);
		expect(await exportText(b, id)).toBe(await exportText(a, id));
	});

	it('falls back to Postgres when its link to Redis is cut, and recovers when it is back', async () => {
		const id = await createStory(a.url, 'Cut from Redis', 'Start.');
		const onA = await join(a, id);
		const onB = await join(b, id);
		toRedis.cut();
		await vi.waitFor(async () => expect((await health(b)).body.status).toBe('degraded'), {
			timeout: 10_000
		});
		expect((await health(a)).body.status).toBe('ok');
		firstParagraphText(onA.doc).insert(0, 'Across the cut. ');
		await vi.waitFor(() => expect(textOf(onB)).toBe('Across the cut. Start.'), {
			timeout: 10_000
		});
		toRedis.restore();
		await vi.waitFor(async () => expect((await health(b)).body.status).toBe('ok'), {
			timeout: 10_000
		});
		firstParagraphText(onB.doc).insert(0, 'Healed. ');
		await vi.waitFor(() => expect(textOf(onA)).toBe('Healed. Across the cut. Start.'));
	});

	it('acknowledges nothing over a cut link to Postgres, and stores it all once it heals', async () => {
		const id = await createStory(a.url, 'Cut from Postgres', 'Start.');
		const onA = await join(a, id);
		const onB = await join(b, id);
		const closes: number[] = [];
		onB.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
		toPostgres.cut();
		firstParagraphText(onB.doc).insert(0, 'Typed across a broken link. ');
		await vi.waitFor(() => expect(closes).toContain(CloseCode.notSaved), { timeout: 15_000 });
		expect((await health(b)).status).toBe(503);
		expect((await health(a)).status).toBe(200);
		expect(textOf(onA)).toBe('Start.');
		toPostgres.restore();
		await vi.waitFor(
			async () => {
				expect(textOf(onA)).toBe('Typed across a broken link. Start.');
				expect(await exportText(a, id)).toBe(await exportText(b, id));
			},
			{ timeout: 30_000, interval: 200 }
		);
	});
});
