import { KeyedBuckets } from '../auth/TokenBucket';

/**
 * Comments, replies and suggestions per link per minute, the same budget whether they arrive
 * over the API or through the notes WebSocket: a person or a bot posting its checker's findings
 * stays well under it, a script flooding the margin is held back. A batch that arrives at once
 * (offline work) passes whole while any budget is left, and the link then waits its debt out.
 */
export class ReviewWriteBudget {
	/** Per link (shared with the fleet's other processes when there are). */
	readonly writes: KeyedBuckets;

	constructor(readonly perMinute: number) {
		this.writes = new KeyedBuckets(perMinute, perMinute / 60);
	}

	/** Spends `count` writes of `link` ('admin' for the admin token); else the seconds to wait. */
	spend(link: string, count = 1): { ok: true } | { ok: false; waitSeconds: number } {
		if (count <= 0 || this.writes.takeOnCredit(link, count)) return { ok: true };
		return { ok: false, waitSeconds: Math.max(1, this.writes.secondsUntil(link)) };
	}

	/** The words for a refusal, for the API's 429 and the WebSocket's close. */
	refusal(waitSeconds: number): string {
		return `At most ${this.perMinute} comments, replies and suggestions a minute per link: try again in ${waitSeconds} s.`;
	}
}
