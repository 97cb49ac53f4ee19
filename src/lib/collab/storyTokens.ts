/**
 * The share-link tokens this browser holds, per story (localStorage `galley:tokens`): the story
 * page keeps the `?token=` it was opened with, every API call and WebSocket carries it, and the
 * library lists the stories these tokens open.
 */
const KEY = 'galley:tokens';

type Tokens = Record<string, string>;

function read(): Tokens {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
		return Object.fromEntries(
			Object.entries(value).filter(
				(entry): entry is [string, string] => typeof entry[1] === 'string'
			)
		);
	} catch {
		return {};
	}
}

function write(tokens: Tokens): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(tokens));
	} catch {
		// Private mode or storage full: the link keeps working while the page is open.
	}
}

/** Keeps the token for a story (the latest link opened wins). */
export function rememberToken(storyId: string, token: string): void {
	const tokens = read();
	tokens[storyId] = token;
	write(tokens);
}

export function storyToken(storyId: string): string | null {
	return read()[storyId] ?? null;
}

/** Every token held, for the library's list. */
export function allTokens(): string[] {
	return Object.values(read());
}

export function forgetToken(storyId: string): void {
	const tokens = read();
	delete tokens[storyId];
	write(tokens);
}

/** The token of a link URL, or null. */
export function tokenOfLink(url: string): string | null {
	try {
		return new URL(url, 'http://galley.invalid').searchParams.get('token');
	} catch {
		return null;
	}
}

/** Headers that authorise a call on one story (none when no token is held). */
export function authHeaders(storyId: string): Record<string, string> {
	const token = storyToken(storyId);
	return token ? { Authorization: `Bearer ${token}` } : {};
}
