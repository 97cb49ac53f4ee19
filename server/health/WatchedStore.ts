import type { Role } from '#shared/protocol/roles';
import type {
	DamagedRow,
	DeletionRecord,
	LogTail,
	DocumentStore,
	LinkChange,
	LinkRecord,
	NewLink,
	StoredLink,
	NewVersion,
	VersionRecord,
	NewStory,
	StoredDocument,
	StoryEdit,
	StoryRecord
} from '../storage/DocumentStore';
import { WriterConflictError } from '../storage/DocumentLog';
import type { StoryDump } from '../storage/StoryDump';
import type { StoreHealth } from './StoreHealth';

/** A write the store refused: callers answer "not saved" and leave the logging to the health. */
export class StoreWriteError extends Error {
	constructor(
		readonly reason: string,
		options: { cause: unknown }
	) {
		super(`could not save: ${reason}`, options);
		this.name = 'StoreWriteError';
	}
}

/**
 * The store, with every write reported to `health` (which logs failures, a line a minute at
 * most) and every failed write rethrown as a StoreWriteError carrying the reason people are told.
 * Reads pass straight through: a full disk still serves what it holds.
 */
export class WatchedStore implements DocumentStore {
	constructor(
		private readonly store: DocumentStore,
		private readonly health: StoreHealth
	) {}

	createStory(story: NewStory, links: readonly NewLink[] = []): Promise<void> {
		return this.write('createStory', () => this.store.createStory(story, links));
	}
	listStories(): Promise<StoryRecord[]> {
		return this.store.listStories();
	}
	getStory(id: string): Promise<StoryRecord | null> {
		return this.store.getStory(id);
	}
	updateStory(
		id: string,
		patch: Partial<Pick<StoryRecord, 'title' | 'words' | 'updatedAt'>>
	): Promise<boolean> {
		return this.write('updateStory', () => this.store.updateStory(id, patch));
	}
	recordEdits(edits: StoryEdit[]): Promise<void> {
		return this.write('recordEdits', () => this.store.recordEdits(edits));
	}
	deleteStory(id: string): Promise<boolean> {
		return this.write('deleteStory', () => this.store.deleteStory(id));
	}
	baselineText(id: string): Promise<string | null> {
		return this.store.baselineText(id);
	}
	loadDocument(room: string): Promise<StoredDocument> {
		return this.store.loadDocument(room);
	}
	appendUpdates(
		room: string,
		updates: Uint8Array[],
		writers?: ReadonlyMap<number, string>,
		deletions?: readonly DeletionRecord[]
	): Promise<number> {
		return this.write('appendUpdates', () =>
			this.store.appendUpdates(room, updates, writers, deletions)
		);
	}
	bindWriters(room: string, writers: ReadonlyMap<number, string>): Promise<Map<number, string>> {
		return this.write('bindWriters', () => this.store.bindWriters(room, writers));
	}
	updatesSince(room: string, afterSeq: number): Promise<LogTail> {
		return this.store.updatesSince(room, afterSeq);
	}
	lastSeqs(rooms: readonly string[]): Promise<Map<string, number>> {
		return this.store.lastSeqs(rooms);
	}
	deletionLog(room: string): Promise<DeletionRecord[]> {
		return this.store.deletionLog(room);
	}
	clientWriters(room: string): Promise<Map<number, string>> {
		return this.store.clientWriters(room);
	}
	createLinks(links: readonly NewLink[]): Promise<void> {
		return this.write('createLinks', () => this.store.createLinks(links));
	}
	getLink(id: string): Promise<LinkRecord | null> {
		return this.store.getLink(id);
	}
	linkByTokenHash(tokenHash: string): Promise<LinkRecord | null> {
		return this.store.linkByTokenHash(tokenHash);
	}
	storyLinks(storyId: string): Promise<StoredLink[]> {
		return this.store.storyLinks(storyId);
	}
	restoreStory(dump: StoryDump): Promise<void> {
		return this.write('restoreStory', () => this.store.restoreStory(dump));
	}
	listLinks(storyId: string, now: string): Promise<LinkRecord[]> {
		return this.store.listLinks(storyId, now);
	}
	revokeLink(storyId: string, linkId: string, now: string): Promise<LinkChange> {
		return this.write('revokeLink', () => this.store.revokeLink(storyId, linkId, now));
	}
	updateLink(
		storyId: string,
		linkId: string,
		change: { role: Role; name: string },
		now: string
	): Promise<LinkChange> {
		return this.write('updateLink', () => this.store.updateLink(storyId, linkId, change, now));
	}
	addVersion(version: NewVersion): Promise<VersionRecord> {
		return this.write('addVersion', () => this.store.addVersion(version));
	}
	listVersions(storyId: string): Promise<VersionRecord[]> {
		return this.store.listVersions(storyId);
	}
	getVersion(storyId: string, versionId: string) {
		return this.store.getVersion(storyId, versionId);
	}
	renameVersion(
		storyId: string,
		versionId: string,
		name: string | null
	): Promise<VersionRecord | null> {
		return this.write('renameVersion', () => this.store.renameVersion(storyId, versionId, name));
	}
	deleteVersions(storyId: string, versionIds: readonly string[]): Promise<void> {
		return this.write('deleteVersions', () => this.store.deleteVersions(storyId, versionIds));
	}
	compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
		return this.write('compact', () => this.store.compact(room, snapshot, upToSeq));
	}
	quarantine(room: string, rows: readonly DamagedRow[]): Promise<void> {
		return this.write('quarantine', () => this.store.quarantine(room, rows));
	}
	probeWrite(): Promise<void> {
		return this.write('probeWrite', () => this.store.probeWrite());
	}
	ping(): Promise<boolean> {
		return this.store.ping();
	}
	close(): Promise<void> {
		return this.store.close();
	}

	private async write<T>(during: string, write: () => Promise<T>): Promise<T> {
		try {
			const result = await write();
			this.health.succeeded();
			return result;
		} catch (error) {
			// The store answered, and refused by its rules: not a fault of the store.
			if (error instanceof WriterConflictError) {
				this.health.succeeded();
				throw error;
			}
			const fault = this.health.failed(error, during);
			throw new StoreWriteError(fault.reason, { cause: error });
		}
	}
}
