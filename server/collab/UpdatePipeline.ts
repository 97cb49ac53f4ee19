import { writerKey } from '../auth/Access';
import type pino from 'pino';
import * as Y from 'yjs';
import { StoreWriteError } from '../health/WatchedStore';
import type { DocumentStore } from '../storage/DocumentStore';
import type { Connection } from './Connection';
import { deletionRecords } from '../history/deletionLog';
import { encodeUpdateMessage } from './messages';
import { validateUpdate, type DeleteSet, type UpdateCheck } from './validateUpdate';
import { CloseCode } from '#shared/protocol/closeCodes';
import { WriterConflictError } from '../storage/DocumentLog';
import { CLIENT_ID_TAKEN } from './ClientWriters';

/** What the pipeline reads of its room. */
export interface PipelineRoom {
	readonly name: string;
	readonly doc: Y.Doc;
	readonly connections: ReadonlySet<Connection>;
	/**
	 * How many receive what this room relays: its connections, and in a fleet the room's
	 * connections on the other processes too (each batch costs a frame to each of them).
	 */
	readonly crowd: number;
	readonly store: DocumentStore;
	readonly log: pino.Logger;
	readonly compactAfterUpdates: number;
	/** False once the room was dropped: finish the write in flight, relay and apply nothing. */
	readonly live: boolean;
}

/** Where the room joins in the pipeline's steps. */
export interface PipelineHooks {
	/** After a batch was applied to the doc (with who wrote each of its updates). */
	afterApply(batch: ReadonlyArray<{ writer: string | null }>): void;
	/**
	 * After a batch was relayed, and when the pipeline goes idle: the points where relaying
	 * awareness keeps edits ahead of the cursors that refer to them.
	 */
	afterBroadcast(): void;
	/** Writing failed; the room cannot go on (its clients will resend on reconnect). */
	fail(error: unknown): void;
	/** An update was accepted (queued to be written): every update, in the order accepted. */
	accepted(update: Uint8Array): void;
	/** Client ids bound to a writer since the last call: stored with the next write. */
	takeNewWriters(): ReadonlyMap<number, string> | undefined;
	/** The store says these client ids belong to these writers (another process bound them first). */
	learnWriters(bound: ReadonlyMap<number, string>): void;
	/**
	 * A batch is durable, applied and relayed: the store numbered its updates fromSeq…toSeq
	 * (`update` is them merged; `writers`, the bindings stored with them). For the fleet.
	 */
	stored?(
		fromSeq: number,
		toSeq: number,
		update: Uint8Array,
		writers: ReadonlyMap<number, string>
	): void;
	/**
	 * The newest sequence number up to which the doc holds every update: what a compaction may
	 * drop. Without it, the newest this pipeline wrote (it is then the room's only writer).
	 */
	coveredSeq?(): number;
	/**
	 * Others' updates (a fleet) applied to the doc but not yet relayed: they leave merged into
	 * this batch's frames rather than in frames of their own.
	 */
	takeHeld?(): Uint8Array[];
}

/** Batching delay per connection in the room, and its ceiling (see schedule). */
const DELAY_PER_CONNECTION_MS = 0.05;
const MAX_BATCH_DELAY_MS = 20;

/**
 * How long a room of `crowd` receivers lets updates gather before relaying them: each relay
 * costs a frame per receiver, so with 200 people typing, 10 ms turns ~400 batches a second into
 * ~100. Below 1 ms: none (what arrived in the same turn of the event loop still joins).
 */
export function batchDelayMs(crowd: number): number {
	return Math.min(MAX_BATCH_DELAY_MS, crowd * DELAY_PER_CONNECTION_MS);
}

interface Accepted {
	sender: Connection | null;
	update: Uint8Array;
	/** Who wrote it (a link id, `admin`), for the deletion log; null when nobody is known. */
	writer: string | null;
	/** What it deletes (logged with its writer, so a diff can say who deleted what). */
	deletes: DeleteSet | null;
	/** The client ids it writes with. */
	clients: readonly number[];
	done?: { resolve: () => void; reject: (error: unknown) => void };
}

/**
 * A room's write path: validate → group commit → apply → relay. Updates accepted while a write is
 * in flight form the next batch, so one fsync serves everything that arrived meanwhile. An update
 * reaches other clients only after `appendUpdates` resolved, and never goes back to its sender.
 */
export class UpdatePipeline {
	private queue: Accepted[] = [];
	/** The batch being written (accepted, not applied yet). */
	private writing: Accepted[] = [];
	/** Clocks of accepted updates not applied yet, so a client's next update validates against them. */
	private queuedClocks: Map<number, number> | null = null;
	private running: Promise<void> | null = null;
	private scheduled = false;
	/** Updates in the store's log since the last snapshot. */
	private logged: number;
	/** Compaction drops logged updates up to this sequence number (see writeAndRelay). */
	private lastSeq: number;
	private compactDue = false;
	private idleWaiters: Array<() => void> = [];

