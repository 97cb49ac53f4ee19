import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagSchema } from '#shared/proofing/types';
import { repoRoot } from '../helpers/startServer';

const run = promisify(execFile);
let workDir: string;

/** `node --import tsx server/cli.ts proofread …`, as `npm run galley -- proofread …` runs it. */
function proofread(...args: string[]) {
	return run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'proofread', ...args], {
		cwd: repoRoot
	}).then(
		({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
		(error: { code: number; stdout: string; stderr: string }) => error
	);
}

beforeAll(() => {
	workDir = mkdtempSync(path.join(tmpdir(), 'galley-proofread-'));
	writeFileSync(
		path.join(workDir, 'harbour night.txt'),
		'"Stay here." She whispered. It was colder then the sea.\n\nShe dont know why.\n'
	);
	writeFileSync(path.join(workDir, 'clean.txt'), 'The boat came in at dawn, and nobody spoke.\n');
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('galley proofread', () => {
	it('prints one JSON flag per line with the file name as the story', async () => {
		const result = await proofread(
			path.join(workDir, 'harbour night.txt'),
			path.join(workDir, 'clean.txt'),
			'--json'
		);
		expect(result.code).toBe(0);
		const rows = result.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		for (const row of rows) {
			expect(row.story).toBe('harbour night.txt');
			expect(flagSchema.safeParse(row).success).toBe(true);
		}
		const text = '"Stay here." She whispered. It was colder then the sea.\n\nShe dont know why.\n';
		const found = rows.map((row) => [
			text.slice(row.start as number, row.end as number),
			(row.suggestions as string[])[0]
		]);
		expect(found).toEqual([
			['." She', '," she'],
			['then', 'than'],
			['dont', "don't"]
		]);
	});

	it('prints a readable report without --json', async () => {
		const result = await proofread(path.join(workDir, 'harbour night.txt'));
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('harbour night.txt:1:43 confusion "then"');
		expect(result.stdout).toContain('→ "than"');
		expect(result.stdout).toContain('harbour night.txt:3:5 apostrophe "dont"');
		expect(result.stdout).toMatch(/harbour night\.txt: 3 flags\n$/);
	});

	it('checks every file it can read and fails on the others', async () => {
		const result = await proofread(
			path.join(workDir, 'missing.txt'),
			path.join(workDir, 'clean.txt')
		);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('missing.txt');
		expect(result.stdout).toContain('clean.txt: 0 flags');
	});

	it('keeps only the surest flags with --confidence likely, and refuses an unknown level', async () => {
		const file = path.join(workDir, 'harbour night.txt');
		const rows = (result: { stdout: string }) =>
			result.stdout
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as { confidence: string });
		const all = rows(await proofread(file, '--json'));
		const likely = rows(await proofread(file, '--json', '--confidence', 'likely'));
		expect(likely).toEqual(all.filter((row) => row.confidence === 'likely'));
		expect(likely.length).toBeGreaterThan(0);
		const bad = await proofread(file, '--confidence', 'sure');
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('unknown confidence');
	});

	it('asks for files and refuses an unknown locale', async () => {
		expect((await proofread()).code).toBe(2);
		const result = await proofread(path.join(workDir, 'clean.txt'), '--locale', 'fr-FR');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('unknown locale');
	});

	it('spells by --locale en-GB', async () => {
		writeFileSync(path.join(workDir, 'colour.txt'), 'She realised it was late.\n');
		const british = await proofread(
			path.join(workDir, 'colour.txt'),
			'--locale',
			'en-GB',
			'--json'
		);
		expect(british.stdout).toBe('');
		const american = await proofread(path.join(workDir, 'colour.txt'), '--json');
		expect(JSON.parse(american.stdout)).toMatchObject({
			story: 'colour.txt',
			suggestions: ['realized']
		});
	});
});
