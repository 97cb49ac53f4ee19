import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` runs the server compiled to JavaScript on plain node (no tsx, in the process or its
// worker threads). Every other test runs the TypeScript sources through tsx, so this one builds
// its own copy of the compiled server and checks that it serves, and that each kind of work its
// worker threads do loads there: an import, exports (the changes report too) and proofreading
// (the checker is a lazy import, a chunk of its own).
const repoRoot = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(repoRoot, `tests/.out/build-server-${process.pid}`);
const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-compiled-'));
let child: ChildProcess;
let url = '';

beforeAll(async () => {
	execFileSync(process.execPath, ['scripts/buildServer.mjs', outDir], { cwd: repoRoot });
	child = spawn(process.execPath, [path.join(outDir, 'main.js')], {
		cwd: repoRoot,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const port = await new Promise<number>((resolve, reject) => {
		let buffered = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			const match = /listening (\d+)/.exec(buffered);
			if (match) resolve(Number(match[1]));
		});
		child.once('exit', (code) => reject(new Error(`compiled server exited with ${code}`)));
	});
	url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
	if (child && child.exitCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
	}
	rmSync(outDir, { recursive: true, force: true });
	rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled server (npm start)', () => {
	it('runs on plain node, with its worker threads on the compiled tasks', async () => {
		expect((await fetch(`${url}/healthz`)).status).toBe(200);

		const form = new FormData();
		form.append('file', new Blob(['Teh cat sat on the mat.\n\nIt was late.\n']), 'cat.txt');
		const imported = await fetch(`${url}/api/stories`, { method: 'POST', body: form });
		expect(imported.status).toBe(201);
		const story = (
			(await imported.json()) as { stories: [{ id: string; links: { owner: string } }] }
		).stories[0];
		const headers = {
			authorization: `Bearer ${new URL(story.links.owner).searchParams.get('token')}`
		};

		for (const format of ['docx', 'changes']) {
			const exported = await fetch(`${url}/api/stories/${story.id}/export?format=${format}`, {
				headers
			});
			expect(exported.status, format).toBe(200);
			await exported.arrayBuffer();
		}

		const proofread = await fetch(`${url}/api/stories/${story.id}/proofread`, { headers });
		expect(proofread.status).toBe(200);
		const { flags } = (await proofread.json()) as { flags: Array<{ start: number }> };
		expect(flags.some((flag) => flag.start === 0)).toBe(true);
	});
});
