import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPostgresBin, startPrivatePostgres } from '../../helpers/privatePostgres';

let folder: string | undefined;
afterEach(() => {
	if (folder) rmSync(folder, { recursive: true, force: true });
	folder = undefined;
});

describe('the private Postgres helper', () => {
	it("finds Debian's newest /usr/lib/postgresql/<version>/bin when initdb is not on PATH", () => {
		folder = mkdtempSync(path.join(tmpdir(), 'galley-pgbin-'));
		for (const version of ['9', '15', '14']) {
			mkdirSync(path.join(folder, version, 'bin'), { recursive: true });
			writeFileSync(path.join(folder, version, 'bin', 'initdb'), '');
		}
		mkdirSync(path.join(folder, '16')); // a version folder without binaries
		expect(findPostgresBin({ searchPath: '', debianRoot: folder })).toBe(
			path.join(folder, '15', 'bin')
		);
	});

	it('fails, saying what to install, when there is no Postgres at all', async () => {
		const nowhere = { searchPath: '', debianRoot: '/nonexistent/postgresql' };
		expect(findPostgresBin(nowhere)).toBeNull();
		await expect(startPrivatePostgres(nowhere)).rejects.toThrow(
			/Postgres is not installed.*apt-get install postgresql/
		);
	});
});
