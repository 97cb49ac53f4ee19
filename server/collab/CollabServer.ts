import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type pino from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import { parseRoomName, type RoomName } from '#shared/protocol/rooms';
import { canWriteRoom } from '#shared/protocol/policy';
import type { Access } from '../auth/Access';
import type { AddressLimits } from '../auth/AddressLimits';
import type { ReviewWriteBudget } from '../review/ReviewWriteBudget';
import type { DocumentStore, VersionKind, VersionRecord } from '../storage/DocumentStore';
import type { DocumentState } from '../stories/LiveDocuments';
import type { Room } from './Room';
import { Connection, type ConnectionRates, type FrameLimits } from './Connection';
import { DamagedDocumentError } from './docFromStored';
import { KeepAlive } from './KeepAlive';
import { RoomClosedError, type RoomContext, type RoomSettings } from './RoomContext';
import { RoomRegistry } from './RoomRegistry';
import { DEFAULT_AWARENESS_LIMITS } from './validateAwareness';
import type { Fleet } from '../fleet/Fleet';

export interface CollabServerOptions {
	store: DocumentStore;
	logger: pino.Logger;
	/** MAX_MESSAGE_BYTES: larger frames close the connection with 1009. */
	maxMessageBytes: number;
	/**
	 * MAX_WRITER_MESSAGE_BYTES: a document message (sync step 2 or update) from a connection that
	 * may write its room may be this large (default: maxMessageBytes), so an editor's long
	 * offline session syncs when they return.
	 */
	maxWriterMessageBytes?: number;
	/** Per-address caps on failed tokens and open WebSockets (none when absent). */
	addressLimits?: AddressLimits;
	/** Rooms with no connections unload after this long (default 30 s). */
	unloadAfterMs: number;
	/** Automatic versions of a story this long after its last edit and on unload (default 0: none). */
	versionPauseMs?: number;
	/** Keep-alive ping interval (default 30 s); a connection that misses a pong is dropped. */
	pingIntervalMs?: number;
	/** Compact a room's log into a snapshot when it grows past this many updates (default 500). */
	compactAfterUpdates?: number;
	/** Awareness changes are relayed in batches this far apart (default 50 ms). */
	awarenessBatchMs?: number;
	/** A connection sent no data for this long gets an empty awareness message (default 15 s). */
	idleDataMs?: number;
	/** Called (debounced, at most every ~2 s per room) after a room's document changed, and on unload. */
	onDocumentChanged?: (room: string, doc: Y.Doc) => void;
	/** Decides whether a room may be opened (e.g. the story exists); false → close 4404. */
	roomExists?: (room: RoomName) => Promise<boolean>;
	/**
	 * Who may open the room: the access the upgrade request's token grants, or null (HTTP 401
	 * before any WebSocket exists). Without it every connection may write (in-process tests).
	 */
	authorize?: (
		request: IncomingMessage,
		url: URL,
		room: RoomName
	) => Access | null | Promise<Access | null>;
	/** A link's access now (null once revoked or expired); open connections are re-checked with it. */
	currentAccess?: (linkId: string) => Access | null | Promise<Access | null>;
	/** Per-connection message and byte rates (close 1013 beyond); unlimited without. */
	rates?: ConnectionRates;
	/** MAX_STORY_BYTES: edits that would grow a story's text past it are refused (4413). */
	maxStoryBytes?: number;
	/** Comments, replies and suggestions per link per minute in the notes rooms (4529 beyond). */
	reviewWrites?: ReviewWriteBudget;
	/** Origins accepted besides the server's own (a request without Origin is not a browser's). */
	allowedOrigins?: string[];
	/** The processes sharing rooms with this one (REDIS_URL); absent when it is alone. */
	fleet?: Fleet;
	/** People present in a room on the fleet's other processes (see FleetCounts). */
	presenceElsewhere?: (room: string) => number;
	/** Connections to a room on the fleet's other processes (see FleetCounts). */
	connectionsElsewhere?: (room: string) => number;
}

/** Open connections are re-checked this often, so a revoke, downgrade or expiry bites within a second. */
const ACCESS_SWEEP_MS = 500;

const COLLAB_PATH = '/collab/';
/** The close reason of CloseCode.unauthorized at the door (no, unknown, revoked or expired token). */
export const LINK_REFUSED_REASON = 'this link no longer works';
/** The close reason of CloseCode.storyDamaged: the desk shows it as is. */
export const STORY_DAMAGED_REASON = "this story's saved data is damaged";
/** On shutdown, clients get this long to answer our close frame before their sockets are cut. */
const CLOSE_GRACE_MS = 1_000;

