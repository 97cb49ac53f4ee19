import type { Connection } from './Connection';
import { encodeAwarenessMessage } from './messages';

/** An awareness update with no entries: data the client reads and ignores. */
const EMPTY_AWARENESS = encodeAwarenessMessage([], 0);

/**
 * Keeps every connection honest and alive with two timers for the whole server (none per room),
 * running only while there are connections:
 * - a WebSocket ping every `pingIntervalMs`; a connection that missed the previous pong is dropped;
 * - an empty awareness message to any connection sent nothing for `idleDataMs`: y-websocket
 *   clients reconnect after 30 s without a data message (pings do not count), and since we never
 *   echo a client's own messages, a person alone in a room would otherwise get nothing.
 */
export class KeepAlive {
	private readonly connections = new Set<Connection>();
	private pingTimer: NodeJS.Timeout | null = null;
	private dataTimer: NodeJS.Timeout | null = null;

	constructor(
		private readonly pingIntervalMs: number,
		private readonly idleDataMs: number
	) {}

	/** Every connection being kept, including those not in a room yet. */
	get all(): ReadonlySet<Connection> {
		return this.connections;
	}

	add(connection: Connection): void {
		this.connections.add(connection);
		connection.onClose(() => {
			this.connections.delete(connection);
			if (this.connections.size === 0) this.stop();
		});
		this.pingTimer ??= setInterval(() => {
			for (const each of this.connections) each.heartbeat();
		}, this.pingIntervalMs).unref();
		// Checking at half the interval keeps the longest silence at about idleDataMs.
		this.dataTimer ??= setInterval(() => {
			const quietSince = Date.now() - this.idleDataMs / 2;
			for (const each of this.connections) {
				if (each.lastSent < quietSince) each.send(EMPTY_AWARENESS);
			}
		}, this.idleDataMs / 2).unref();
	}

	stop(): void {
		if (this.pingTimer) clearInterval(this.pingTimer);
		if (this.dataTimer) clearInterval(this.dataTimer);
		this.pingTimer = this.dataTimer = null;
	}
}
