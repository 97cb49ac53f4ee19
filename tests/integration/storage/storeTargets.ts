import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentStore } from '../../../server/storage/DocumentStore';
import { openStore } from '../../../server/storage/openStore';
import type { PrivatePostgres } from '../../helpers/privatePostgres';

/** A fresh, empty database for one test, and the ways in to it. */
export interface StoreTarget {
	/** Opens the store on it: each call a connection of its own, as another process would. */
	open(): Promise<DocumentStore>;
	/** The environment that points a Galley process (server, CLI) at it. */
	env: Record<string, string>;
	/** Deletes it. */
	dispose(): Promise<void>;
}

/** SQLite: galley.sqlite in a new temp folder. */
export async function sqliteTarget(): Promise<StoreTarget> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-contract-'));
	return {
		open: () => openStore({ dataDir, databaseUrl: null }),
		env: { DATA_DIR: dataDir },
		async dispose() {
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** Postgres: a new database on the private server (see tests/helpers/privatePostgres.ts). */
export async function postgresTarget(server: PrivatePostgres): Promise<StoreTarget> {
	const databaseUrl = await server.createDatabase();
	// DATA_DIR still holds nothing then, but the server wants one it can create.
	const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-contract-pg-'));
	return {
		open: () => openStore({ dataDir, databaseUrl }),
		env: { DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
		async dispose() {
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
