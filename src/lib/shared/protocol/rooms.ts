/** What a room holds: the story's text, or what reviewers add to it. */
export type RoomKind = 'story' | 'notes';

export interface RoomName {
	kind: RoomKind;
	storyId: string;
}

/** Story ids are URL-safe random strings; anything else is refused before a room is looked up. */
const STORY_ID = /^[A-Za-z0-9_-]{6,64}$/;

export function isStoryId(value: string): boolean {
	return STORY_ID.test(value);
}

export function storyRoom(storyId: string): string {
	return `story:${storyId}`;
}

export function notesRoom(storyId: string): string {
	return `notes:${storyId}`;
}

/** Parses `story:<id>` / `notes:<id>`; null for anything else. */
export function parseRoomName(name: string): RoomName | null {
	const separator = name.indexOf(':');
	if (separator < 0) return null;
	const kind = name.slice(0, separator);
	const storyId = name.slice(separator + 1);
	if ((kind !== 'story' && kind !== 'notes') || !isStoryId(storyId)) return null;
	return { kind, storyId };
}