/** Answers an upgrade we refuse with a plain HTTP status, before any WebSocket exists. */
function refuseUpgrade(
	socket: Duplex,
	status: number,
	message: string,
	detail?: { retryAfter: number; body: string }
): void {
	const body = `${detail?.body ?? message}\n`;
	const retryAfter = detail ? `Retry-After: ${detail.retryAfter}\r\n` : '';
	socket.end(
		`HTTP/1.1 ${status} ${message}\r\nContent-Type: text/plain; charset=utf-8\r\n${retryAfter}` +
			`Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
	);
}

/** How long an address at its WebSocket cap is told to wait before trying again. */
const CONNECTION_CAP_RETRY_S = 10;

/**
 * The y-websocket protocol server: upgrades /collab/<room>, keeps connections alive, and hands
 * them to their Room (see Room and UpdatePipeline for the sync, persistence and relay rules).
 */
export class CollabServer {
	/** Reads frames up to MAX_MESSAGE_BYTES: for connections that may not write their room. */
	private readonly wss: WebSocketServer;
	/** Reads frames up to the writer limit (ws checks maxPayload per socket, set at upgrade). */
	private readonly writerWss: WebSocketServer;
	private readonly limits: FrameLimits;
	private readonly log: pino.Logger;
	private readonly rooms: RoomRegistry;
	/** Open sockets, including those closing: shutdown waits for (or cuts) them. */
	private readonly sockets = new Set<WebSocket>();
	private readonly keepAlive: KeepAlive;
	private closing = false;
	private readonly accessSweep: NodeJS.Timeout | null = null;

	constructor(private readonly options: CollabServerOptions) {
		this.log = options.logger;
		const pingIntervalMs = options.pingIntervalMs ?? 30_000;
		this.keepAlive = new KeepAlive(pingIntervalMs, options.idleDataMs ?? 15_000);
		this.limits = {
			messageBytes: options.maxMessageBytes,
			writerMessageBytes: Math.max(
				options.maxMessageBytes,
				options.maxWriterMessageBytes ?? options.maxMessageBytes
			)
		};
		const server = (maxPayload: number) =>
			new WebSocketServer({
				noServer: true,
				maxPayload,
				clientTracking: false,
				perMessageDeflate: false
			});
		this.wss = server(this.limits.messageBytes);
		this.writerWss =
			this.limits.writerMessageBytes > this.limits.messageBytes
				? server(this.limits.writerMessageBytes)
				: this.wss;
		const settings: RoomSettings = {
			unloadAfterMs: options.unloadAfterMs,
			compactAfterUpdates: options.compactAfterUpdates ?? 500,
			awarenessBatchMs: options.awarenessBatchMs ?? 50,
			notifyAfterMs: 2_000,
			silentAfterMs: Math.max(20_000, pingIntervalMs + 5_000),
			awarenessLimits: DEFAULT_AWARENESS_LIMITS,
			maxStoryBytes: options.maxStoryBytes ?? Infinity,
			versionPauseMs: options.versionPauseMs ?? 0
		};
		const context: Omit<RoomContext, 'requestUnload'> = {
			store: options.store,
			settings,
			onDocumentChanged: options.onDocumentChanged,
			...(options.reviewWrites && { reviewWrites: options.reviewWrites }),
			...(options.fleet && { fleet: options.fleet }),
			...(options.connectionsElsewhere && { connectionsElsewhere: options.connectionsElsewhere })
		};
		this.rooms = new RoomRegistry(context, this.log);
		if (options.currentAccess) {
			this.accessSweep = setInterval(() => void this.sweepAccess(), ACCESS_SWEEP_MS);
			this.accessSweep.unref();
		}
	}

	/** Re-checks every open connection of a link (revoked → 4401, new role applies at once). */
	refreshAccess(linkId: string): void {
		void this.lookUpAccess(linkId).then((current) => {
			if (current === undefined) return;
			for (const connection of this.keepAlive.all) {
				if (connection.access?.linkId === linkId) this.applyAccess(connection, current);
			}
		});
	}

	private async sweepAccess(): Promise<void> {
		const seen = new Map<string, Access | null | undefined>();
		for (const connection of [...this.keepAlive.all]) {
			const linkId = connection.access?.linkId;
			if (!linkId) continue;
			if (!seen.has(linkId)) seen.set(linkId, await this.lookUpAccess(linkId));
			const current = seen.get(linkId);
			if (current !== undefined) this.applyAccess(connection, current);
		}
	}

	/** The link's access now; undefined when the store could not say (the next sweep asks again). */
	private async lookUpAccess(linkId: string): Promise<Access | null | undefined> {
		try {
			return (await this.options.currentAccess?.(linkId)) ?? null;
		} catch (error) {
			this.log.warn({ err: error }, 'could not re-check a link');
			return undefined;
		}
	}

	private applyAccess(connection: Connection, current: Access | null): void {
		if (!current) {
			connection.refuse(CloseCode.unauthorized, 'the link was revoked or has expired');
		} else {
			connection.grant(current);
		}
	}

	private originAllowed(request: IncomingMessage): boolean {
		const origin = request.headers.origin;
		if (origin === undefined) return true;
		const host = request.headers.host;
		if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
		return (this.options.allowedOrigins ?? []).includes(origin);
	}

	/** Handles an HTTP upgrade for /collab/<room>; answers plain HTTP 400/404 for bad paths/rooms. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		if (this.closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
		const url = request.url ?? '';
		const pathname = url.split('?', 1)[0]!;
		if (!pathname.startsWith(COLLAB_PATH)) return refuseUpgrade(socket, 404, 'Not Found');
		let room: string;
		try {
			room = decodeURIComponent(pathname.slice(COLLAB_PATH.length));
		} catch {
			return refuseUpgrade(socket, 400, 'Bad Request');
		}
		const name = parseRoomName(room);
		if (!name) return refuseUpgrade(socket, 400, 'Bad Request');
		if (!this.originAllowed(request)) return refuseUpgrade(socket, 403, 'Forbidden');
		const limits = this.options.addressLimits;
		const address = limits?.addressOf(request) ?? '';
		if (limits) {
			const wait = limits.tokenRetryAfter(address);
			if (wait > 0) {
				return refuseUpgrade(socket, 429, 'Too Many Requests', {
					retryAfter: wait,
					body: 'Too many failed token attempts from this address.'
				});
			}
			if (!limits.mayConnect(address)) {
				return refuseUpgrade(socket, 429, 'Too Many Requests', {
					retryAfter: CONNECTION_CAP_RETRY_S,
					body: `At most ${limits.settings.connectionsPerAddress} open connections per address.`
				});
			}
		}
		// The slot is taken now, not once the token is looked up: concurrent upgrades cannot all
		// pass the cap (nor, with their lookups counted as failures, the token limit) meanwhile.
		const release = limits?.connected(address) ?? (() => {});
		// However the upgrade ends (ws may drop a socket without calling back), the slot is freed.
		socket.once('close', release);
		if (!this.options.authorize) {
			return this.upgrade(request, socket, head, room, name, null, release);
		}
		const tokenChecked = limits?.checkingToken(address) ?? (() => {});
		// Until ws owns the socket, its errors (the client gave up) are ours to catch.
		const dropped = () => socket.destroy();
		socket.on('error', dropped);
		Promise.resolve()
			.then(() => this.options.authorize!(request, new URL(url, 'http://galley.invalid'), name))
			.then(
				(access) => {
					tokenChecked(!access);
					socket.off('error', dropped);
					if (socket.destroyed) return release();
					if (this.closing) {
						release();
						return refuseUpgrade(socket, 503, 'Service Unavailable');
					}
					if (!access) {
						// Accepted, then closed 4401 before anything is read or sent: a stock y-websocket
						// client takes a 44xx close as final, while an HTTP 401 here would be retried
						// every few seconds for as long as the tab stays open.
						return this.wss.handleUpgrade(request, socket, head, (ws) => {
							this.track(ws, release);
							ws.close(CloseCode.unauthorized, LINK_REFUSED_REASON);
						});
					}
					this.upgrade(request, socket, head, room, name, access, release);
				},
				(error: unknown) => {
					tokenChecked(false);
					release();
					socket.off('error', dropped);
					this.log.warn({ err: error }, 'could not check a link at the door');
					if (!socket.destroyed) refuseUpgrade(socket, 503, 'Service Unavailable');
				}
			);
	}

	private upgrade(
		request: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		room: string,
		name: RoomName,
		access: Access | null,
		release: () => void
	): void {
		// Only a connection that may write gets the larger frames read at all; a later downgrade
		// is caught per frame by the Connection.
		const writes = access === null || canWriteRoom(access.role, name.kind);
		const wss = writes ? this.writerWss : this.wss;
		wss.handleUpgrade(request, socket, head, (ws) => {
			this.track(ws, release);
			this.accept(ws, room, name, access);
		});
	}

	/** Counts an open socket (for shutdown, and against its address's cap) until it closes. */
	private track(ws: WebSocket, release: () => void): void {
		this.sockets.add(ws);
		ws.once('close', () => this.sockets.delete(ws));
		ws.once('close', release);
	}

	/**
	 * Runs `fn` synchronously on the room's doc (loading the room first). It gets an exact copy of
	 * the live doc, so nothing it does is visible before it is durable; its changes then take the
	 * client path (validated, persisted, applied, broadcast). Resolves with fn's result after that.
	 */
	async withDocument<T>(
		room: string,
		fn: (doc: Y.Doc) => T,
		writer: string | null = null
	): Promise<T> {
		return this.withRoom(room, (live) => live.change(fn, writer));
	}

	/** Makes a version of a story room now (loading it first); see StoryHistory. */
	makeVersion(room: string, kind: VersionKind, name: string | null = null): Promise<VersionRecord> {
		return this.withRoom(room, (live) => live.makeVersion(kind, name));
	}

	private async withRoom<T>(room: string, use: (live: Room) => Promise<T>): Promise<T> {
		for (;;) {
			const live = await this.rooms.open(room);
			try {
				return await use(live);
			} catch (error) {
				// It unloaded between lookup and use: take the fresh one.
				if (!(error instanceof RoomClosedError)) throw error;
			}
		}
	}

	/** A copy of the room's current state: the live room if loaded, else storage. */
	readDocument(room: string): Promise<Y.Doc> {
		return this.rooms.read(room);
	}

	/** The room's state as updates to apply in order, decoded nowhere here (see RoomRegistry). */
	readState(room: string): Promise<DocumentState> {
		return this.rooms.readState(room);
	}

	/** Rooms whose stored data was found damaged since the server started (they do not open). */
	damagedRooms(): string[] {
		return this.rooms.damagedRooms();
	}

	/** Number of distinct people (awareness states) in a room now, on every process. */
	presence(room: string): number {
		const here = this.rooms.loaded(room)?.presence() ?? 0;
		return here + (this.options.presenceElsewhere?.(room) ?? 0);
	}

	/** Connections on this process, per loaded room that has any. */
	connectionCounts(): Array<[string, number]> {
		const counts: Array<[string, number]> = [];
		for (const room of this.rooms.all()) {
			if (room.connections.size > 0) counts.push([room.name, room.connections.size]);
		}
		return counts;
	}

	/** People present on this process, per loaded room that has any. */
	presenceCounts(): Array<[string, number]> {
		const counts: Array<[string, number]> = [];
		for (const room of this.rooms.all()) {
			const present = room.presence();
			if (present > 0) counts.push([room.name, present]);
		}
		return counts;
	}

	/** Closes every connection of a room (code 4404 'story deleted') and drops it without saving. */
	dropRoom(room: string): Promise<void> {
		return this.rooms.drop(room);
	}

	/** Stop accepting, flush pending writes, compact loaded rooms, close sockets with 1001. */
	async close(): Promise<void> {
		if (this.closing) return;
		this.closing = true;
		this.keepAlive.stop();
		if (this.accessSweep) clearInterval(this.accessSweep);
		for (const connection of this.keepAlive.all) {
			connection.close(CloseCode.goingAway, 'server shutting down');
		}
		await this.rooms.shutdown();
		this.wss.close();
		this.writerWss.close();
		await this.socketsClosed(CLOSE_GRACE_MS);
	}

	private async socketsClosed(graceMs: number): Promise<void> {
		if (this.sockets.size === 0) return;
		let timer: NodeJS.Timeout | undefined;
		const closed = Promise.all(
			[...this.sockets].map((ws) => new Promise((resolve) => ws.once('close', resolve)))
		);
		await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
		clearTimeout(timer);
		for (const ws of this.sockets) ws.terminate();
	}

	private accept(ws: WebSocket, room: string, name: RoomName, access: Access | null): void {
		const connection = new Connection(ws, this.log.child({ room }), {
			limits: this.limits,
			rates: this.options.rates,
			roomKind: name.kind,
			access
		});
		this.keepAlive.add(connection);
		if (this.closing) return connection.close(CloseCode.goingAway, 'server shutting down');
		void this.enter(connection, room, name);
	}

	private async enter(connection: Connection, room: string, name: RoomName): Promise<void> {
		try {
			if (this.rooms.isDropped(room)) {
				return connection.close(CloseCode.notFound, 'story deleted');
			}
			if (!this.rooms.loaded(room) && this.options.roomExists) {
				if (!(await this.options.roomExists(name))) {
					return connection.close(CloseCode.notFound, 'story not found');
				}
			}
			for (;;) {
				if (!connection.isOpen) return;
				const live = await this.rooms.open(room);
				// A client back from another process (it stopped) may hold what that process stored
				// and this one has not applied yet: take it from the store before answering.
				await live.catchUpWithFleet();
				if (live.join(connection)) return;
				// The room closed between lookup and join (unloaded, dropped or shutting down).
				if (this.closing || this.rooms.isDropped(room)) throw new RoomClosedError(room);
			}
		} catch (error) {
			if (error instanceof RoomClosedError) {
				if (this.closing) return connection.close(CloseCode.goingAway, 'server shutting down');
				return connection.close(CloseCode.notFound, 'story deleted');
			}
			if (error instanceof DamagedDocumentError) {
				// Logged once by the registry, not per connection attempt.
				return connection.close(CloseCode.storyDamaged, STORY_DAMAGED_REASON);
			}
			connection.log.error({ err: error }, 'could not open the room');
			connection.close(CloseCode.internalError, 'could not open the document');
		}
	}
}
