import { cpus } from 'node:os';
import { delay, nowMs } from './clock.ts';
import { machineBusy, sampleMachine } from './procStats.ts';

/** Busy cores (all processes) below which the machine counts as quiet before a run. */
const QUIET_CORES = 0.15;

/**
 * Waits, up to `maxWaitSec`, for a one-second stretch in which the whole machine used less than
 * 0.15 of a core: other work on a 2-core box would otherwise compete with the server and the load
 * generator. Returns the busy cores of the last second (the run still goes ahead when not quiet,
 * and its "machine" row then shows the disturbance).
 */
export async function waitForQuietMachine(maxWaitSec: number): Promise<number> {
	const deadline = nowMs() + maxWaitSec * 1000;
	for (;;) {
		const before = sampleMachine();
		await delay(1000);
		const busyCores = machineBusy(before, sampleMachine()) * cpus().length;
		if (busyCores < QUIET_CORES || nowMs() >= deadline) return busyCores;
	}
}
