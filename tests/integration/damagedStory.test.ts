import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { CloseCode } from '#shared/protocol/closeCodes';
import { createStory, firstParagraphText } from '../helpers/stories';
import { repoRoot, startServer, type RunningServer } from '../helpers/startServer';
import { connectClient, connectRaw, synced, type Client } from '../helpers/wsClients';
import { ownerOf } from '../helpers/links';
import { api } from '../helpers/apiClient';

// A story whose stored rows no longer read back as written (a snapshot cut in half, one flipped
// byte in an update) must never open empty and never be overwritten: the room refuses with 4409,
// the rows are copied to the quarantine and stay where they are, /healthz and the log name the
// story (once), `galley check` reports it, and every other story works as before.

const DAMAGED = { code: CloseCode.storyDamaged, reason: "this story's saved data is damaged" };
const run = promisify(execFile);

let server: RunningServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await server?.dispose();
	server = undefined;
});

function withDb<T>(running: RunningServer, fn: (db: Database.Database) => T): T {
	const db = new Database(path.join(running.dataDir, 'galley.sqlite'));
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

/** The txt export as the story's owner, whatever its status. */
async function exportAsOwner(running: RunningServer, id: string): Promise<Response> {
	return api(running).as(ownerOf(id)).raw(`/api/stories/${id}/export?format=txt`);
}

/** Types `text` at the end of the story's first paragraph and waits until the server has it. */
async function typeInto(running: RunningServer, id: string, text: string): Promise<string> {
	const client = connectClient(running.wsUrl, `story:${id}`);
	clients.push(client);
	await synced(client);
	const paragraph = firstParagraphText(client.doc);
	paragraph.insert(paragraph.length, text);
	const expected = paragraph.toString();
	await vi.waitFor(
		async () => expect(await (await exportAsOwner(running, id)).text()).toBe(expected),
		{ timeout: 10_000 }
	);
	client.provider.shouldConnect = false;
	client.provider.disconnect();
	return expected;
}

/** A stock provider whose document holds an edit of its own: it tries to sync, is refused for good. */
async function attemptEdit(running: RunningServer, room: string): Promise<Client> {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	doc.getXmlFragment(STORY_FIELD).push([paragraph]);
	paragraph.push([new Y.XmlText('Typed over the damage.')]);
	const client = connectClient(running.wsUrl, room, doc);
	clients.push(client);
	const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
		client.provider.once('closed', resolve)
	);
	expect(closed).toEqual(DAMAGED);
	// y-websocket gives up on 44xx codes: no reconnect loop.
	expect(client.provider.shouldConnect).toBe(false);
	return client;
}

