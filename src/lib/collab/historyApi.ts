/** The browser's client for a story's history: versions, compare, restore, authorship. */
import type {
	AuthorshipResponse,
	BulkAction,
	DiffResponse,
	RestoreResponse,
	VersionListResponse,
	VersionSummary
} from '#shared/api/types';
import { storyCall } from './storiesApi';

const json = async <T>(response: Promise<Response>): Promise<T> =>
	(await (await response).json()) as T;
const version = (id: string) => `/versions/${encodeURIComponent(id)}`;

export async function listVersions(storyId: string): Promise<VersionSummary[]> {
	return (await json<VersionListResponse>(storyCall(storyId, '/versions'))).versions;
}

/** Names the story as it is now. */
export function nameVersion(storyId: string, name: string): Promise<VersionSummary> {
	return json(storyCall(storyId, '/versions', { method: 'POST', body: JSON.stringify({ name }) }));
}

/** Names (or, with null, unnames) an existing version. */
export function renameVersion(
	storyId: string,
	versionId: string,
	name: string | null
): Promise<VersionSummary> {
	return json(
		storyCall(storyId, version(versionId), { method: 'PATCH', body: JSON.stringify({ name }) })
	);
}

/** Saves the story as it is before a bulk action of the desk changes it. */
export function saveVersionBefore(storyId: string, action: BulkAction): Promise<VersionSummary> {
	return json(
		storyCall(storyId, '/versions', { method: 'POST', body: JSON.stringify({ before: action }) })
	);
}

export function restoreVersion(storyId: string, versionId: string): Promise<RestoreResponse> {
	return json(storyCall(storyId, `${version(versionId)}/restore`, { method: 'POST' }));
}

/** `from`/`to`: a version id, `baseline` (the import) or `current` (the story now). */
export function compareVersions(storyId: string, from: string, to: string): Promise<DiffResponse> {
	const query = new URLSearchParams({ from, to });
	return json(storyCall(storyId, `/diff?${query}`));
}

export function readAuthorship(storyId: string): Promise<AuthorshipResponse> {
	return json(storyCall(storyId, '/authorship'));
}
