/**
 * Why heavy work was not done: the pool's queue was full (`busy`), the job ran past its deadline
 * (`deadline`) or its memory cap (`memory`). The HTTP layer maps each to a status in one place.
 */
export type WorkErrorKind = 'busy' | 'deadline' | 'memory';

export class WorkError extends Error {
	constructor(
		readonly kind: WorkErrorKind,
		message: string,
		/** Seconds a client should wait before asking again (busy only). */
		readonly retryAfter?: number
	) {
		super(message);
		this.name = 'WorkError';
	}
}
