import type { Role } from '#shared/protocol/roles';
import { api, type ApiTarget } from './apiClient';

// Share-link tokens the tests were given by imports (`rememberImport`, which the import helpers
// call) and by the CLI, so a test can name whose link it calls with: `tokenFor(id, 'viewer')`,
// `ownerOf(id)`. Nothing adds them to a request by itself: see tests/helpers/apiClient.ts.

const tokens = new Map<string, Partial<Record<Role, string>>>();

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

/** The story's owner token, as the import gave it. */
export function ownerOf(storyId: string): string {
	return tokenFor(storyId, 'owner');
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
	const made = await api(baseUrl)
		.as(ownerOf(storyId))
		.post(`/api/stories/${storyId}/links`, { role, name });
	if (made.status !== 201) throw new Error(`could not make a link: ${made.status}`);
	return tokenOf((made.body as { url: string }).url);
}

/** For WebSocket rooms `story:<id>` / `notes:<id>`: the owner token of the story, if known. */
export function tokenForRoom(room: string): string | undefined {
	const storyId = room.slice(room.indexOf(':') + 1);
	return knownToken(storyId);
}

/** Records the owner tokens `galley import` printed (`id\t/stories/id?token=…\ttitle` lines). */
export function rememberCliImport(stdout: string): void {
	for (const line of stdout.trim().split('\n')) {
		const [id, path] = line.split('\t');
		const token = path ? new URL(path, 'http://galley.invalid').searchParams.get('token') : null;
		if (id && token) tokens.set(id, { ...tokens.get(id), owner: token });
	}
}

/** Who a link writes as (its author id and name), as `GET /api/stories/<id>` tells its holder. */
export async function authorOf(
	server: ApiTarget,
	storyId: string,
	token: string
): Promise<{ id: string; name: string }> {
	const answer = await api(server).as(token).get(`/api/stories/${storyId}`);
	if (answer.status !== 200) throw new Error(`no author for that link: ${answer.status}`);
	const { you } = answer.body as { you: { id: string; name: string } };
	return { id: you.id, name: you.name };
}
