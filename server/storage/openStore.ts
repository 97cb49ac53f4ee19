import type { DocumentStore } from './DocumentStore';
import { openPostgresStore } from './PostgresStore';
import { openSqliteStore } from './SqliteStore';

/**
 * The store the configuration names: Postgres at `databaseUrl` when set, otherwise
 * `<dataDir>/galley.sqlite`. Either is migrated to the current schema before it is returned.
 */
export async function openStore(config: {
	dataDir: string;
	databaseUrl: string | null;
}): Promise<DocumentStore> {
	if (config.databaseUrl) return openPostgresStore(config.databaseUrl);
	return openSqliteStore(config.dataDir);
}
