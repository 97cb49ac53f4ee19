import { writerKey } from '../auth/Access';
import type pino from 'pino';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import { formatBytes } from '#shared/formatBytes';
import { canWriteRoom } from '#shared/protocol/policy';
import { parseRoomName, type RoomKind } from '#shared/protocol/rooms';
import type { DocumentStore } from '../storage/DocumentStore';
import type { Connection } from './Connection';
import { docFromStored } from './docFromStored';
import { decodeClientMessage, encodeSyncStep1, encodeSyncStep2 } from './messages';
import { RoomAwareness } from './RoomAwareness';
import { RoomClosedError, type RoomContext } from './RoomContext';
import { UpdatePipeline, type PipelineRoom } from './UpdatePipeline';
import type { Struct, UpdateCheck } from './validateUpdate';
import type { CloseCodeValue } from '#shared/protocol/closeCodes';
import { StoreWriteError } from '../health/WatchedStore';
import { CLIENT_ID_TAKEN, ClientWriters } from './ClientWriters';
import { WriterConflictError } from '../storage/DocumentLog';
import { StoryHistory } from '../history/StoryHistory';
import type { VersionKind, VersionRecord } from '../storage/DocumentStore';
import { NotesGuard } from './reviewGuard';
import { misshapenBlocks, repairStory } from './repairStory';
import { unknownRootType } from './rootTypes';
import { StoryShapeGuard } from './StoryShapeGuard';
import { StoryTextSize } from './StoryTextSize';
import { decodeAwarenessUpdate } from './validateAwareness';
import { stampPresence } from './stampPresence';
import type { FleetRoom, RoomLink } from '../fleet/RoomLink';
import { CoalescedRelay } from '../fleet/CoalescedRelay';
import { FleetPresence } from '../fleet/FleetPresence';

/** The origin of updates applied from other processes of the fleet. */
const FROM_FLEET = Symbol('fleet');

/**
 * One document and the people editing it: loads once, answers sync, relays updates (through the
 * UpdatePipeline: durable before relayed) and awareness, and unloads when left alone. Idle rooms
 * hold no timers.
 */
export class Room implements PipelineRoom, FleetRoom {
	readonly connections = new Set<Connection>();
	readonly store: DocumentStore;
	readonly compactAfterUpdates: number;
	private state: 'open' | 'closing' | 'closed' = 'open';
	private readonly pipeline: UpdatePipeline;
	private readonly awareness: RoomAwareness;
	private leases = 0;
	private changed = false;
	private unloadTimer: NodeJS.Timeout | null = null;
	private notifyTimer: NodeJS.Timeout | null = null;
	private awarenessTimer: NodeJS.Timeout | null = null;
	private awarenessDue = false;
	private unloading: Promise<void> | null = null;
	private readonly kind: RoomKind | null;
	/**
	 * Which link each Yjs client id belongs to (stored with the room, so it holds after an unload
	 * or a restart): another link's connection writing with it is refused.
	 */
	private readonly writers: ClientWriters;
	/** Checks notes updates against the review model; made at the first one (see NotesGuard). */
	private notesGuard: NotesGuard | null = null;
	/** Checks that story updates fit the schema; null for other rooms. */
	private readonly shapeGuard: StoryShapeGuard | null;
	/** Holds a story's text to MAX_STORY_BYTES; null for other rooms (or without a limit). */
	private readonly textSize: StoryTextSize | null;
	/** A story's versions (automatic and named); null for other rooms. */
	private readonly history: StoryHistory | null;
	/** The other processes serving this room (REDIS_URL); null when this process is alone. */
	private link: RoomLink | null = null;
	/** Others' updates leave for this process's clients one frame per turn (see CoalescedRelay). */
	private readonly fleetRelay = new CoalescedRelay(
		() => this.connections,
		() => this.pipeline.busy
	);
	/** Who is here through other processes, for the snapshot a joining client gets. */
	private readonly fleetPresence = new FleetPresence();

