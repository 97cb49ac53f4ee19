import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { withBenchToken } from './servers.ts';
import * as Y from 'yjs';
import { nowMs } from './clock.ts';

const MESSAGE_SYNC = 0;

/**
 * Milliseconds from opening a socket to receiving the server's sync step 2 for an empty state
 * vector, with no document applied on our side: the server's share of an initial sync (socket
 * upgrade, room lookup, encoding the whole document, sending it), without the client's cost of
 * integrating the document that a WebsocketProvider's time to "synced" also contains.
 */
export function rawSyncMs(url: string, timeoutMs = 30_000): Promise<number> {
	const started = nowMs();
	const ws = new WebSocket(withBenchToken(url));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			ws.terminate();
			reject(new Error(`no sync step 2 within ${timeoutMs} ms`));
		}, timeoutMs);
		ws.on('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
			encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
			ws.send(encoding.toUint8Array(encoder));
		});
		ws.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(data);
			if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
			if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
			const ms = nowMs() - started;
			clearTimeout(timer);
			ws.close();
			resolve(ms);
		});
		ws.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}