async function galleyCheck(running: RunningServer): Promise<{ code: number; stdout: string }> {
	try {
		const { stdout } = await run(
			process.execPath,
			[path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', 'check'],
			{ cwd: repoRoot, env: { ...process.env, DATA_DIR: running.dataDir } }
		);
		return { code: 0, stdout };
	} catch (error) {
		const failed = error as { code: number; stdout: string };
		return { code: failed.code, stdout: failed.stdout };
	}
}

function quarantined(running: RunningServer, room: string) {
	return withDb(running, (db) =>
		db
			.prepare('SELECT kind, seq, data, reason, quarantined_at FROM quarantine WHERE room = ?')
			.all(room)
	) as Array<{ kind: string; seq: number | null; data: Buffer; reason: string }>;
}

function damageLogLines(running: RunningServer, room: string): number {
	return readFileSync(running.logFile, 'utf8')
		.split('\n')
		.filter((line) => line.includes('saved data is damaged') && line.includes(room)).length;
}

/**
 * Everything a damaged story must answer while the server runs; `runs` is how many server
 * processes have found it so far (each names it once in the log, which restarts append to).
 */
async function expectRefused(running: RunningServer, id: string, runs: number): Promise<void> {
	const room = `story:${id}`;
	for (let attempt = 0; attempt < 3; attempt++) {
		const raw = await connectRaw(running.wsUrl, room);
		expect(await raw.closed).toEqual(DAMAGED);
	}
	await attemptEdit(running, room);
	const exported = await exportAsOwner(running, id);
	expect(exported.status).toBe(409);
	expect(((await exported.json()) as { error: { code: string } }).error.code).toBe('story_damaged');
	expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({
		ok: true,
		damagedStories: [id]
	});
	// Named once per process, however many times it was asked for.
	expect(damageLogLines(running, room)).toBe(runs);
}

/** Another story opens, edits and exports as usual. */
async function expectHealthy(running: RunningServer, id: string, text: string): Promise<void> {
	expect(await typeInto(running, id, text)).toContain(text);
}

describe('a story whose saved data is damaged', () => {
	it('a snapshot cut in half (graceful stop): refused with 4409, kept as it was, quarantined, reported', async () => {
		server = await startServer({ env: { ROOM_UNLOAD_MS: '100' } });
		const id = await createStory(server.url, 'Damaged', 'The first words.');
		const healthy = await createStory(server.url, 'Healthy', 'Untouched text.');
		await typeInto(server, id, ' More words.');
		expect(await server.kill('SIGTERM')).toBe(0); // compacts: the story is one snapshot now

		const room = `story:${id}`;
		const cut = withDb(server, (db) => {
			const { snapshot } = db
				.prepare('SELECT snapshot FROM documents WHERE room = ?')
				.get(room) as { snapshot: Buffer };
			const half = snapshot.subarray(0, Math.floor(snapshot.length / 2));
			db.prepare('UPDATE documents SET snapshot = ? WHERE room = ?').run(half, room);
			return Buffer.from(half);
		});

		await server.restart();
		await expectRefused(server, id, 1);
		await expectHealthy(server, healthy, ' Still editable.');
		const storedSnapshot = () =>
			withDb(
				server!,
				(db) =>
					(
						db.prepare('SELECT snapshot FROM documents WHERE room = ?').get(room) as {
							snapshot: Buffer;
						}
					).snapshot
			);
		expect(storedSnapshot()).toEqual(cut);
		const kept = quarantined(server, room);
		expect(kept).toEqual([
			expect.objectContaining({ kind: 'snapshot', seq: null, reason: expect.any(String) })
		]);
		expect(kept[0]!.data).toEqual(cut);

		const check = await galleyCheck(server);
		expect(check.code).toBe(1);
		expect(check.stdout).toContain(`${id}\tdamaged\tDamaged\t${room}: snapshot`);
		expect(check.stdout).toContain(`${healthy}\tok\tHealthy`);

		// After another stop (which compacts every open room) and start: still the same bytes.
		expect(await server.kill('SIGTERM')).toBe(0);
		await server.restart();
		await expectRefused(server, id, 2);
		expect(storedSnapshot()).toEqual(cut);
		expect(quarantined(server, room)).toHaveLength(1);
	});

	it('one flipped byte in an update (kill -9): refused, the row is never compacted away', async () => {
		server = await startServer({ env: { ROOM_UNLOAD_MS: '100' } });
		const id = await createStory(server.url, 'Flipped', 'Imported text.');
		const healthy = await createStory(server.url, 'Healthy', 'Other text.');
		await typeInto(server, id, ' Added later.');
		await server.kill('SIGKILL'); // no compaction: the edit is a logged update

		const room = `story:${id}`;
		const { seq, flipped } = withDb(server, (db) => {
			const row = db
				.prepare('SELECT seq, data FROM updates WHERE room = ? ORDER BY seq DESC LIMIT 1')
				.get(room) as { seq: number; data: Buffer };
			// 'A' → 'a' inside the typed text: Yjs decodes it happily, only the checksum tells.
			const at = row.data.indexOf('Added');
			expect(at).toBeGreaterThan(0);
			const data = Buffer.from(row.data);
			data[at] = data[at]! ^ 0x20;
			db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(data, row.seq);
			return { seq: row.seq, flipped: data };
		});
		const storedUpdate = () =>
			withDb(
				server!,
				(db) =>
					(
						db.prepare('SELECT data FROM updates WHERE seq = ?').get(seq) as
							{ data: Buffer } | undefined
					)?.data
			);

		await server.restart();
		await expectRefused(server, id, 1);
		await expectHealthy(server, healthy, ' Fine.');
		expect(quarantined(server, room)).toEqual([
			expect.objectContaining({
				kind: 'update',
				seq,
				data: flipped,
				reason: expect.stringMatching(/checksum/)
			})
		]);
		const check = await galleyCheck(server);
		expect(check.code).toBe(1);
		expect(check.stdout).toContain(`${id}\tdamaged\tFlipped\t${room}: update ${seq}`);

		// Long past ROOM_UNLOAD_MS and after a kill -9 and a restart: the row is still there, unchanged.
		// A bounded wait on purpose: nothing may remove the row when the room unloads.
		await new Promise((resolve) => setTimeout(resolve, 500));
		await server.kill('SIGKILL');
		await server.restart();
		expect(storedUpdate()).toEqual(flipped);
		await expectRefused(server, id, 2);
		expect(quarantined(server, room)).toHaveLength(1);
	});
});