	constructor(
		private readonly room: PipelineRoom,
		private readonly hooks: PipelineHooks,
		stored: { updates: number; lastSeq: number }
	) {
		this.logged = stored.updates;
		this.lastSeq = stored.lastSeq;
	}

	/** The newest sequence number this room's writes were stored under (or loaded with). */
	get storedThrough(): number {
		return this.lastSeq;
	}

	/** True while anything is queued or being written. */
	get busy(): boolean {
		return this.running !== null || this.scheduled || this.queue.length > 0;
	}

	/** Validates a client's update and queues it; a refusal says why (nothing was kept). */
	submit(
		sender: Connection,
		update: Uint8Array,
		gate?: (check: Extract<UpdateCheck, { ok: true }>) => UpdateCheck | null
	): UpdateCheck {
		const check = validateUpdate(update, this.room.doc, this.queuedClocks);
		if (check.ok && gate) {
			// The sender's rights, checked against what the update would actually change.
			const refusal = gate(check);
			if (refusal) return refusal;
		}
		if (check.ok && check.changesDoc) {
			const access = sender.access;
			const writer = access ? writerKey(access) : null;
			const clients = [...check.advances.keys()];
			this.enqueue({ sender, update, writer, deletes: check.deletes, clients }, check.advances);
		}
		return check;
	}

	/**
	 * Queues a change made by the server (on behalf of `writer` when given); resolves once it is
	 * durable, applied and relayed.
	 */
	submitFromServer(update: Uint8Array, writer: string | null = null): Promise<void> {
		const check = validateUpdate(update, this.room.doc, this.queuedClocks);
		if (!check.ok) return Promise.reject(new Error(`server change refused: ${check.reason}`));
		if (!check.changesDoc) return Promise.resolve();
		return new Promise((resolve, reject) =>
			this.enqueue(
				{
					sender: null,
					update,
					writer,
					deletes: check.deletes,
					clients: [...check.advances.keys()],
					done: { resolve, reject }
				},
				check.advances
			)
		);
	}

	/** Accepted updates not applied to the doc yet, oldest first. */
	get unapplied(): Uint8Array[] {
		return [...this.writing, ...this.queue].map((accepted) => accepted.update);
	}

