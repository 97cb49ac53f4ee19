/** The first wait after the server asked us to come back later, and the longest. */
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;

/**
 * How long to wait before the `attempt`-th retry (0 first) after the server said "later":
 * doubling from 2 s to a minute, spread ±25 % so a crowd of tabs does not come back in step.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
	const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
	return Math.round(base * (0.75 + 0.5 * random()));
}
