/**
 * Milliseconds on the machine's monotonic clock. libuv reads CLOCK_MONOTONIC, which every process
 * on the machine shares, so a send time taken in a load-generator process and an arrival time
 * taken in the orchestrator can be subtracted directly.
 */
export function nowMs(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

/** Resolves after `ms` milliseconds (used only for the benchmark's fixed phases, never in tests). */
export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `check` every `everyMs` until it returns true or `timeoutMs` passes; resolves to whether it
 * became true.
 */
export async function pollUntil(
	check: () => boolean,
	timeoutMs: number,
	everyMs = 50
): Promise<boolean> {
	const deadline = nowMs() + timeoutMs;
	while (!check()) {
		if (nowMs() >= deadline) return false;
		await delay(everyMs);
	}
	return true;
}
