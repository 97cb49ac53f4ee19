import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startServer, type RunningServer } from '../helpers/startServer';
import { exportText } from '../helpers/stories';

const run = promisify(execFile);
let server: RunningServer;
let workDir: string;

function galley(...args: string[]) {
	return run(
		process.execPath,
		[path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', ...args],
		{
			cwd: repoRoot,
			env: { ...process.env, DATA_DIR: server.dataDir }
		}
	);
}

beforeAll(async () => {
	server = await startServer();
	workDir = mkdtempSync(path.join(tmpdir(), 'galley-cli-'));
});
afterAll(async () => {
	await server?.dispose();
	rmSync(workDir, { recursive: true, force: true });
});

describe('galley CLI beside a running server', () => {
	it('imports files, lists them, and exports what the server serves', async () => {
		const text = 'Chapter one.\n\nIt was a dark and stormy night;\nthe rain fell in torrents.\n';
		writeFileSync(path.join(workDir, 'Storm.txt'), text);
		writeFileSync(path.join(workDir, 'Calm.md'), '# Calm\n\nA *quiet* day.\n');

		const imported = await galley(
			'import',
			path.join(workDir, 'Storm.txt'),
			path.join(workDir, 'Calm.md')
		);
		const lines = imported.stdout.trim().split('\n');
		expect(lines).toHaveLength(2);
		const [id, url, title] = lines[0]!.split('\t');
		expect(url).toMatch(new RegExp(`^/stories/${id}\\?token=[A-Za-z0-9_-]{43}$`));
		expect(title).toBe('Storm');

		// The running server sees the story the CLI wrote into the same database, through its owner link.
		const token = new URL(url!, server.url).searchParams.get('token')!;
		expect(await exportText(server, id!, token)).toBe(text);

		const listed = await galley('list');
		expect(listed.stdout).toContain(`${id}\t14 words`);
		expect(listed.stdout).toContain('Calm');

		const out = path.join(workDir, 'out.txt');
		await galley('export', id!, '--format', 'txt', '--out', out);
		expect(readFileSync(out, 'utf8')).toBe(text);
	});

	it('reports a failed file and still imports the others', async () => {
		writeFileSync(path.join(workDir, 'ok.txt'), 'Fine.');
		writeFileSync(path.join(workDir, 'bad.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255]));
		const result = await galley(
			'import',
			path.join(workDir, 'bad.txt'),
			path.join(workDir, 'ok.txt')
		).then(
			() => null,
			(error: { code: number; stdout: string; stderr: string }) => error
		);
		expect(result?.code).toBe(1);
		expect(result?.stderr).toMatch(/bad\.txt: .*binary/);
		expect(result?.stdout).toMatch(/\tok\n/);
	});

	it('refuses an unknown story id', async () => {
		const result = await galley('export', 'nope-nope-nope').catch(
			(error: { code: number; stderr: string }) => error
		);
		expect(result).toMatchObject({ code: 1 });
		expect((result as { stderr: string }).stderr).toContain('No story with id');
	});

	it("lists a story's versions and exports one, also as the changes report between two", async () => {
		writeFileSync(path.join(workDir, 'Versions.txt'), 'First words.\n');
		const imported = await galley('import', path.join(workDir, 'Versions.txt'));
		const id = imported.stdout.split('\t')[0]!;
		const listed = await galley('versions', id);
		const [line] = listed.stdout.trim().split('\n');
		const [versionId, , kind, , words] = line!.split('\t');
		expect([kind, words]).toEqual(['import', '2 words (+0)']);
		expect((await galley('export', id, '--version', versionId!)).stdout).toBe('First words.\n');
		const report = await galley('export', id, '--format', 'changes', '--from', versionId!);
		expect(report.stdout).toContain(`From version ${versionId} to the current text`);
		const unknown = await galley('export', id, '--version', 'nosuchversion').catch(
			(error: { code: number; stderr: string }) => error
		);
		expect(unknown).toMatchObject({ code: 1 });
		expect((unknown as { stderr: string }).stderr).toContain('No version');
	});
});
