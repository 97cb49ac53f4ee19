import { error } from '@sveltejs/kit';
import { isStoryId } from '#shared/protocol/rooms';
import { forgetStory, rememberedStory, rememberStory } from '$lib/collab/rememberedStories';
import { ApiError, getStory } from '$lib/collab/storiesApi';
import { forgetToken, rememberToken } from '$lib/collab/storyTokens';
import type { PageLoad } from './$types';

// The desk is a browser-only app (editor, IndexedDB, WebSockets); the API answers the data.
export const ssr = false;

export const load: PageLoad = async ({ params, fetch, url }) => {
	if (!isStoryId(params.id)) error(404, 'There is no story at this address.');
	// A share link: this browser keeps its token for the story (and the library lists it).
	const token = url.searchParams.get('token');
	if (token) rememberToken(params.id, token);
	try {
		const story = await getStory(params.id, fetch);
		if (!story) {
			forgetStory(params.id);
			error(404, 'This story is not on the desk. It may have been deleted.');
		}
		rememberStory(story);
		return { story };
	} catch (failure) {
		if (!(failure instanceof ApiError)) throw failure;
		if (failure.status === 401) {
			// No working link to it here: to this browser the story is not on the desk.
			forgetToken(params.id);
			error(404, failure.message);
		}
		// Offline (or the server is down): a story opened here before opens from this device's copy.
		const remembered = failure.status === 0 ? rememberedStory(params.id) : null;
		if (remembered) return { story: remembered };
		error(failure.status === 0 ? 503 : failure.status, failure.message);
	}
};
