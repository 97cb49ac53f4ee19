import type pino from 'pino';
import type * as Y from 'yjs';
import { docFromStored } from './docFromStored';
import { Room } from './Room';
import { RoomClosedError, type RoomContext } from './RoomContext';

/**
 * Which rooms are loaded, loading, unloading or dropped. A room loads once (concurrent callers
 * share one promise), a room reloads only after its unload finished (so compaction cannot race
 * the next writes), and a dropped room stays refused.
 */
export class RoomRegistry {
	private readonly opening = new Map<string, Promise<Room>>();
	private readonly live = new Map<string, Room>();
	private readonly unloading = new Map<string, Promise<void>>();
	private readonly dropped = new Set<string>();
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

	isDropped(name: string): boolean {
		return this.dropped.has(name);
	}

	/** The live room, loading it first (once, however many callers ask). */
	open(name: string): Promise<Room> {
		if (this.closed || this.dropped.has(name)) return Promise.reject(new RoomClosedError(name));
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
	async read(name: string): Promise<Y.Doc> {
		const opening = this.opening.get(name);
		if (opening) {
			const room = await opening.catch(() => null);
			if (room?.isOpen) return room.copyDocument();
		}
		await this.unloading.get(name);
		return docFromStored(
			await this.context.store.loadDocument(name),
			this.log.child({ room: name })
		);
	}

	/** Refuses the room from now on, closes its connections and waits for any write in flight. */
	async drop(name: string): Promise<void> {
		this.dropped.add(name);
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
		const room = await Room.load(name, this.context, this.log.child({ room: name }));
		if (this.closed || this.dropped.has(name)) {
			await room.drop();
			throw new RoomClosedError(name);
		}
		this.live.set(name, room);
		return room;
	}

	private unload(room: Room): void {
		const { name } = room;
		if (this.live.get(name) !== room) return;
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
