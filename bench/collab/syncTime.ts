import { LightClient } from './lightClient.ts';
import { Observer } from './observer.ts';
import { percentile } from './latency.ts';
import { rawSyncMs } from './rawSync.ts';
import { prepareRooms } from './rooms.ts';
import { startServer, type ServerKind } from './servers.ts';
import { textLength } from './storyDoc.ts';
import { storyText } from './storyText.ts';
import * as Y from 'yjs';

/** How long a real provider takes from `new WebsocketProvider` to synced on a 50 KB story. */
export interface SyncResult {
	server: ServerKind;
	textChars: number;
	/** Size of the synced document's full state (encodeStateAsUpdate) in bytes. */
	stateBytes: number;
	/** First connection to the room since the server started (ours loads it from SQLite). */
	firstMs: number;
	/** Median and p95 of the following connections, one after another, each a fresh provider. */
	repeatMedianMs: number;
	repeatP95Ms: number;
	/** Median of `rawSyncMs` over the same number of connections: the server's part alone. */
	rawMedianMs: number;
}

/** Measures initial sync of a ~50 KB story on a fresh server of `kind`. */
export async function measureInitialSync(kind: ServerKind, repeats: number): Promise<SyncResult> {
	const server = await startServer(kind);
	try {
		const text = storyText(50_000, 11);
		// Two rooms with the same story: the first only warms up both sides (JIT of the
		// provider, the server's sync path, and for ours its room loading), so "first connect" to
		// the second measures a cold room, not a cold process.
		const rooms = await prepareRooms(server, 2, text);
		const [warmRoom, room] = rooms.names as [string, string];
		if (rooms.seed) {
			// The reference has no importer: one client hands it the story, then leaves.
			for (const name of rooms.names) {
				const seeder = new LightClient(`${server.wsBase}/${name}`, rooms.seed);
				await seeder.connect();
				await seeder.close();
			}
		}
		const warm = new Observer(server.wsBase, warmRoom, 0);
		await warm.whenSynced();
		warm.destroy();
		const once = async () => {
			const observer = new Observer(server.wsBase, room, 0);
			try {
				const ms = await observer.whenSynced();
				return { ms, doc: observer.doc };
			} finally {
				observer.provider.destroy();
			}
		};
		const first = await once();
		const stateBytes = Y.encodeStateAsUpdate(first.doc).length;
		const textChars = textLength(first.doc);
		first.doc.destroy();
		const times: number[] = [];
		for (let i = 0; i < repeats; i++) {
			const next = await once();
			next.doc.destroy();
			times.push(next.ms);
		}
		times.sort((a, b) => a - b);
		const raw: number[] = [];
		for (let i = 0; i < repeats; i++) raw.push(await rawSyncMs(`${server.wsBase}/${room}`));
		raw.sort((a, b) => a - b);
		return {
			server: kind,
			textChars,
			stateBytes,
			firstMs: first.ms,
			repeatMedianMs: percentile(times, 50),
			repeatP95Ms: percentile(times, 95),
			rawMedianMs: percentile(raw, 50)
		};
	} finally {
		await server.stop();
	}
}
