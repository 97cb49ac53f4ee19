/**
 * The share-link tokens this browser holds, per story (localStorage `galley:tokens`): the story
 * page keeps every `?token=` it was opened with, every API call and WebSocket carries one, and
 * the library lists the stories these tokens open.
 *
 * A browser may hold several links to one story (an owner trying the commenter link they just
 * made, say). Opening a link uses that link for the visit; otherwise the story opens with the
 * most powerful link held. No link is dropped for another: the owner's is the only way back to
 * the Share dialog, and its secret exists nowhere else.
 */
import { ROLES, isRole, type Role } from '#shared/protocol/roles';

const KEY = 'galley:tokens';

interface HeldToken {
	token: string;
	/** What the server said the link may do; null until it answered. */
	role: Role | null;
}

type Held = Record<string, HeldToken[]>;

/** The link each story was opened with in this tab, until it navigates elsewhere or reloads. */
const visiting = new Map<string, string>();

function parseEntry(value: unknown): HeldToken[] {
	// Older Galley kept one token string per story.
	if (typeof value === 'string') return [{ token: value, role: null }];
	if (!Array.isArray(value)) return [];
	return value.flatMap((item: unknown) => {
		if (typeof item !== 'object' || item === null) return [];
		const { token, role } = item as Record<string, unknown>;
		return typeof token === 'string' ? [{ token, role: isRole(role) ? role : null }] : [];
	});
}

function read(): Held {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
		const held: Held = {};
		for (const [storyId, entry] of Object.entries(value)) {
			const tokens = parseEntry(entry);
			if (tokens.length > 0) held[storyId] = tokens;
		}
		return held;
	} catch {
		return {};
	}
}

function write(held: Held): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(held));
	} catch {
		// Private mode or storage full: the link keeps working while the page is open.
	}
}

function rank(role: Role | null): number {
	return role === null ? -1 : ROLES.indexOf(role);
}

/** Keeps a link's token for a story, and uses it for this visit. */
export function rememberToken(storyId: string, token: string): void {
	const held = read();
	const tokens = held[storyId] ?? [];
	if (!tokens.some((entry) => entry.token === token)) tokens.push({ token, role: null });
	held[storyId] = tokens;
	write(held);
	visiting.set(storyId, token);
}

/** Records what a held token may do, once the server said. */
export function rememberRole(storyId: string, token: string, role: Role): void {
	const held = read();
	const entry = held[storyId]?.find((item) => item.token === token);
	if (!entry || entry.role === role) return;
	entry.role = role;
	write(held);
}

/** The token to use for a story: the link it was opened with, else the most powerful held. */
export function storyToken(storyId: string): string | null {
	const held = read()[storyId] ?? [];
	const current = visiting.get(storyId);
	if (current && held.some((entry) => entry.token === current)) return current;
	let best: HeldToken | null = null;
	for (const entry of held) if (!best || rank(entry.role) > rank(best.role)) best = entry;
	return best?.token ?? null;
}

/** Every token held, for the library's list. */
export function allTokens(): string[] {
	return Object.values(read()).flatMap((tokens) => tokens.map((entry) => entry.token));
}

/** Drops one token that no longer works (revoked, expired), or every token of the story. */
export function forgetToken(storyId: string, token?: string): void {
	const held = read();
	const rest = token ? (held[storyId] ?? []).filter((entry) => entry.token !== token) : [];
	if (rest.length > 0) held[storyId] = rest;
	else delete held[storyId];
	write(held);
	if (!token || visiting.get(storyId) === token) visiting.delete(storyId);
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
