import type pino from 'pino';
import * as Y from 'yjs';
import { DamagedDocumentError, describeDamage, docFromStored, storedRows } from './docFromStored';
import type { StoredDocument } from '../storage/DocumentStore';
import type { DocumentState } from '../stories/LiveDocuments';
import { Room } from './Room';
import { RoomClosedError, type RoomContext } from './RoomContext';

/**
 * Which rooms are loaded, loading, unloading, dropped or damaged. A room loads once (concurrent
 * callers share one promise), a room reloads only after its unload finished (so compaction cannot
 * race the next writes), and a dropped room stays refused. A room whose stored data is damaged
 * is quarantined and logged the first time it is read, and refused from then on without reading
 * it again (restart the server after repairing the database).
 */
export class RoomRegistry {
	private readonly opening = new Map<string, Promise<Room>>();
	private readonly live = new Map<string, Room>();
	private readonly unloading = new Map<string, Promise<void>>();
	private readonly dropped = new Set<string>();
	private readonly damaged = new Map<string, DamagedDocumentError>();
	private readonly context: RoomContext;
	private closed = false;

	constructor(
		base: Omit<RoomContext, 'requestUnload'>,
		private readonly log: pino.Logger
	) {
		this.context = { ...base, requestUnload: (room) => this.unload(room) };
	}

	/** The room if it is loaded now. */
	loaded(name: string): Room | undefined {
		return this.live.get(name);
	}

	/** Every loaded room. */
	all(): IterableIterator<Room> {
		return this.live.values();
	}

	isDropped(name: string): boolean {
		return this.dropped.has(name);
	}

	/** Rooms found damaged since the server started. */
	damagedRooms(): string[] {
		return [...this.damaged.keys()];
	}

	/** The live room, loading it first (once, however many callers ask). */
	open(name: string): Promise<Room> {
		if (this.closed || this.dropped.has(name)) return Promise.reject(new RoomClosedError(name));
		const damage = this.damaged.get(name);
		if (damage) return Promise.reject(damage);
		let opening = this.opening.get(name);
		if (!opening) {
			const promise = this.load(name);
			opening = promise;
			this.opening.set(name, promise);
			promise.catch(() => {
				if (this.opening.get(name) === promise) this.opening.delete(name);
			});
		}
		return opening;
	}

	/** A copy of the room's doc: from the live room when loaded, else from storage. */
	read(name: string): Promise<Y.Doc> {
		return this.readEither(
			name,
			(room) => room.copyDocument(),
			(stored) => docFromStored(name, stored)
		);
	}

	/**
	 * The room's state as updates to apply in order: the live room's when loaded, else the stored
	 * rows unread (see LiveDocuments.readState).
	 */
	readState(name: string): Promise<DocumentState> {
		return this.readEither(
			name,
			(room) => ({ parts: [Y.encodeStateAsUpdate(room.doc)], seq: room.exactSeq() }),
			(stored) => storedRows(name, stored)
		);
	}

	/** From the live room if it is (being) loaded, else from storage once any unload finished. */
	private async readEither<T>(
		name: string,
		fromLive: (room: Room) => T,
		fromStored: (stored: StoredDocument) => T
	): Promise<T> {
		const opening = this.opening.get(name);
		if (opening) {
			const room = await opening.catch(() => null);
			if (room?.isOpen) return fromLive(room);
		}
		await this.unloading.get(name);
		const damage = this.damaged.get(name);
		if (damage) throw damage;
		try {
			return fromStored(await this.context.store.loadDocument(name));
		} catch (error) {
			throw await this.noteDamage(error);
		}
	}

	/** Refuses the room from now on, closes its connections and waits for any write in flight. */
	async drop(name: string): Promise<void> {
		this.dropped.add(name);
		this.damaged.delete(name);
		const room = this.live.get(name);
		const opening = this.opening.get(name);
		this.live.delete(name);
		this.opening.delete(name);
		await Promise.all([
			room?.drop(),
			// A room still loading drops itself when it sees the name was dropped.
			opening?.catch(() => undefined),
			this.unloading.get(name)
		]);
	}

	/** Shuts every room down (1001 to their clients, pending writes flushed, compacted). */
	async shutdown(): Promise<void> {
		this.closed = true;
		const rooms = [...this.live.values()];
		const openings = [...this.opening.values()];
		this.live.clear();
		this.opening.clear();
		await Promise.all([
			...rooms.map((room) => room.shutdown()),
			...openings.map((opening) => opening.then((room) => room.shutdown()).catch(() => undefined)),
			...this.unloading.values()
		]);
	}

	private async load(name: string): Promise<Room> {
		await this.unloading.get(name);
		const room = await Room.load(name, this.context, this.log.child({ room: name })).catch(
			async (error: unknown) => {
				throw await this.noteDamage(error);
			}
		);
		if (this.closed || this.dropped.has(name)) {
			await room.drop();
			throw new RoomClosedError(name);
		}
		this.live.set(name, room);
		return room;
	}

	/**
	 * A damaged room found on reading: remembered, its rows copied to the quarantine, and logged
	 * once. Returns the error to rethrow (any other error unchanged).
	 */
	private async noteDamage(error: unknown): Promise<unknown> {
		if (!(error instanceof DamagedDocumentError)) return error;
		const { room, rows } = error;
		if (this.damaged.has(room) || this.dropped.has(room)) return this.damaged.get(room) ?? error;
		this.damaged.set(room, error);
		this.log.error(
			{ room, damage: describeDamage(rows) },
			"this story's saved data is damaged: its rows are kept in the quarantine table and it will not open"
		);
		try {
			await this.context.store.quarantine(room, rows);
		} catch (failure) {
			this.log.error({ err: failure, room }, 'could not copy the damaged rows to the quarantine');
		}
		return error;
	}

	private unload(which: { readonly name: string }): void {
		const { name } = which;
		const room = this.live.get(name);
		if (!room || room !== which) return;
		this.live.delete(name);
		this.opening.delete(name);
		const done: Promise<void> = room
			.unload()
			.catch((error: unknown) => this.log.error({ err: error, room: name }, 'unload failed'))
			.finally(() => {
				if (this.unloading.get(name) === done) this.unloading.delete(name);
			});
		this.unloading.set(name, done);
	}
}
