import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import type { DeletionRecord } from './DocumentLog';
import type { DocumentStore } from './DocumentStore';
import type { NewVersion, StoredLink, StoryRecord } from './StoryCatalog';

/** One room's log as copied: sequence numbers are the target's own to give. */
export interface RoomDump {
	room: string;
	snapshot: Uint8Array | null;
	updates: Uint8Array[];
	/** Client id → writer, sorted by client id. */
	writers: Array<[number, string]>;
	deletions: DeletionRecord[];
}

/** Everything stored about one story, to copy it to another store (`galley migrate-data`). */
export interface StoryDump {
	story: StoryRecord;
	baselineText: string;
	/** Every link of the story, working or not, oldest first. */
	links: StoredLink[];
	/** Oldest first, each with its state (V2). */
	versions: NewVersion[];
	/** `story:<id>` and `notes:<id>`. */
	rooms: RoomDump[];
}

/** Reads a story whole through the store's interface; null when there is no such story. */
export async function dumpStory(store: DocumentStore, id: string): Promise<StoryDump | null> {
	const story = await store.getStory(id);
	if (!story) return null;
	const versions: NewVersion[] = [];
	for (const listed of (await store.listVersions(id)).reverse()) {
		const version = await store.getVersion(id, listed.id);
		if (!version) continue; // thinned meanwhile
		const { storedBytes: _storedBytes, ...rest } = version;
		versions.push(rest);
	}
	const rooms: RoomDump[] = [];
	for (const room of [storyRoom(id), notesRoom(id)]) {
		const stored = await store.loadDocument(room);
		rooms.push({
			room,
			snapshot: stored.snapshot,
			updates: stored.updates,
			writers: [...stored.writers].sort(([a], [b]) => a - b),
			deletions: await store.deletionLog(room)
		});
	}
	return {
		story,
		baselineText: (await store.baselineText(id)) ?? '',
		links: await store.storyLinks(id),
		versions,
		rooms
	};
}
