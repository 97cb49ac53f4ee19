import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * The app (client) as it was at another commit, built once into bench/.out/before-<sha>/build
 * and kept there for later runs. `npm run bench:editor -- --before=REV` serves it from this
 * checkout's server beside the current build, so the same run types into both: on a shared
 * 2-core machine, two separate runs differ by more than most changes do.
 */
export function buildBefore(
	revision: string,
	repoRoot: string,
	outDir: string,
	log: (line: string) => void
): { sha: string; appDir: string } {
	const git = (...args: string[]) =>
		execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
	const sha = git('rev-parse', '--verify', `${revision}^{commit}`);
	const appDir = path.join(outDir, `before-${sha.slice(0, 12)}`);
	if (existsSync(path.join(appDir, 'build', 'handler.js'))) return { sha, appDir };
	const tree = path.join(outDir, `before-tree-${process.pid}`);
	log(`Building the app of ${revision} (${sha.slice(0, 12)}) for comparison…`);
	rmSync(tree, { recursive: true, force: true });
	git('worktree', 'add', '--detach', tree, sha);
	try {
		symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
		execFileSync('npx', ['vite', 'build'], {
			cwd: tree,
			stdio: ['ignore', 'ignore', process.stderr]
		});
		mkdirSync(appDir, { recursive: true });
		cpSync(path.join(tree, 'build'), path.join(appDir, 'build'), { recursive: true });
	} finally {
		git('worktree', 'remove', '--force', tree);
	}
	return { sha, appDir };
}
