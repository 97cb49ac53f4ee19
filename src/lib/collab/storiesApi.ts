/**
 * The browser's client for Galley's HTTP API. Plain fetch, no Yjs: the library page imports this
 * and must stay light. Calls on a story carry the token this browser holds for it.
 */
import type {
	ApiErrorBody,
	ImportedStory,
	ImportResponse,
	LinkListResponse,
	NewLinkResponse,
	ShareLink,
	StoryListResponse,
	StorySummary
} from '#shared/api/types';
import type { Role } from '#shared/protocol/roles';

export type { ImportedStory, LinkIdentity, ShareLink, StorySummary } from '#shared/api/types';
import { allTokens, authHeaders, rememberToken, storyToken, tokenOfLink } from './storyTokens';

/** An API failure, carrying the server's `{"error":{"code","message"}}` when there was one. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'ApiError';
	}
}

type Fetch = typeof fetch;

const FALLBACK_MESSAGES: Record<number, string> = {
	400: 'The server could not read that request.',
	401: 'This link does not open the story (it may have been revoked or have expired).',
	403: 'Your link does not allow that.',
	404: 'That story no longer exists.',
	413: 'That file is too large to import.',
	415: 'Only plain text (.txt), Markdown (.md), HTML (.html) and Word (.docx) files can be imported.',
	500: 'Something went wrong on the server. Please try again.'
};

async function toApiError(response: Response): Promise<ApiError> {
	let code = `http_${response.status}`;
	let message = FALLBACK_MESSAGES[response.status] ?? `Request failed (${response.status}).`;
	try {
		const body = (await response.json()) as Partial<ApiErrorBody>;
		if (typeof body.error?.code === 'string') code = body.error.code;
		if (typeof body.error?.message === 'string' && body.error.message) message = body.error.message;
	} catch {
		// Not JSON (a proxy's error page, say): keep the fallback message.
	}
	return new ApiError(response.status, code, message);
}

async function request(fetcher: Fetch, input: string, init?: RequestInit): Promise<Response> {
	let response: Response;
	try {
		response = await fetcher(input, init);
	} catch {
		throw new ApiError(0, 'network', 'Could not reach the server. Check your connection.');
	}
	if (!response.ok) throw await toApiError(response);
	return response;
}

/** GET /api/stories: every story, newest edits first. */
export async function listStories(fetcher: Fetch = fetch): Promise<StorySummary[]> {
	const response = await request(fetcher, '/api/stories', {
		headers: { 'X-Galley-Tokens': allTokens().join(',') }
	});
	const body = (await response.json()) as StoryListResponse;
	return [...body.stories].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** GET /api/stories/<id>: the story's summary, or null when it does not exist. */
export async function getStory(id: string, fetcher: Fetch = fetch): Promise<StorySummary | null> {
	try {
		const response = await request(fetcher, `/api/stories/${encodeURIComponent(id)}`, {
			headers: authHeaders(id)
		});
		return (await response.json()) as StorySummary;
	} catch (error) {
		if (error instanceof ApiError && error.status === 404) return null;
		throw error;
	}
}

function importUrl(title?: string): string {
	const query = new URLSearchParams();
	const cleanTitle = title?.trim();
	if (cleanTitle) query.set('title', cleanTitle);
	const search = query.toString();
	return search ? `/api/stories?${search}` : '/api/stories';
}

/** The imported stories; this browser keeps each one's owner token and opens it with the owner link. */
async function readImported(response: Response): Promise<ImportedStory[]> {
	const body = (await response.json()) as ImportResponse;
	return body.stories.map((story) => {
		const token = story.links ? tokenOfLink(story.links.owner) : null;
		if (!token) return story;
		rememberToken(story.id, token);
		return { ...story, url: `${story.url}?token=${encodeURIComponent(token)}` };
	});
}

/** POST one file as multipart field `file`. One request per file, so each fails on its own. */
export async function importFile(file: File, title?: string): Promise<ImportedStory[]> {
	const form = new FormData();
	form.append('file', file, file.name);
	return readImported(await request(fetch, importUrl(title), { method: 'POST', body: form }));
}

/** POST pasted text as a text/plain body. */
export async function importText(text: string, title?: string): Promise<ImportedStory[]> {
	return readImported(
		await request(fetch, importUrl(title), {
			method: 'POST',
			headers: { 'content-type': 'text/plain; charset=utf-8' },
			body: text
		})
	);
}

/** DELETE /api/stories/<id>. */
export async function deleteStory(id: string): Promise<void> {
	await request(fetch, `/api/stories/${encodeURIComponent(id)}`, {
		method: 'DELETE',
		headers: authHeaders(id)
	});
}

/** Where the plain-text export of a story downloads from. */
export function exportUrl(id: string, query = 'format=txt'): string {
	// A download link cannot send a header: the token goes in the query.
	const token = storyToken(id);
	const auth = token ? `&token=${encodeURIComponent(token)}` : '';
	return `/api/stories/${encodeURIComponent(id)}/export?${query}${auth}`;
}

/** One call on a story (`path` after `/api/stories/<id>`), with this browser's token for it. */
export async function storyCall(
	id: string,
	path: string,
	init: RequestInit = {}
): Promise<Response> {
	return request(fetch, `/api/stories/${encodeURIComponent(id)}${path}`, {
		...init,
		headers: { ...authHeaders(id), ...(init.body ? { 'Content-Type': 'application/json' } : {}) }
	});
}

/** One owner-only call on a story's links. */
function linksCall(id: string, path: string, init: RequestInit = {}): Promise<Response> {
	return storyCall(id, `/links${path}`, init);
}

export async function listLinks(id: string): Promise<ShareLink[]> {
	const body = (await (await linksCall(id, '')).json()) as LinkListResponse;
	return body.links;
}

export async function createLink(
	id: string,
	link: { role: Role; name: string; expiresAt?: string }
): Promise<NewLinkResponse> {
	const response = await linksCall(id, '', { method: 'POST', body: JSON.stringify(link) });
	return (await response.json()) as NewLinkResponse;
}

/** Renames a link: whoever uses it shows the new name from their next presence update. */
export async function renameLink(id: string, linkId: string, name: string): Promise<void> {
	await linksCall(id, `/${encodeURIComponent(linkId)}`, {
		method: 'PATCH',
		body: JSON.stringify({ name })
	});
}

export async function revokeLink(id: string, linkId: string): Promise<void> {
	await linksCall(id, `/${encodeURIComponent(linkId)}`, { method: 'DELETE' });
}
