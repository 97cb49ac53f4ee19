import { execFileSync } from 'node:child_process';
import {
	closeSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	rmdirSync,
	writeSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '#shared/protocol/closeCodes';
import { storyRoom } from '#shared/protocol/rooms';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import { connectClient, synced, type Client } from '../helpers/wsClients';
import { ownerOf } from '../helpers/links';
import { api } from '../helpers/apiClient';

// The data folder on a small tmpfs of its own, filled to the last byte while someone types. The
// server must say so quietly and clearly: the writer's connection is closed with 4503 "not
// saved" (a retry, not 1011), /healthz answers 503 with the reason, the log gets one line for
// the first failure and counts the rest (a stock client retrying every 200 ms used to write ~18
// stack traces a second), and once space returns the edit is stored — still there after kill -9.

const MOUNT_BYTES = 8 * 1024 * 1024;
const OPENING = 'The harbour was quiet when the boats came in.';

let mountPoint: string;
let server: RunningServer;
let storyId: string;
const filler = () => path.join(mountPoint, 'filler');

beforeAll(async () => {
	mountPoint = mkdtempSync(path.join(tmpdir(), 'galley-full-'));
	// Needs root (CI runs as root): a real full disk, not a store that pretends.
	execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${MOUNT_BYTES}`, 'tmpfs', mountPoint]);
	server = await startServer({ dataDir: path.join(mountPoint, 'data') });
	storyId = await createStory(server.url, 'Full disk', `${OPENING}\n`);
});

afterAll(async () => {
	await server?.kill('SIGKILL');
	if (mountPoint) {
		execFileSync('umount', [mountPoint]);
		rmdirSync(mountPoint);
	}
});

/** Writes zeros until the file system says ENOSPC. */
function fillDisk(): void {
	const fd = openSync(filler(), 'w');
	const chunk = Buffer.alloc(64 * 1024);
	try {
		for (;;) writeSync(fd, chunk);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
	} finally {
		closeSync(fd);
	}
}

/** Every error line the server logged (pino level 50). */
function errorLines(): string[] {
	return readFileSync(server.logFile, 'utf8')
		.split('\n')
		.filter((line) => line.includes('"level":50'));
}

describe('a full disk', () => {
	let writer: Client;

	it('closes the writer with 4503 "not saved", answers 503 on /healthz and the API, logs once', async () => {
		writer = connectClient(server.wsUrl, storyRoom(storyId));
		await synced(writer);
		const closes: Array<{ code: number; reason: string }> = [];
		writer.provider.on('connection-close', (event: CloseEvent | null) => {
			if (event) closes.push({ code: event.code, reason: event.reason });
		});
		fillDisk();
		// More than the write-ahead log can take in the space it already holds.
		const paragraph = firstParagraphText(writer.doc);
		paragraph.insert(paragraph.length, ' And the tide rose.'.repeat(20_000));

		await vi.waitFor(() => expect(closes.length).toBeGreaterThan(0), { timeout: 10_000 });
		expect(closes[0]).toEqual({
			code: CloseCode.notSaved,
			reason: 'not saved: the disk is full; retrying'
		});
		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(503);
		expect(await health.json()).toMatchObject({
			ok: false,
			error: 'cannot save: the disk is full',
			kind: 'disk_full'
		});
		const comment = await api(server)
			.as(ownerOf(storyId))
			.post(`/api/stories/${storyId}/comments`, {
				start: 4,
				end: 11,
				body: 'Which harbour?'
			});
		expect(comment.status).toBe(503);
		expect(comment.body.error.code).toBe('not_saved');

		// The stock client keeps retrying (every 200 ms here): each retry fails, none is logged.
		await vi.waitFor(() => expect(closes.length).toBeGreaterThanOrEqual(8), { timeout: 20_000 });
		expect(closes.every((close) => close.code === CloseCode.notSaved)).toBe(true);
		const lines = errorLines();
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('"component":"store"');
		expect(lines[0]).toContain('could not write to the store: the disk is full');
		expect(await exportText(server.url, storyId)).toBe(`${OPENING}\n`);
	});

	it('stores the edit once space returns, and keeps it through a kill -9', async () => {
		rmSync(filler());
		const expected = firstParagraphText(writer.doc).toString();
		await vi.waitFor(
			async () => expect(await exportText(server.url, storyId)).toBe(`${expected}\n`),
			{ timeout: 20_000 }
		);
		await vi.waitFor(async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200), {
			timeout: 10_000
		});
		writer.destroy();
		await server.kill('SIGKILL');
		await server.restart();
		expect(await exportText(server.url, storyId)).toBe(`${expected}\n`);
	});
});
