import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new share-link secret: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** What is stored instead of a token: its SHA-256, base64url. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Compares two secrets in constant time (for ADMIN_TOKEN). */
export function sameSecret(a: string, b: string): boolean {
	const left = createHash('sha256').update(a).digest();
	const right = createHash('sha256').update(b).digest();
	return timingSafeEqual(left, right);
}

/** Tokens look like this; anything else is not looked up at all. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export function plausibleToken(value: string): boolean {
	return TOKEN_SHAPE.test(value);
}

/** Replaces the value of every `token` query parameter in a URL (for logs and errors). */
export function redactUrl(url: string): string {
	return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
