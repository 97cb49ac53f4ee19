import type { ServerResponse } from 'node:http';
import { type Access, writerKey } from '../auth/Access';
import type { ReviewWriteBudget } from '../review/ReviewWriteBudget';
import { HttpError } from './HttpError';

/** Spends one review write (comment, reply or suggestion) of the link, or throws 429. */
export type ReviewWriteLimit = (access: Access | null, response: ServerResponse) => void;

/** The API's side of the per-link review-write budget (shared with the notes WebSocket). */
export function reviewWriteLimit(budget: ReviewWriteBudget): ReviewWriteLimit {
	return (access, response) => {
		const spent = budget.spend(access ? writerKey(access) : 'admin');
		if (spent.ok) return;
		response.setHeader('Retry-After', String(spent.waitSeconds));
		throw new HttpError(429, 'too_many_requests', budget.refusal(spent.waitSeconds));
	};
}
