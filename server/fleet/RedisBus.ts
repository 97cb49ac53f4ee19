import { Redis } from 'ioredis';
import type pino from 'pino';
import { newId } from '#shared/ids';
import type { BusStatus, FleetBus, FleetMessage } from './FleetBus';
import { decodeFleetMessage, encodeFleetMessage } from './fleetMessages';

/** Every room's channel starts with this, so a shared Redis can hold other things too. */
const CHANNEL_PREFIX = 'galley:room:';
/** The channel of messages about the whole fleet (limits). */
const FLEET_CHANNEL = 'galley:fleet';
/** Reconnect attempts back off to this; Redis coming back is noticed within it. */
const MAX_RETRY_DELAY_MS = 1_000;

/**
 * The fleet's fast path on Redis pub/sub (ioredis): one channel per room, one connection to
 * publish and one to listen (a subscribed connection can do nothing else). Publishing while Redis
 * is away drops the message at once rather than queueing it: a room notices the gap in sequence
 * numbers and reads what it missed from the store, so memory does not grow while Redis is down.
 */
export class RedisBus implements FleetBus {
	readonly processId = newId(10);
	readonly #publisher: Redis;
	readonly #subscriber: Redis;
	readonly #listeners = new Map<string, Set<(message: FleetMessage) => void>>();
	readonly #reconnectListeners: Array<() => void> = [];
	readonly #fleetListeners = new Set<(bytes: Uint8Array) => void>();
	#lastError: string | null = null;
	#wasDown = false;

	constructor(
		url: string,
		private readonly log: pino.Logger
	) {
		const options = {
			retryStrategy: (attempt: number) => Math.min(100 * attempt, MAX_RETRY_DELAY_MS),
			maxRetriesPerRequest: 1,
			connectionName: `galley-${this.processId}`
		};
		this.#publisher = new Redis(url, { ...options, enableOfflineQueue: false });
		// Subscriptions made while Redis is away wait in the offline queue; ioredis renews them
		// all on every reconnect.
		this.#subscriber = new Redis(url, { ...options, autoResubscribe: true });
		for (const connection of [this.#publisher, this.#subscriber]) {
			connection.on('error', (error: Error) => this.#noteError(error));
			connection.on('ready', () => this.#noteReady());
			connection.on('close', () => {
				if (!this.#wasDown)
					this.log.warn('lost the connection to Redis; rooms catch up from the database meanwhile');
				this.#wasDown = true;
			});
		}
		this.#subscriber.on('messageBuffer', (channelBytes: Buffer, bytes: Buffer) => {
			const channel = channelBytes.toString('utf8');
			if (channel === FLEET_CHANNEL) {
				for (const listener of this.#fleetListeners) listener(bytes);
				return;
			}
			const room = channel.slice(CHANNEL_PREFIX.length);
			const listeners = this.#listeners.get(room);
			if (!listeners) return;
			const message = decodeFleetMessage(bytes);
			if (!message) {
				this.log.warn({ room }, 'ignored a message on the bus that is not a fleet message');
				return;
			}
			for (const listener of listeners) listener(message);
		});
	}

	subscribe(room: string, listener: (message: FleetMessage) => void): () => void {
		let listeners = this.#listeners.get(room);
		if (!listeners) {
			this.#listeners.set(room, (listeners = new Set()));
			this.#subscriber.subscribe(CHANNEL_PREFIX + room).catch((error: unknown) => {
				this.log.warn({ err: error, room }, 'could not subscribe; the room catches up by polling');
			});
		}
		listeners.add(listener);
		return () => {
			const current = this.#listeners.get(room);
			if (!current?.delete(listener) || current.size > 0) return;
			this.#listeners.delete(room);
			this.#subscriber.unsubscribe(CHANNEL_PREFIX + room).catch(() => {});
		};
	}

	publish(room: string, message: FleetMessage): void {
		if (this.#publisher.status !== 'ready') return;
		this.#publisher
			.publish(CHANNEL_PREFIX + room, Buffer.from(encodeFleetMessage(message)))
			.catch((error: unknown) => this.#noteError(error));
	}

	subscribeFleet(listener: (bytes: Uint8Array) => void): () => void {
		if (this.#fleetListeners.size === 0) {
			this.#subscriber.subscribe(FLEET_CHANNEL).catch((error: unknown) => {
				this.log.warn({ err: error }, 'could not subscribe to the fleet channel');
			});
		}
		this.#fleetListeners.add(listener);
		return () => {
			this.#fleetListeners.delete(listener);
		};
	}

	publishFleet(bytes: Uint8Array): void {
		if (this.#publisher.status !== 'ready') return;
		this.#publisher
			.publish(FLEET_CHANNEL, Buffer.from(bytes))
			.catch((error: unknown) => this.#noteError(error));
	}

	status(): BusStatus {
		if (this.#publisher.status === 'ready' && this.#subscriber.status === 'ready') {
			return { ok: true };
		}
		const detail = this.#lastError ? `: ${this.#lastError}` : '';
		return { ok: false, reason: `redis unreachable${detail}` };
	}

	onReconnect(listener: () => void): void {
		this.#reconnectListeners.push(listener);
	}

	async close(): Promise<void> {
		this.#listeners.clear();
		await Promise.all(
			[this.#publisher, this.#subscriber].map((connection) =>
				connection.quit().catch(() => connection.disconnect())
			)
		);
	}

	#noteError(error: unknown): void {
		this.#lastError = error instanceof Error ? error.message : String(error);
	}

	#noteReady(): void {
		if (this.status().ok !== true) return;
		this.#lastError = null;
		if (!this.#wasDown) return;
		this.#wasDown = false;
		this.log.info('reconnected to Redis');
		for (const listener of this.#reconnectListeners) listener();
	}
}
