/**
 * What this device remembers about the stories it has opened, so a story page can open offline
 * (its text comes from IndexedDB; this only keeps the summary the API would have given).
 */
import type { StorySummary } from './storiesApi';

const KEY_PREFIX = 'galley:story:';

function key(id: string): string {
	return `${KEY_PREFIX}${id}`;
}

function isStorySummary(value: unknown, id: string): value is StorySummary {
	if (typeof value !== 'object' || value === null) return false;
	const story = value as Record<string, unknown>;
	return story.id === id && typeof story.title === 'string' && typeof story.words === 'number';
}

/** Keeps the summary the server just gave for this story. */
export function rememberStory(story: StorySummary): void {
	try {
		localStorage.setItem(key(story.id), JSON.stringify(story));
	} catch {
		// Private mode or storage full: the story just won't open offline.
	}
}

/** The last summary seen for this story on this device, or null. */
export function rememberedStory(id: string): StorySummary | null {
	try {
		const stored = localStorage.getItem(key(id));
		const value: unknown = stored === null ? null : JSON.parse(stored);
		return isStorySummary(value, id) ? value : null;
	} catch {
		return null;
	}
}

/** Forgets a story the server says is gone. */
export function forgetStory(id: string): void {
	try {
		localStorage.removeItem(key(id));
	} catch {
		// Nothing stored, nothing to forget.
	}
}
