import { error } from '@sveltejs/kit';
import { isStoryId } from '#shared/protocol/rooms';
import { forgetStory, rememberedStory, rememberStory } from '$lib/collab/rememberedStories';
import { ApiError, getStory, type StorySummary } from '$lib/collab/storiesApi';
import { forgetToken, rememberRole, rememberToken, storyToken } from '$lib/collab/storyTokens';
import type { PageLoad } from './$types';

// The desk is a browser-only app (editor, IndexedDB, WebSockets); the API answers the data.
export const ssr = false;

export const load: PageLoad = async ({ params, fetch, url }) => {
	if (!isStoryId(params.id)) error(404, 'There is no story at this address.');
	// A share link: this browser keeps its token for the story (and the library lists it).
	const linkToken = url.searchParams.get('token');
	if (linkToken) rememberToken(params.id, linkToken);
	// Several links may be held: one revoked or expired gives way to the next.
	for (;;) {
		const token = storyToken(params.id);
		try {
			const story = await getStory(params.id, fetch);
			if (!story) {
				forgetStory(params.id);
				error(404, 'This story is not on the desk. It may have been deleted.');
			}
			if (token && story.role) rememberRole(params.id, token, story.role);
			rememberStory(story);
			return { story };
		} catch (failure) {
			if (failure instanceof ApiError && failure.status === 401 && token) {
				forgetToken(params.id, token);
				if (storyToken(params.id)) continue;
			}
			return offlineOrError(params.id, failure);
		}
	}
};

/** A story that cannot be loaded from the server: this device's copy when offline, else the error. */
function offlineOrError(storyId: string, failure: unknown): { story: StorySummary } {
	if (!(failure instanceof ApiError)) throw failure;
	if (failure.status === 401) {
		// No working link to it here: to this browser the story is not on the desk.
		forgetToken(storyId);
		error(404, failure.message);
	}
	// Offline (or the server is down): a story opened here before opens from this device's copy.
	const remembered = failure.status === 0 ? rememberedStory(storyId) : null;
	if (remembered) return { story: remembered };
	error(failure.status === 0 ? 503 : failure.status, failure.message);
}
