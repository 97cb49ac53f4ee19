import type pino from 'pino';
import * as Y from 'yjs';
import { newId } from '#shared/ids';
import { countWords, readStoryText } from '#shared/model/storyDoc';
import type { DocumentStore, VersionKind, VersionRecord } from '../storage/DocumentStore';
import { versionsToThin } from './thinVersions';

/** What a story's history reads of its room. */
export interface HistoryRoom {
	readonly doc: Y.Doc;
	readonly store: DocumentStore;
	readonly log: pino.Logger;
	/** The writer (link id) a Yjs client id is bound to, if any. */
	writerOf(client: number): string | undefined;
}

/**
 * The versions of one loaded story room: an automatic one `pauseMs` after the last edit and
 * when the room unloads (if the text changed since the last version), named ones on request.
 * Nothing here runs per keystroke but noting who wrote: a version is made on a timer, reading
 * the doc once (its whole Yjs state, stored as it is, so a version is exact by construction).
 */
export class StoryHistory {
	/** Writers who changed the text since the last version (deleters included). */
	readonly #authors = new Set<string>();
	#dirty = false;
	#lastChangeAt = 0;
	#timer: NodeJS.Timeout | null = null;
	/** The newest version's word count and state vector, read at the first version made. */
	#previous: { words: number; stateVector: Map<number, number> } | null | undefined;
	/** Versions are made one at a time, in the order asked. */
	#making: Promise<unknown> = Promise.resolve();
	#closed = false;

	constructor(
		readonly storyId: string,
		private readonly room: HistoryRoom,
		private readonly pauseMs: number
	) {}

	/** The text changed (a batch was applied): remember who, and (re)arm the pause timer. */
	changed(writers: Iterable<string | null>): void {
		for (const writer of writers) if (writer !== null) this.#authors.add(writer);
		this.#dirty = true;
		this.#lastChangeAt = Date.now();
		if (this.pauseMs > 0 && !this.#timer && !this.#closed) this.#arm(this.pauseMs);
	}

	/** Makes a version now (named when `name` is given); resolves with it once stored. */
	make(kind: VersionKind, name: string | null = null): Promise<VersionRecord> {
		const made = this.#making.then(() => this.#make(kind, name));
		this.#making = made.catch(() => undefined);
		return made;
	}

	/**
	 * A story stored before it had history (no versions at all) gets its first version when its
	 * room loads (unless automatic versions are off), so comparing and restoring work from then
	 * on. Resolves once it is stored.
	 */
	async start(): Promise<void> {
		if (this.pauseMs === 0) return; // automatic versions are off
		if ((await this.room.store.listVersions(this.storyId)).length > 0) return;
		await this.make('auto');
	}

	/** The room unloads: a last automatic version if the text changed since the previous one. */
	async unload(): Promise<void> {
		this.#closed = true;
		this.#disarm();
		if (this.#dirty && this.pauseMs > 0) {
			await this.make('unload').catch((error: unknown) =>
				this.room.log.error({ err: error }, 'could not make a version on unload')
			);
		}
		await this.#making;
	}

	/** Stops the timer (the room closes without saving). */
	dispose(): void {
		this.#closed = true;
		this.#disarm();
	}

	#arm(delay: number): void {
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (this.#closed) return;
			const quiet = Date.now() - this.#lastChangeAt;
			if (quiet < this.pauseMs) return this.#arm(this.pauseMs - quiet);
			if (!this.#dirty) return;
			this.make('auto').catch((error: unknown) =>
				this.room.log.warn({ err: error }, 'could not make an automatic version')
			);
		}, delay);
		this.#timer.unref?.();
	}

	#disarm(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	async #make(kind: VersionKind, name: string | null): Promise<VersionRecord> {
		const { doc, store } = this.room;
		if (doc.isDestroyed) throw new Error('the room closed before its version was made');
		// Read once, synchronously: the state, its text and who changed it since the last version.
		const state = Y.encodeStateAsUpdateV2(doc);
		const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc));
		const words = countWords(readStoryText(doc));
		const authors = new Set(this.#authors);
		const dirty = this.#dirty;
		this.#authors.clear();
		this.#dirty = false;
		try {
			if (kind === 'auto' || kind === 'unload') {
				// Another process serving the story may have made one of this very state.
				const same = await this.#storedVersionOf(stateVector);
				if (same) {
					this.#previous = { words, stateVector };
					return same;
				}
			}
			const previous = await this.#previousVersion();
			// Inserters from the state vectors too, so writers noted before a crash still count.
			if (previous) {
				for (const [client, clock] of stateVector) {
					if (clock <= (previous.stateVector.get(client) ?? 0)) continue;
					const writer = this.room.writerOf(client);
					if (writer) authors.add(writer);
				}
			}
			const version = {
				id: newId(),
				storyId: this.storyId,
				createdAt: new Date().toISOString(),
				name,
				kind,
				authors: [...authors].sort(),
				words,
				wordsDelta: previous ? words - previous.words : 0,
				state
			};
			const record = await store.addVersion(version);
			this.#previous = { words, stateVector };
			this.room.log.debug({ kind, bytes: record.storedBytes }, 'version made');
			await this.#thin();
			return record;
		} catch (error) {
			// Not stored: the next version covers these changes.
			for (const author of authors) this.#authors.add(author);
			this.#dirty ||= dirty;
			throw error;
		}
	}

	/** The newest stored version when it holds exactly this state, else null (read afresh). */
	async #storedVersionOf(stateVector: Map<number, number>): Promise<VersionRecord | null> {
		const [latest] = await this.room.store.listVersions(this.storyId);
		if (!latest) return null;
		const stored = await this.room.store.getVersion(this.storyId, latest.id);
		if (!stored) return null;
		const theirs = Y.decodeStateVector(Y.encodeStateVectorFromUpdateV2(stored.state));
		if (theirs.size !== stateVector.size) return null;
		for (const [client, clock] of stateVector) if (theirs.get(client) !== clock) return null;
		return latest;
	}

	async #previousVersion() {
		if (this.#previous !== undefined) return this.#previous;
		const [latest] = await this.room.store.listVersions(this.storyId);
		const stored = latest ? await this.room.store.getVersion(this.storyId, latest.id) : null;
		this.#previous = stored
			? {
					words: stored.words,
					stateVector: Y.decodeStateVector(Y.encodeStateVectorFromUpdateV2(stored.state))
				}
			: null;
		return this.#previous;
	}

	async #thin(): Promise<void> {
		const versions = await this.room.store.listVersions(this.storyId);
		const drop = versionsToThin(versions, Date.now());
		if (drop.length > 0) await this.room.store.deleteVersions(this.storyId, drop);
	}
}
