import type pino from 'pino';
import type { RawData, WebSocket } from 'ws';
import { CloseCode, type CloseCodeValue } from '#shared/protocol/closeCodes';
import { canWriteRoom } from '#shared/protocol/policy';
import type { RoomKind } from '#shared/protocol/rooms';
import { TokenBucket } from '../auth/TokenBucket';
import type { Access } from '../auth/Access';

/** Per-connection limits: messages and bytes per second (a burst of a few seconds' worth). */
export interface ConnectionRates {
	messagesPerSecond: number;
	bytesPerSecond: number;
}

/** How large a frame a connection may send. */
export interface FrameLimits {
	/** Any message (MAX_MESSAGE_BYTES). */
	messageBytes: number;
	/**
	 * A document message (sync step 2 or update) while the connection may write its room
	 * (MAX_WRITER_MESSAGE_BYTES): a returning editor's offline work arrives as one such message.
	 */
	writerMessageBytes: number;
}

/** What a connection is set up with besides its socket and logger. */
export interface ConnectionOptions {
	limits: FrameLimits;
	/** Messages and bytes per second (close 1013 beyond); unlimited without. */
	rates?: ConnectionRates;
	/** The kind of room it is for: decides whether its access may write there. */
	roomKind: RoomKind | null;
	/** What its token grants as it opens (see `grant`). */
	access: Access | null;
}

/** Sync step 2 (0, 1) or update (0, 2): the y-websocket messages that carry document content. */
function isDocumentMessage(frame: Uint8Array): boolean {
	return frame[0] === 0 && (frame[1] === 1 || frame[1] === 2);
}

/** Frames queued for one client beyond this mean it is not reading: drop it rather than hoard. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** Close reasons travel in a control frame: at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

let nextId = 1;

function truncateReason(reason: string): string {
	if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
	let cut = reason.slice(0, MAX_REASON_BYTES);
	while (Buffer.byteLength(cut) > MAX_REASON_BYTES) cut = cut.slice(0, -1);
	return cut;
}

/**
 * One client socket: size-checked frames in, frames out, keep-alive and closing with a code.
 * Frames that arrive before the room is ready are queued in order and replayed by `attach`.
 */
export class Connection {
	readonly id = nextId++;
	/** Awareness client ids this connection has published (normally one). */
	readonly clientIds: number[] = [];
	/** What its token grants (re-checked while open); null: no access control (in-process use). */
	access: Access | null = null;
	/**
	 * Every name the link has carried while this connection was open: what its holder writes may
	 * bear any of them (their browser signs with the name it opened with until it reloads).
	 */
	readonly namesHeld = new Set<string>();
	/** Set once it sent awareness: a y-websocket client's first awareness message is its own state. */
	announced = false;
	/** When the client was last heard from (a frame or a pong), in ms since the epoch. */
	lastSeen = Date.now();
	/** When we last sent it a data frame, in ms since the epoch. */
	lastSent = Date.now();
	/** Cleared by each keep-alive ping and set again by the pong. */
	private alive = true;
	private closed = false;
	private handler: ((frame: Uint8Array) => void) | null = null;
	private queued: Uint8Array[] | null = [];
	private queuedBytes = 0;
	private readonly closeListeners: Array<() => void> = [];
	private readonly grantListeners: Array<() => void> = [];
	private readonly messageBudget: TokenBucket | null;
	private readonly byteBudget: TokenBucket | null;
	private readonly limits: FrameLimits;
	private readonly roomKind: RoomKind | null;
	/** The largest frame it could send as it opened: the byte budget's burst covers one. */
	private readonly largestFrame: number;

	readonly log: pino.Logger;

	/** `log` is the room's logger; the connection logs through a child naming it. */
	constructor(
		private readonly socket: WebSocket,
		log: pino.Logger,
		options: ConnectionOptions
	) {
		const { limits, rates, roomKind } = options;
		this.log = log.child({ connection: this.id });
		this.limits = limits;
		this.roomKind = roomKind;
		this.grant(options.access);
		this.largestFrame = this.mayWrite() ? limits.writerMessageBytes : limits.messageBytes;
		this.messageBudget = rates
			? new TokenBucket(rates.messagesPerSecond * 5, rates.messagesPerSecond)
			: null;
		// The burst covers one largest message (an offline device's catch-up sync).
		this.byteBudget = rates
			? new TokenBucket(Math.max(this.largestFrame, rates.bytesPerSecond * 5), rates.bytesPerSecond)
			: null;
		socket.on('message', (data, isBinary) => this.receive(data, isBinary));
		socket.on('pong', () => {
			this.alive = true;
			this.lastSeen = Date.now();
		});
		socket.on('error', (error) => this.log.debug({ err: error }, 'socket error'));
		socket.on('close', (code) => {
			this.log.debug({ code }, 'connection closed');
			this.finish();
		});
	}

