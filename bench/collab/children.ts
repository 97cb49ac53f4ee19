import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let installed = false;

function killAll(): void {
	for (const child of live) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	}
	live.clear();
}

/**
 * Registers a child process (server or load generator) so that it is killed when the benchmark
 * exits for any reason, including Ctrl-C and uncaught errors.
 */
export function trackChild(child: ChildProcess): void {
	if (!installed) {
		installed = true;
		process.on('exit', killAll);
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.on(signal, () => {
				killAll();
				process.exit(130);
			});
		}
	}
	live.add(child);
	child.once('exit', () => live.delete(child));
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}
