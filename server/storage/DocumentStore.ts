import type { DocumentLog } from './DocumentLog';
import type { StoryCatalog } from './StoryCatalog';
import type { StoryDump } from './StoryDump';

export type {
	DamagedRow,
	DeletionRecord,
	DocumentLog,
	LogTail,
	StoredDocument
} from './DocumentLog';
export type {
	LinkChange,
	LinkRecord,
	NewLink,
	NewStory,
	NewVersion,
	StoredLink,
	StoryCatalog,
	StoryEdit,
	StoryRecord,
	VersionKind,
	VersionRecord
} from './StoryCatalog';

/**
 * Everything Galley stores, on one database: the catalog and the document log (see each). The
 * only way into the database: nothing outside `server/storage/` opens one. Async so that a
 * networked database (Postgres) stands behind the same interface as the SQLite file.
 */
export interface DocumentStore extends StoryCatalog, DocumentLog {
	/**
	 * Stores a story copied from another store (see dumpStory) in one transaction: its rows as
	 * they were, logs renumbered. Fails, storing nothing, when the story or a link id exists.
	 */
	restoreStory(dump: StoryDump): Promise<void>;
	/** Writes a few bytes durably, to learn whether writing works again (throws when not). */
	probeWrite(): Promise<void>;
	/** True when the database answers a trivial query. */
	ping(): Promise<boolean>;
	close(): Promise<void>;
}
