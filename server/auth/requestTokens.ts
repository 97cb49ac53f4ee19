import type { IncomingMessage } from 'node:http';

/**
 * Every token a request carries: `Authorization: Bearer <token>`, each `token` query parameter,
 * and `X-Galley-Tokens: <t1>,<t2>` (how the library asks for every story this browser holds
 * links to in one request).
 */
export function requestTokens(request: IncomingMessage, url: URL): string[] {
	const tokens: string[] = [];
	const authorization = request.headers.authorization;
	if (authorization) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		if (match) tokens.push(match[1]!);
	}
	tokens.push(...url.searchParams.getAll('token'));
	const list = request.headers['x-galley-tokens'];
	if (typeof list === 'string') {
		tokens.push(...list.split(',').map((token) => token.trim()));
	}
	return [...new Set(tokens.filter((token) => token.length > 0))].slice(0, 200);
}

/** The origin clients reached us at, for links (`Host` and `X-Forwarded-Proto`). */
export function publicOrigin(request: IncomingMessage): string {
	const forwarded = request.headers['x-forwarded-proto'];
	const proto =
		typeof forwarded === 'string' && /^https?$/.test(forwarded.split(',')[0]!.trim())
			? forwarded.split(',')[0]!.trim()
			: 'encrypted' in request.socket && request.socket.encrypted
				? 'https'
				: 'http';
	const host = /^[A-Za-z0-9.:[\]-]+$/.test(request.headers.host ?? '')
		? request.headers.host!
		: 'localhost';
	return `${proto}://${host}`;
}

export function storyLink(origin: string, storyId: string, token?: string): string {
	return `${origin}/stories/${encodeURIComponent(storyId)}${token ? `?token=${token}` : ''}`;
}
