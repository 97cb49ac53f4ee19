import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for per-address limits. Behind a reverse proxy every request
 * comes from the proxy, so with `trustProxy` the last `X-Forwarded-For` entry (the one the proxy
 * itself appended) is used instead. Off by default: without a proxy that header is whatever the
 * client wrote, and believing it would let anyone pick a fresh address per request.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
	if (trustProxy) {
		const header = request.headers['x-forwarded-for'];
		const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean)
			.at(-1);
		if (forwarded) return forwarded;
	}
	return request.socket.remoteAddress ?? 'unknown';
}