	get isOpen(): boolean {
		return !this.closed && this.socket.readyState === this.socket.OPEN;
	}

	/** Routes frames to `handler`, first replaying those that arrived while the room loaded. */
	attach(handler: (frame: Uint8Array) => void): void {
		const queued = this.queued ?? [];
		this.queued = null;
		this.queuedBytes = 0;
		this.handler = handler;
		for (const frame of queued) {
			if (this.handler !== handler) break; // closed by an earlier frame
			handler(frame);
		}
	}

	/** True while its access may write its room (always without access control). */
	mayWrite(): boolean {
		if (!this.access || !this.roomKind) return true;
		return canWriteRoom(this.access.role, this.roomKind);
	}

	/** Sets (or updates, after a role change or rename) what the connection's token grants. */
	grant(access: Access | null): void {
		const before = this.access;
		this.access = access;
		if (access) this.namesHeld.add(access.name);
		if (before && access && (before.name !== access.name || before.role !== access.role)) {
			for (const listener of this.grantListeners) listener();
		}
	}

	/** Called when the name or role its link gives it changes while it is open. */
	onRegrant(listener: () => void): void {
		this.grantListeners.push(listener);
	}

	/** Calls `listener` once when the socket has closed (at once if it already has). */
	onClose(listener: () => void): void {
		if (this.closed) listener();
		else this.closeListeners.push(listener);
	}

	send(frame: Uint8Array): void {
		if (!this.isOpen) return;
		if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
			this.close(CloseCode.tryAgainLater, 'client is not reading: too much data queued');
			return;
		}
		this.socket.send(frame);
		this.lastSent = Date.now();
	}

	/** Closes with a code and a reason (cut to the 123 bytes a close frame allows); stops handling input. */
	close(code: CloseCodeValue | number, reason: string): void {
		if (this.closed) return;
		this.finish();
		this.socket.close(code, truncateReason(reason));
	}

	/** Closes because the client broke the rules; logged without any content. */
	refuse(code: CloseCodeValue, reason: string): void {
		this.log.warn({ code, reason }, 'closing connection');
		this.close(code, reason);
	}

	/** Drops the socket without a closing handshake (it stopped answering). */
	terminate(): void {
		this.finish();
		this.socket.terminate();
	}

	/** One keep-alive round: false (and terminated) when the last ping went unanswered. */
	heartbeat(): boolean {
		if (!this.alive) {
			this.log.info('no pong: dropping connection');
			this.terminate();
			return false;
		}
		this.alive = false;
		try {
			this.socket.ping();
		} catch {
			this.terminate();
			return false;
		}
		return true;
	}

	/** The most this frame may weigh: more for a writer's document message, checked before decoding. */
	private frameLimit(frame: Uint8Array): number {
		const { messageBytes, writerMessageBytes } = this.limits;
		if (frame.byteLength <= messageBytes) return messageBytes;
		return isDocumentMessage(frame) && this.mayWrite() ? writerMessageBytes : messageBytes;
	}

	/** Stops input and tells the room at once, without waiting for the closing handshake. */
	private finish(): void {
		this.closed = true;
		this.handler = null;
		this.queued = null;
		for (const listener of this.closeListeners.splice(0)) listener();
	}

	private receive(data: RawData, isBinary: boolean): void {
		if (this.closed) return;
		this.lastSeen = Date.now();
		if (!isBinary) {
			this.refuse(CloseCode.protocolError, 'text frames are not part of the protocol');
			return;
		}
		// ws delivers a Buffer for binary frames unless told otherwise; normalise just in case.
		const frame =
			data instanceof Uint8Array
				? data
				: Array.isArray(data)
					? Buffer.concat(data)
					: new Uint8Array(data);
		const limit = this.frameLimit(frame);
		if (frame.byteLength > limit) {
			this.refuse(CloseCode.messageTooBig, `message over ${limit} bytes`);
			return;
		}
		if (
			(this.messageBudget && !this.messageBudget.take()) ||
			(this.byteBudget && !this.byteBudget.take(frame.byteLength))
		) {
			this.refuse(CloseCode.tryAgainLater, 'too many messages: slow down');
			return;
		}
		if (this.handler) {
			this.handler(frame);
			return;
		}
		if (this.queued) {
			this.queuedBytes += frame.byteLength;
			if (this.queuedBytes > this.largestFrame * 2) {
				this.refuse(CloseCode.tryAgainLater, 'too much sent before the document was ready');
				return;
			}
			this.queued.push(frame);
		}
	}
}
