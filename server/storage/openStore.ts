import type { DocumentStore } from './DocumentStore';
import { openSqliteStore } from './SqliteStore';

/** The store the configuration names: `<dataDir>/galley.sqlite`, migrated to the current schema. */
export async function openStore(config: { dataDir: string }): Promise<DocumentStore> {
	return openSqliteStore(config.dataDir);
}