	private constructor(
		readonly name: string,
		readonly doc: Y.Doc,
		stored: { updates: number; lastSeq: number; writers: Map<number, string> },
		private readonly context: RoomContext,
		readonly log: pino.Logger
	) {
		this.store = context.store;
		this.writers = new ClientWriters(stored.writers);
		this.kind = parseRoomName(name)?.kind ?? null;
		this.shapeGuard = this.kind === 'story' ? new StoryShapeGuard(doc) : null;
		const { maxStoryBytes } = context.settings;
		this.textSize =
			this.kind === 'story' && Number.isFinite(maxStoryBytes)
				? new StoryTextSize(doc, maxStoryBytes)
				: null;
		this.compactAfterUpdates = context.settings.compactAfterUpdates;
		const parsed = parseRoomName(name);
		this.history =
			parsed?.kind === 'story'
				? new StoryHistory(
						parsed.storyId,
						{
							doc,
							store: this.store,
							log,
							writerOf: (client) => this.writers.writerOf(client)
						},
						context.settings.versionPauseMs
					)
				: null;
		this.pipeline = new UpdatePipeline(
			this,
			{
				accepted: (update) => this.notesGuard?.accepted(update),
				takeNewWriters: () => this.writers.takeUnsaved(),
				learnWriters: (bound) => this.writers.learn(bound),
				afterApply: (batch) => {
					this.history?.changed(batch.map((accepted) => accepted.writer));
					this.afterApply();
				},
				afterBroadcast: () => this.afterBroadcast(),
				fail: (error) => this.fail(error),
				stored: (fromSeq, toSeq, update, writers) =>
					this.link?.stored(fromSeq, toSeq, update, writers),
				...(context.fleet && {
					coveredSeq: () => this.link?.seqs.through ?? 0,
					takeHeld: () => this.fleetRelay.take()
				})
			},
			stored
		);
		const { silentAfterMs, awarenessLimits } = context.settings;
		this.awareness = new RoomAwareness(
			awarenessLimits,
			(owner) => Date.now() - owner.lastSeen > silentAfterMs,
			(clientId) => this.fleetPresence.has(clientId)
		);
		if (stored.updates > this.compactAfterUpdates) this.pipeline.requestCompaction();
	}

	/**
	 * Reads the room's snapshot and log from the store into a fresh doc; throws
	 * DamagedDocumentError (and opens nothing) when a stored row is damaged.
	 */
	static async load(name: string, context: RoomContext, log: pino.Logger): Promise<Room> {
		const stored = await context.store.loadDocument(name);
		const doc = docFromStored(name, stored);
		const room = new Room(
			name,
			doc,
			{ updates: stored.updates.length, lastSeq: stored.lastSeq, writers: stored.writers },
			context,
			log
		);
		if (room.kind === 'story') {
			await room.repairShape();
			// Not awaited: a story from before history gets its first version in the background.
			room.history
				?.start()
				.catch((error: unknown) =>
					room.log.warn({ err: error }, 'could not make the first version of an older story')
				);
		}
		room.link = context.fleet?.join(room, stored.lastSeq) ?? null;
		room.scheduleUnload(); // until someone joins
		return room;
	}

	/** Replaces top-level blocks an old database stored out of shape (see repairStory), as a server edit. */
	private async repairShape(): Promise<void> {
		const misshapen = misshapenBlocks(this.doc);
		if (misshapen.length === 0) return;
		this.log.warn(
			{ blocks: misshapen.length, first: misshapen[0]!.why },
			'story holds blocks the editor cannot read; replacing them with their text'
		);
		await this.change((draft) => repairStory(draft));
	}

	get live(): boolean {
		return this.state !== 'closed';
	}

	get isOpen(): boolean {
		return this.state === 'open';
	}

	/** Adds a connection: sends our sync step 1 and who is here, then replays what it sent while we loaded. */
	join(connection: Connection): boolean {
		if (this.state !== 'open' || !connection.isOpen) return false;
		this.cancelUnload();
		this.connections.add(connection);
		connection.onClose(() => this.leave(connection));
		connection.onRegrant(() => {
			const access = connection.access;
			if (!access) return;
			this.awareness.restamp(connection, (entry) => stampPresence(entry, access));
			this.scheduleAwareness();
		});
		connection.send(encodeSyncStep1(this.doc));
		this.sendPresence(connection);
		connection.attach((frame) => this.receive(connection, frame));
		return true;
	}

	/** Resolves once the doc holds everything the fleet stored for the room until now. */
	async catchUpWithFleet(): Promise<void> {
		await this.link?.catchUp();
	}

	applyFromFleet(update: Uint8Array, writers: ReadonlyMap<number, string>): void {
		if (this.state === 'closed') return;
		this.writers.learn(writers);
		try {
			Y.applyUpdate(this.doc, update, FROM_FLEET);
		} catch (error) {
			this.log.error({ err: error }, 'an update from the fleet failed to apply');
			return;
		}
		this.textSize?.stale();
		this.fleetRelay.push(update);
		this.afterApply();
	}

