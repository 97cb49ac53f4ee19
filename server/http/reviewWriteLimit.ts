import type { ServerResponse } from 'node:http';
import type { Access } from '../auth/LinkService';
import { KeyedBuckets } from '../auth/TokenBucket';
import { HttpError } from './HttpError';

/** Spends one review write (comment, reply or suggestion) of the link, or throws 429. */
export type ReviewWriteLimit = (access: Access | null, response: ServerResponse) => void;

/**
 * At most `perMinute` comments, replies and suggestions per link over the API, with a burst of as
 * many: a person or a bot posting its checker's findings stays well under it, a script flooding
 * the margin gets 429 with the seconds to wait.
 */
export function reviewWriteLimit(perMinute: number): ReviewWriteLimit {
	const writes = new KeyedBuckets(perMinute, perMinute / 60);
	return (access, response) => {
		const link = access?.linkId ?? 'admin';
		if (writes.take(link)) return;
		const wait = Math.max(1, writes.secondsUntil(link));
		response.setHeader('Retry-After', String(wait));
		throw new HttpError(
			429,
			'too_many_requests',
			`At most ${perMinute} comments, replies and suggestions a minute per link: try again in ${wait} s.`
		);
	};
}
