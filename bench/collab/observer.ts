import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { nowMs } from './clock.ts';
import { editKey, type ArrivalLog } from './latency.ts';
import { BENCH_ADMIN_TOKEN } from './servers.ts';

/**
 * A real client that measures: a y-websocket WebsocketProvider with its own Y.Doc, applying every
 * update like a browser tab would (minus rendering). It records when each remote character
 * (client id, clock) was integrated into its document, which the orchestrator pairs with the send
 * time the typing client recorded. It does not type and publishes no awareness, so it adds no
 * load of its own beyond one more receiver.
 */
export class Observer implements ArrivalLog {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly arrivals = new Map<number, number>();
	/** Remote edits integrated so far. */
	edits = 0;
	private readonly startedAt = nowMs();
	private syncedAt: number | null = null;

	constructor(
		wsBase: string,
		roomName: string,
		readonly room: number
	) {
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== this.provider) return;
			const at = nowMs();
			const meta = Y.parseUpdateMeta(update);
			for (const [client, to] of meta.to) {
				const from = meta.from.get(client) ?? 0;
				this.edits += to - from;
				for (let clock = from; clock < to; clock++) {
					const key = editKey(client, clock);
					if (!this.arrivals.has(key)) this.arrivals.set(key, at);
				}
			}
		});
		this.provider = new WebsocketProvider(wsBase, roomName, this.doc, {
			// Node 20 has no global WebSocket; BroadcastChannel would let observers in this one
			// process talk to each other around the server, so it is off.
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			params: { token: BENCH_ADMIN_TOKEN }
		});
		this.provider.awareness.setLocalState(null);
		this.provider.on('sync', (synced: boolean) => {
			if (synced && this.syncedAt === null) this.syncedAt = nowMs();
		});
	}

	/** Resolves with the ms from construction to the first completed sync. */
	whenSynced(timeoutMs = 30_000): Promise<number> {
		return new Promise((resolve, reject) => {
			if (this.syncedAt !== null) return resolve(this.syncedAt - this.startedAt);
			const timer = setTimeout(
				() => reject(new Error(`observer did not sync within ${timeoutMs} ms`)),
				timeoutMs
			);
			this.provider.once('sync', () => {
				clearTimeout(timer);
				resolve((this.syncedAt ?? nowMs()) - this.startedAt);
			});
		});
	}

	destroy(): void {
		this.provider.destroy();
		this.doc.destroy();
	}
}
