import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import * as Y from 'yjs';
import { CollabServer, type CollabServerOptions } from '../../../../server/collab/CollabServer';
import { openSqliteStore, type SqliteStore } from '../../../../server/storage/SqliteStore';

export * from '../../../helpers/wsClients';
/** A CollabServer on an ephemeral port with its own temp SQLite store. */
export interface Harness {
	url: string;
	port: number;
	collab: CollabServer;
	store: SqliteStore;
	dataDir: string;
	/** Closes the collab server (as on shutdown), the http server and the store. */
	stop(): Promise<void>;
	/** stop() and remove the data directory. */
	dispose(): Promise<void>;
}

export async function startHarness(
	options: Partial<CollabServerOptions> = {},
	dataDir = mkdtempSync(path.join(tmpdir(), 'galley-collab-'))
): Promise<Harness> {
	const store = openSqliteStore(dataDir);
	const collab = new CollabServer({
		store,
		logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
		maxMessageBytes: 1024 * 1024,
		unloadAfterMs: 30_000,
		...options
	});
	const server: Server = createServer((_request, response) => {
		response.statusCode = 404;
		response.end();
	});
	server.on('upgrade', (request, socket, head) => collab.handleUpgrade(request, socket, head));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await collab.close();
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
		await store.close();
	};
	return {
		url: `ws://127.0.0.1:${port}/collab`,
		port,
		collab,
		store,
		dataDir,
		stop,
		async dispose() {
			await stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** The room as stored: a fresh doc from the store's snapshot and log. */
export async function storedDoc(store: SqliteStore, room: string): Promise<Y.Doc> {
	const stored = await store.loadDocument(room);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}
