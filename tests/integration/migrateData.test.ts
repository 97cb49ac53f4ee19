import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LinkListResponse, VersionListResponse } from '#shared/api/types';
import { api } from '../helpers/apiClient';
import { makeLink, ownerOf } from '../helpers/links';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/privatePostgres';
import { repoRoot, startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import { connectClient, synced } from '../helpers/wsClients';

const run = promisify(execFile);
let postgres: PrivatePostgres;
const servers: RunningServer[] = [];

beforeAll(async () => {
	postgres = await startPrivatePostgres();
});
afterAll(async () => {
	await postgres?.stop();
});
afterEach(async () => {
	for (const server of servers.splice(0)) await server.dispose();
});

function migrate(from: string, to: string) {
	return run(
		process.execPath,
		[
			path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
			'server/cli.ts',
			'migrate-data',
			'--from',
			from,
			'--to',
			to
		],
		{ cwd: repoRoot }
	).then(
		({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
		(error: { code: number; stdout: string; stderr: string }) => error
	);
}

async function overview(server: RunningServer, id: string) {
	const owner = api(server).as(ownerOf(id));
	const versions = (await owner.get(`/api/stories/${id}/versions`)).body as VersionListResponse;
	const links = (await owner.get(`/api/stories/${id}/links`)).body as LinkListResponse;
	return {
		text: await exportText(server, id),
		html: await api(server)
			.as(ownerOf(id))
			.text(`/api/stories/${id}/export?format=html&comments=1&suggestions=1`),
		versions: versions.versions.map(({ id, name, kind, words }) => ({ id, name, kind, words })),
		links: links.links.map(({ id, role, name }) => ({ id, role, name }))
	};
}

describe('npm run galley -- migrate-data', () => {
	it('copies a SQLite installation into Postgres, verified, and the server serves it from there', async () => {
		const source = await startServer();
		servers.push(source);
		const first = await createStory(source.url, 'Moved', 'Before the move.');
		const second = await createStory(source.url, 'Also moved', 'Another story.');
		// A logged edit, a named version, a link made and one revoked.
		const client = connectClient(source.wsUrl, `story:${first}`);
		await synced(client);
		firstParagraphText(client.doc).insert(16, ' Typed after.');
		await vi.waitFor(async () =>
			expect(await exportText(source, first)).toBe('Before the move. Typed after.')
		);
		client.destroy();
		const owner = api(source).as(ownerOf(first));
		expect((await owner.post(`/api/stories/${first}/versions`, { name: 'Draft' })).status).toBe(
			201
		);
		const editorToken = await makeLink(source.url, first, 'editor', 'Bo');
		const { links } = (await owner.get(`/api/stories/${first}/links`)).body as LinkListResponse;
		const commenter = links.find((link) => link.role === 'commenter')!;
		expect((await owner.delete(`/api/stories/${first}/links/${commenter.id}`)).status).toBe(204);
		const before = [await overview(source, first), await overview(source, second)];
		// Killed, not stopped: the edit is still in the update log rather than compacted away.
		await source.kill('SIGKILL');

		const databaseUrl = await postgres.createDatabase();
		const copied = await migrate(`sqlite:${source.dataDir}`, databaseUrl);
		expect(copied.stderr).toBe('');
		expect(copied.code).toBe(0);
		expect(copied.stdout).toContain('Done: 2 stories');
		expect(copied.stdout).toContain('counts and exports verified');

		const target = await startServer({ env: { DATABASE_URL: databaseUrl } });
		servers.push(target);
		expect([await overview(target, first), await overview(target, second)]).toEqual(before);
		// Tokens keep working (only their hashes are stored, and copied), revoked ones stay revoked.
		expect(await exportText(target, first, editorToken)).toBe('Before the move. Typed after.');
		const revoked = await api(target).as(ownerOf(first)).get(`/api/stories/${first}/links`);
		expect((revoked.body as LinkListResponse).links.map((link) => link.id)).not.toContain(
			commenter.id
		);

		// Into a database that holds stories already: refused, nothing copied twice.
		const again = await migrate(`sqlite:${source.dataDir}`, databaseUrl);
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('already holds 2 stories');
	});

	it('refuses a store it cannot name', async () => {
		const answer = await migrate('./data', 'mysql://x');
		expect(answer.code).not.toBe(0);
		expect(answer.stderr).toContain('neither sqlite:<data folder> nor a postgres:// URL');
	});
});
