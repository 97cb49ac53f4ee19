import type { Role } from '#shared/protocol/roles';

// Share-link tokens the tests were given by POST /api/stories (and by the link API), so helpers
// and plain `fetch` calls can carry them. `installTokenFetch` (tests/helpers/setupTokens.ts, a
// setup file of the integration and e2e projects) wraps the global fetch so that a call to
// `/api/stories/<id>…` carries the story's owner token, and `GET /api/stories` every token
// known, unless the call brings its own credentials. `rawFetch` is the unwrapped fetch, for
// tests of what happens without a token.

const tokens = new Map<string, Partial<Record<Role, string>>>();

type Fetch = typeof globalThis.fetch;
const globals = globalThis as { __galleyRawFetch?: Fetch };

/** The fetch without any token added. */
export const rawFetch: Fetch = (...args) => (globals.__galleyRawFetch ?? globalThis.fetch)(...args);

/** The token of a link URL (`…?token=…`). */
export function tokenOf(url: string): string {
	const token = new URL(url).searchParams.get('token');
	if (!token) throw new Error(`no token in ${url}`);
	return token;
}

/** Records the links of an import answer's stories. */
export function rememberImport(body: unknown): void {
	const stories = (body as { stories?: Array<{ id: string; links?: Record<Role, string> }> })
		?.stories;
	for (const story of stories ?? []) {
		if (!story.links) continue;
		const known = tokens.get(story.id) ?? {};
		for (const [role, url] of Object.entries(story.links)) known[role as Role] = tokenOf(url);
		tokens.set(story.id, known);
	}
}

/** The story's token for `role` (owner by default); throws when the tests were never given one. */
export function tokenFor(storyId: string, role: Role = 'owner'): string {
	const token = tokens.get(storyId)?.[role];
	if (!token) throw new Error(`no ${role} token known for story ${storyId}`);
	return token;
}

export function knownToken(storyId: string, role: Role = 'owner'): string | undefined {
	return tokens.get(storyId)?.[role];
}

export function allOwnerTokens(): string[] {
	return [...tokens.values()].flatMap((known) => (known.owner ? [known.owner] : []));
}

/**
 * `/stories/<id>?token=…` for a browser. With a `name`, the owner first makes a link for that
 * person and role (as the Share dialog does), so the reader shows up under that name; without
 * one, the import's link for the role.
 */
export async function storyPage(
	baseUrl: string,
	storyId: string,
	options: { name?: string } = {},
	role: Role = 'owner'
): Promise<string> {
	const token = options.name
		? await makeLink(baseUrl, storyId, role, options.name)
		: tokenFor(storyId, role);
	return `${baseUrl}/stories/${storyId}?${new URLSearchParams({ token })}`;
}

/** Has the owner make a link for `name` with `role` (as the Share dialog does); its token. */
export async function makeLink(
	baseUrl: string,
	storyId: string,
	role: Role,
	name: string
): Promise<string> {
	const response = await rawFetch(`${baseUrl}/api/stories/${storyId}/links`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${tokenFor(storyId, 'owner')}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify({ role, name })
	});
	if (response.status !== 201) throw new Error(`could not make a link: ${response.status}`);
	return tokenOf(((await response.json()) as { url: string }).url);
}

/** For WebSocket rooms `story:<id>` / `notes:<id>`: the owner token of the story, if known. */
export function tokenForRoom(room: string): string | undefined {
	const storyId = room.slice(room.indexOf(':') + 1);
	return knownToken(storyId);
}

const STORY_PATH = /^\/api\/stories\/([^/]+)/;

export function installTokenFetch(): void {
	if (globals.__galleyRawFetch) return;
	const original = globalThis.fetch;
	globals.__galleyRawFetch = original;
	globalThis.fetch = async (input, init) => {
		const request = new Request(input, init);
		const url = new URL(request.url);
		const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
		const ownCredentials =
			request.headers.has('authorization') ||
			request.headers.has('x-galley-tokens') ||
			url.searchParams.has('token');
		if (local && !ownCredentials) {
			const story = STORY_PATH.exec(url.pathname);
			if (story) {
				const token = knownToken(decodeURIComponent(story[1]!));
				if (token) request.headers.set('authorization', `Bearer ${token}`);
			} else if (url.pathname === '/api/stories' && request.method === 'GET') {
				request.headers.set('x-galley-tokens', allOwnerTokens().join(','));
			}
		}
		const response = await original(request);
		if (local && url.pathname === '/api/stories' && request.method === 'POST') {
			if (response.status === 201) rememberImport(await response.clone().json());
		}
		return response;
	};
}

/** Records the owner tokens `galley import` printed (`id\t/stories/id?token=…\ttitle` lines). */
export function rememberCliImport(stdout: string): void {
	for (const line of stdout.trim().split('\n')) {
		const [id, path] = line.split('\t');
		const token = path ? new URL(path, 'http://galley.invalid').searchParams.get('token') : null;
		if (id && token) tokens.set(id, { ...tokens.get(id), owner: token });
	}
}
