import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentStore } from '../../../server/storage/DocumentStore';
import { openStore } from '../../../server/storage/openStore';

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
		open: () => openStore({ dataDir }),
		env: { DATA_DIR: dataDir },
		async dispose() {
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