	/** Resolves when nothing is queued or in flight. */
	idle(): Promise<void> {
		if (!this.busy) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Asks for a compaction at the next opportunity (e.g. a long log found at load). */
	requestCompaction(): void {
		this.compactDue = true;
		this.schedule();
	}

	/** Writes the doc as the room's snapshot and drops the log it covers; call only when idle. */
	async compact(): Promise<void> {
		if (this.logged === 0) return;
		const logged = this.logged;
		const snapshot = Y.encodeStateAsUpdate(this.room.doc);
		await this.room.store.compact(
			this.room.name,
			snapshot,
			this.hooks.coveredSeq?.() ?? this.lastSeq
		);
		this.logged -= logged;
		this.room.log.debug({ updates: logged, bytes: snapshot.byteLength }, 'compacted');
	}

	/** Forgets queued updates (the room was dropped); server callers are told. */
	discard(reason: Error): void {
		for (const accepted of this.queue.splice(0)) accepted.done?.reject(reason);
		this.queuedClocks = null;
	}

	private enqueue(accepted: Accepted, advances: Map<number, number>): void {
		this.queue.push(accepted);
		this.hooks.accepted(accepted.update);
		if (advances.size > 0) {
			const clocks = (this.queuedClocks ??= new Map());
			for (const [client, clock] of advances) {
				if (clock > (clocks.get(client) ?? 0)) clocks.set(client, clock);
			}
		}
		this.schedule();
	}

	private schedule(): void {
		if (this.scheduled || this.running) return;
		this.scheduled = true;
		// Everything that arrived in this turn of the event loop joins the batch; a crowded room
		// also waits a few ms (see batchDelayMs).
		const delay = batchDelayMs(this.room.crowd);
		if (delay >= 1) setTimeout(() => this.start(), delay);
		else setImmediate(() => this.start());
	}

	private start(): void {
		this.scheduled = false;
		if (this.running) return;
		this.running = this.run().finally(() => {
			this.running = null;
			// What arrived meanwhile is the next batch, after the same delay.
			if (this.queue.length > 0 || this.compactDue) this.schedule();
			this.hooks.afterBroadcast();
			if (!this.busy) for (const resolve of this.idleWaiters.splice(0)) resolve();
		});
	}

	/** One batch, then a compaction if the log has grown long. */
	private async run(): Promise<void> {
		if (this.queue.length > 0) {
			const batch = this.queue;
			this.queue = [];
			this.writing = batch;
			try {
				if (!(await this.writeAndRelay(batch))) return;
			} finally {
				this.writing = [];
			}
		}
		if (this.compactDue || this.logged > this.room.compactAfterUpdates) {
			this.compactDue = false;
			if (!this.room.live) return;
			await this.compact().catch((error: unknown) => {
				if (error instanceof StoreWriteError) return; // logged by the store's health
				this.room.log.error({ err: error }, 'compaction failed; the log is kept');
			});
		}
	}

	/** One group commit; false when the room cannot go on. */
	private async writeAndRelay(
		batch: Accepted[],
		writers = this.hooks.takeNewWriters()
	): Promise<boolean> {
		const updates = batch.map((accepted) => accepted.update);
		let lastSeq: number;
		try {
			lastSeq = await this.room.store.appendUpdates(
				this.room.name,
				updates,
				writers,
				deletionRecords(batch)
			);
		} catch (error) {
			if (error instanceof WriterConflictError) return this.retryWithout(batch, writers, error);
			for (const accepted of batch) accepted.done?.reject(error);
			this.discard(error instanceof Error ? error : new Error(String(error)));
			this.hooks.fail(error);
			return false;
		}
		this.logged += updates.length;
		// The doc holds everything up to here once applied below, so a compaction (made only when
		// idle) covers up to this sequence number, and the store keeps any later update.
		this.lastSeq = Math.max(this.lastSeq, lastSeq);
		if (!this.room.live) {
			const dropped = new Error('room was dropped');
			for (const accepted of batch) accepted.done?.reject(dropped);
			this.discard(dropped);
			return false;
		}

		const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
		this.apply(merged);
		if (this.queue.length === 0) this.queuedClocks = null;
		this.relay(batch, merged);
		for (const accepted of batch) accepted.done?.resolve();
		this.hooks.stored?.(lastSeq - updates.length + 1, lastSeq, merged, writers ?? new Map());
		this.hooks.afterApply(batch);
		this.hooks.afterBroadcast();
		return true;
	}

	/**
	 * Another process bound some of the batch's new client ids to other writers first: their
	 * updates are refused (as this process would have refused them had it known), the rest is
	 * written again.
	 */
	private retryWithout(
		batch: Accepted[],
		writers: ReadonlyMap<number, string> | undefined,
		conflict: WriterConflictError
	): Promise<boolean> {
		this.hooks.learnWriters(conflict.bound);
		const lost = (accepted: Accepted) => accepted.clients.some((id) => conflict.bound.has(id));
		for (const accepted of batch.filter(lost)) {
			accepted.sender?.refuse(CloseCode.forbidden, CLIENT_ID_TAKEN);
			accepted.done?.reject(conflict);
		}
		const rest = batch.filter((accepted) => !lost(accepted));
		if (rest.length === 0) return Promise.resolve(true);
		const kept = new Map([...(writers ?? [])].filter(([id]) => !conflict.bound.has(id)));
		return this.writeAndRelay(rest, kept);
	}

	private apply(update: Uint8Array): void {
		const { doc, log } = this.room;
		try {
			Y.applyUpdate(doc, update, this);
		} catch (error) {
			log.error({ err: error }, 'a validated update failed to apply');
		}
		if (doc.store.pendingStructs || doc.store.pendingDs) {
			// validateUpdate should make this impossible; if it happens, it is a bug to fix there.
			log.error('an accepted update left pending structs or deletes in the room doc');
		}
	}

	/**
	 * Sends the batch, with the others' updates held for it (a fleet), to every connection but its
	 * senders as one frame, built once. A connection that sent part of the batch gets the rest
	 * merged into its own frame, or nothing.
	 */
	private relay(batch: Accepted[], merged: Uint8Array): void {
		const { connections } = this.room;
		const held = this.hooks.takeHeld?.() ?? [];
		if (connections.size === 0) return;
		const senders = new Set<Connection>();
		for (const accepted of batch) if (accepted.sender) senders.add(accepted.sender);
		const frame = encodeUpdateMessage(held.length ? Y.mergeUpdates([merged, ...held]) : merged);
		for (const connection of connections) {
			if (!senders.has(connection)) {
				connection.send(frame);
				continue;
			}
			if (senders.size === 1 && batch.length === 1 && held.length === 0) continue;
			const others = [
				...batch.filter((accepted) => accepted.sender !== connection).map((a) => a.update),
				...held
			];
			if (others.length === 0) continue;
			const rest = others.length === 1 ? others[0]! : Y.mergeUpdates(others);
			connection.send(encodeUpdateMessage(rest));
		}
	}
}
