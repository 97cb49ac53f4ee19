import type pino from 'pino';
import { describeStoreFault, type StoreFault, type StoreFaultKind } from '../storage/storeFault';

/** The store's writes are failing: since when, why, and how often. */
export interface StoreProblem extends StoreFault {
	since: string;
	failures: number;
}

/** A failure is logged once per kind per this window; the rest are counted into one line. */
const LOG_WINDOW_MS = 60_000;

interface KindLog {
	/** Failures of this kind since the last line written. */
	unlogged: number;
	timer: NodeJS.Timeout;
}

/**
 * Whether the store can write, as its writes report it. A full disk fails every write (dozens a
 * second with people typing): the log gets the first failure of each kind with its stack, then
 * one line a minute with the count while it lasts, and one line when writes succeed again.
 * `/healthz` answers 503 with the reason meanwhile.
 */
export class StoreHealth {
	#problem: StoreProblem | null = null;
	#lastFailure = 0;
	readonly #logs = new Map<StoreFaultKind, KindLog>();

	constructor(private readonly log: pino.Logger) {}

	/** The current problem, or null while writes succeed. */
	get problem(): StoreProblem | null {
		return this.#problem;
	}

	/** Milliseconds since the last failed write (Infinity when none). */
	get sinceLastFailureMs(): number {
		return this.#problem ? Date.now() - this.#lastFailure : Infinity;
	}

	/** Records a failed write (`during`: what was being written, for the log); returns its fault. */
	failed(error: unknown, during: string): StoreFault {
		const fault = describeStoreFault(error);
		this.#lastFailure = Date.now();
		if (this.#problem?.kind === fault.kind) this.#problem.failures++;
		else this.#problem = { ...fault, since: new Date().toISOString(), failures: 1 };
		this.#logFailure(fault, error, during);
		return fault;
	}

	/** A write succeeded: the store is healthy again (said once in the log). */
	succeeded(): void {
		if (!this.#problem) return;
		const { kind, failures, since } = this.#problem;
		this.#problem = null;
		this.#flush();
		this.log.info({ kind, failures, since }, 'the store writes again');
	}

	close(): void {
		this.#flush();
	}

	#logFailure(fault: StoreFault, error: unknown, during: string): void {
		const entry = this.#logs.get(fault.kind);
		if (entry) {
			entry.unlogged++;
			return;
		}
		this.log.error(
			{ err: error, kind: fault.kind, during },
			`could not write to the store: ${fault.reason} (further failures are counted, one line a minute)`
		);
		this.#startWindow(fault);
	}

	#startWindow(fault: StoreFault): void {
		const timer = setTimeout(() => this.#endWindow(fault), LOG_WINDOW_MS).unref();
		this.#logs.set(fault.kind, { unlogged: 0, timer });
	}

	/** A minute is over: one line with the count; while still failing, the next in a minute. */
	#endWindow(fault: StoreFault): void {
		const entry = this.#logs.get(fault.kind);
		if (!entry) return;
		if (entry.unlogged === 0) {
			this.#logs.delete(fault.kind);
			return;
		}
		this.log.error(
			{ kind: fault.kind, failures: entry.unlogged },
			`${entry.unlogged} more failed writes in the last minute: ${fault.reason}`
		);
		entry.unlogged = 0;
		entry.timer = setTimeout(() => this.#endWindow(fault), LOG_WINDOW_MS).unref();
	}

	/** Writes the counts not logged yet and forgets the windows. */
	#flush(): void {
		for (const [kind, entry] of this.#logs) {
			clearTimeout(entry.timer);
			if (entry.unlogged > 0) {
				this.log.error({ kind, failures: entry.unlogged }, `${entry.unlogged} more failed writes`);
			}
		}
		this.#logs.clear();
	}
}