	relayFleetAwareness(frame: Uint8Array): void {
		this.fleetPresence.note(frame);
		for (const connection of this.connections) connection.send(frame);
	}

	localPresence(): Uint8Array | null {
		return this.awareness.snapshotMessage();
	}

	/** Everyone present, here and through the other processes, to one connection. */
	private sendPresence(connection: Connection): void {
		const present = this.awareness.snapshotMessage(this.fleetPresence.present());
		if (present) connection.send(present);
	}

	presence(): number {
		return this.awareness.count();
	}

	get crowd(): number {
		return this.connections.size + (this.context.connectionsElsewhere?.(this.name) ?? 0);
	}

	/**
	 * The log's sequence number the doc is exactly (see DocumentState.seq): updates are applied
	 * only once stored, so alone it is the newest this room stored; in a fleet, what the link has
	 * applied, unless updates beyond a gap are applied already.
	 */
	exactSeq(): number | null {
		if (!this.link) return this.pipeline.storedThrough;
		return this.link.seqs.missing ? null : this.link.seqs.through;
	}

	/** A copy of the doc as persisted and relayed so far. */
	copyDocument(): Y.Doc {
		const copy = new Y.Doc({ gc: true });
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
		return copy;
	}

	/**
	 * Runs `fn` on an exact copy of the doc and sends the changes it made through the same path as
	 * a client's update; resolves once they are durable, applied and relayed. With `writer`, the
	 * change is theirs: the text it inserts and deletes is attributed to them.
	 */
	async change<T>(fn: (doc: Y.Doc) => T, writer: string | null = null): Promise<T> {
		if (this.state !== 'open') throw new RoomClosedError(this.name);
		this.leases++;
		this.cancelUnload();
		const draft = this.copyDocument();
		try {
			const updates: Uint8Array[] = [];
			draft.on('update', (update: Uint8Array) => updates.push(update));
			const result = fn(draft);
			if (updates.length > 0) {
				if (writer !== null) this.writers.bindForServer(draft.clientID, writer);
				await this.pipeline.submitFromServer(
					updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates),
					writer
				);
			}
			return result;
		} finally {
			draft.destroy();
			this.leases--;
			this.scheduleUnload();
		}
	}

	/** Makes a version of the story now (see StoryHistory); throws in rooms that are not stories. */
	async makeVersion(kind: VersionKind, name: string | null = null): Promise<VersionRecord> {
		if (this.state !== 'open') throw new RoomClosedError(this.name);
		if (!this.history) throw new Error(`${this.name} keeps no versions`);
		this.leases++;
		this.cancelUnload();
		try {
			// The doc as applied: everything durable and relayed so far.
			return await this.history.make(kind, name);
		} finally {
			this.leases--;
			this.scheduleUnload();
		}
	}

	/** Writes what is pending, compacts, reports the last change and frees the doc (once). */
	unload(): Promise<void> {
		this.unloading ??= this.finishAndClose();
		return this.unloading;
	}

	private async finishAndClose(): Promise<void> {
		if (this.state === 'closed') return;
		this.state = 'closing';
		this.cancelUnload();
		await this.pipeline.idle();
		try {
			await this.pipeline.compact();
		} catch (error) {
			if (!(error instanceof StoreWriteError)) {
				this.log.error({ err: error }, 'compaction on unload failed; the log is kept');
			}
		}
		await this.history?.unload();
		this.notify();
		this.close();
	}

	/** Closes every connection with 1001 and unloads. */
	async shutdown(): Promise<void> {
		this.closeConnections(CloseCode.goingAway, 'server shutting down');
		await this.unload();
	}

	/** Closes every connection with 4404 and forgets the room without saving what is queued. */
	async drop(): Promise<void> {
		if (this.state === 'closed') return this.pipeline.idle();
		this.closeConnections(CloseCode.notFound, 'story deleted');
		this.state = 'closed';
		this.pipeline.discard(new Error('room was dropped'));
		await this.pipeline.idle();
		this.close();
	}

	private afterApply(): void {
		this.changed = true;
		if (!this.notifyTimer && this.context.onDocumentChanged) {
			this.notifyTimer = setTimeout(() => this.notify(), this.context.settings.notifyAfterMs);
		}
	}

	private afterBroadcast(): void {
		// Others' updates held for a batch that relayed nothing (it failed, or nobody was here).
		this.fleetRelay.flush();
		if (this.awarenessDue) this.relayAwareness();
	}

	private fail(error: unknown): void {
		if (error instanceof StoreWriteError) {
			// The store's health logs it (a line a minute); the senders resend when they are back.
			this.closeConnections(CloseCode.notSaved, `not saved: ${error.reason}; retrying`);
		} else {
			this.log.error({ err: error }, 'could not write to the store; closing the room');
			this.closeConnections(CloseCode.notSaved, 'not saved; retrying');
		}
		this.state = 'closed';
		this.context.requestUnload(this);
		this.close();
	}

	private receive(connection: Connection, frame: Uint8Array): void {
		try {
			const message = decodeClientMessage(frame);
			switch (message.kind) {
				case 'syncStep1':
					this.answerSyncStep1(connection, message.stateVector);
					break;
				case 'update': {
					const check = this.pipeline.submit(connection, message.update, (valid) =>
						this.mayWrite(connection, message.update, valid)
					);
					if (!check.ok) connection.refuse(check.code, check.reason);
					break;
				}
				case 'awareness':
					this.receiveAwareness(connection, message.payload);
					break;
				case 'queryAwareness':
					this.sendPresence(connection);
					break;
				case 'invalid':
					connection.refuse(CloseCode.protocolError, message.reason);
			}
		} catch (error) {
			this.log.error({ err: error, connection: connection.id }, 'failed handling a message');
			connection.close(CloseCode.internalError, 'server error');
		}
	}

	/** Null when the connection may make this change; else why not. */
	private mayWrite(
		connection: Connection,
		update: Uint8Array,
		check: Extract<UpdateCheck, { ok: true }>
	): UpdateCheck | null {
		const access = connection.access;
		if (!access || !check.changesDoc) return null; // an empty sync step 2 is fine from anyone
		if (this.kind && !canWriteRoom(access.role, this.kind)) {
			return refuse(CloseCode.forbidden, `a ${access.role} may not write here`);
		}
		const writer = writerKey(access);
		const clients = [...check.advances.keys()];
		const taken = this.writers.refusal(connection, writer, clients);
		if (taken) return refuse(taken.code, taken.reason);
		const shape = this.shapeGuard?.check(check.structs);
		if (shape && !shape.ok) return refuse(CloseCode.invalidData, `not a story: ${shape.reason}`);
		const added = this.textSize ? this.textSize.check(check) : 0;
		if (added === null) return refuse(CloseCode.storyFull, this.storyFullReason());
		const refusal = this.kind
			? this.refusalByModel(connection, update, check.structs, this.kind)
			: null;
		if (refusal) return refuse(CloseCode.forbidden, refusal);
		const held = this.notesGuard ? this.spendReviewWrites(writer, this.notesGuard) : null;
		if (held) return held;
		shape?.commit();
		this.textSize?.commit(added);
		this.writers.bind(connection, writer, clients);
		return null;
	}

	private storyFullReason(): string {
		const limit = formatBytes(this.textSize!.maxBytes);
		return `the story has reached its size limit of ${limit} of text: delete some to make room`;
	}

	/** Spends the comments, replies and suggestions the notes update adds; a refusal when over. */
	private spendReviewWrites(writer: string, guard: NotesGuard): UpdateCheck | null {
		const budget = this.context.reviewWrites;
		if (!budget || guard.writes === 0) return null;
		const spent = budget.spend(writer, guard.writes);
		if (spent.ok) return null;
		guard.retract();
		return refuse(CloseCode.slowDown, budget.refusal(spent.waitSeconds));
	}

	/**
	 * What the app's model refuses, from anyone: a root type the app does not write (it would
	 * stay in the room for good), and in the notes anything the review model does not define or
	 * does not let this link do (NotesGuard).
	 */
	private refusalByModel(
		connection: Connection,
		update: Uint8Array,
		structs: readonly Struct[],
		kind: RoomKind
	) {
		const unknown = unknownRootType(structs, kind);
		if (unknown !== null) return `no such part of the document: “${unknown.slice(0, 40)}”`;
		const access = connection.access;
		if (kind !== 'notes' || !access) return null;
		this.notesGuard ??= new NotesGuard(() => ({
			doc: this.doc,
			unapplied: this.pipeline.unapplied
		}));
		return this.notesGuard.check(update, {
			role: access.role,
			id: access.authorId,
			names: connection.namesHeld,
			since: access.createdAt ?? null
		});
	}

	private answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
		let reply: Uint8Array;
		try {
			reply = encodeSyncStep2(this.doc, stateVector);
		} catch {
			connection.refuse(CloseCode.protocolError, 'state vector could not be decoded');
			return;
		}
		connection.send(reply);
	}

	private receiveAwareness(connection: Connection, payload: Uint8Array): void {
		const decoded = decodeAwarenessUpdate(payload, this.context.settings.awarenessLimits);
		if (!decoded.ok) return connection.refuse(decoded.code, decoded.reason);
		// The name and role others see are the link's, the colour is `#rrggbb` (stamped only on
		// what will be stored).
		const access = connection.access;
		const outcome = this.awareness.apply(connection, decoded.entries, (entry) =>
			stampPresence(entry, access ?? null)
		);
		if (!outcome.ok) return connection.refuse(outcome.code, outcome.reason);
		this.bindPresence(connection);
		for (const owner of outcome.evicted) {
			owner.log.info('replaced by a newer connection of the same client');
			owner.close(CloseCode.goingAway, 'replaced by a newer connection');
		}
		if (outcome.reply) connection.send(outcome.reply);
		this.scheduleAwareness();
	}

	/**
	 * A writer's client ids become theirs as soon as their presence shows them, before they write:
	 * whoever sees the id cannot write under it first and poison the owner's offline edits.
	 */
	private bindPresence(connection: Connection): void {
		const access = connection.access;
		if (!access || (this.kind && !canWriteRoom(access.role, this.kind))) return;
		const writer = writerKey(access);
		if (this.writers.refusal(connection, writer, connection.clientIds) !== null) return;
		if (!this.writers.bind(connection, writer, connection.clientIds)) return;
		// Saved now, not with the next edit: the binding must survive a restart before anyone types.
		const unsaved = this.writers.takeUnsaved();
		this.store.appendUpdates(this.name, [], unsaved).catch((error: unknown) => {
			if (error instanceof WriterConflictError) {
				// Another process's link showed or wrote with the id first.
				this.writers.learn(error.bound);
				return connection.refuse(CloseCode.forbidden, CLIENT_ID_TAKEN);
			}
			if (error instanceof StoreWriteError) return; // logged by the store's health
			this.log.warn({ err: error }, 'could not save presence client ids; kept in memory');
		});
	}

	private leave(connection: Connection): void {
		if (!this.connections.delete(connection)) return;
		this.awareness.removeConnection(connection);
		if (this.connections.size === 0) {
			this.awareness.discardChanges();
			this.scheduleUnload();
		} else {
			this.scheduleAwareness();
		}
	}

	private scheduleAwareness(): void {
		if (this.awarenessTimer || !this.awareness.hasChanges) return;
		this.awarenessTimer = setTimeout(() => {
			this.awarenessTimer = null;
			// Behind a write in flight: relay after its edits, so cursors never point ahead of text.
			if (this.pipeline.busy) this.awarenessDue = true;
			else this.relayAwareness();
		}, this.context.settings.awarenessBatchMs);
	}

	private relayAwareness(): void {
		this.awarenessDue = false;
		const batch = this.awareness.takeBatch();
		if (!batch) return;
		for (const connection of this.connections) {
			const frame = batch.forSender(connection);
			if (frame) connection.send(frame);
		}
		this.link?.publishAwareness(batch.common);
	}

	private scheduleUnload(): void {
		if (this.state !== 'open' || this.unloadTimer) return;
		if (this.connections.size > 0 || this.leases > 0) return;
		this.unloadTimer = setTimeout(() => {
			this.unloadTimer = null;
			if (this.connections.size === 0 && this.leases === 0) this.context.requestUnload(this);
		}, this.context.settings.unloadAfterMs);
	}

	private cancelUnload(): void {
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		this.unloadTimer = null;
	}

	private notify(): void {
		if (this.notifyTimer) clearTimeout(this.notifyTimer);
		this.notifyTimer = null;
		if (!this.changed || !this.context.onDocumentChanged) return;
		this.changed = false;
		try {
			this.context.onDocumentChanged(this.name, this.doc);
		} catch (error) {
			this.log.error({ err: error }, 'onDocumentChanged failed');
		}
	}

	private closeConnections(code: number, reason: string): void {
		for (const connection of [...this.connections]) connection.close(code, reason);
	}

	private close(): void {
		this.state = 'closed';
		this.link?.close();
		this.fleetRelay.dispose();
		this.history?.dispose();
		this.cancelUnload();
		if (this.notifyTimer) clearTimeout(this.notifyTimer);
		if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
		this.notifyTimer = this.awarenessTimer = null;
		if (!this.doc.isDestroyed) this.doc.destroy();
		this.notesGuard?.destroy();
		this.notesGuard = null;
	}
}

function refuse(code: CloseCodeValue, reason: string): UpdateCheck {
	return { ok: false, code, reason };
}
