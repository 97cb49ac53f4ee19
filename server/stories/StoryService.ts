import type { StorySummary as ApiStorySummary } from '#shared/api/types';
import { createHash } from 'node:crypto';
import { newId } from '#shared/ids';
import { countWords } from '#shared/model/storyDoc';
import { notesRoom, storyRoom, isStoryId } from '#shared/protocol/rooms';
import type { ExportFile, ExportOptions } from '../formats/exportStory';
import type { Role } from '#shared/protocol/roles';
import type { DocumentStore, NewLink, StoryEdit, StoryRecord } from '../storage/DocumentStore';
import type { LiveDocuments } from './LiveDocuments';
import type { ExportJob, HeavyWork } from '../work/HeavyWork';
import { ExportCache } from './ExportCache';
import { cleanTitle, type ImportSource, type PreparedStory } from './prepareImport';
import { StoryError } from './StoryError';

/** A story as listed, with how many people are in it now (see the API's StorySummary). */
export type StorySummary = StoryRecord & Pick<ApiStorySummary, 'present'>;

/** Links to store with a new story, and their tokens (see LinkService.issueSet). */
export type LinksForStory = (storyId: string) => {
	links: NewLink[];
	tokens: Partial<Record<Role, string>>;
};

/** A story just imported, with the tokens of the links stored with it. */
export type ImportedStory = StoryRecord & { tokens: Partial<Record<Role, string>> };

/** The operations on stories shared by the HTTP API and the CLI. */
export class StoryService {
	/** Word counts and edit times not yet written: rooms report often, the disk hears in batches. */
	readonly #pendingEdits = new Map<string, StoryEdit>();
	/** Exports made, by what they were made from (see exportKey). */
	readonly #exports = new ExportCache();
	/** Exports being read now, by request (see exportFile). */
	readonly #exportReads = new Map<
		string,
		Promise<{ story: StoryRecord; file: ExportFile; etag: string }>
	>();

	constructor(
		private readonly store: DocumentStore,
		private readonly live: LiveDocuments,
		private readonly maxImportBytes: number,
		private readonly work: HeavyWork
	) {}

	/**
	 * Imports files as new stories. Every file is checked before any is stored, so a request
	 * either imports all its files or none, and the error names the file at fault. Each story is
	 * stored together with its `linksFor` links in one transaction: never a story nobody can open.
	 */
	async importFiles(
		sources: ImportSource[],
		title?: string,
		linksFor: LinksForStory = () => ({ links: [], tokens: {} })
	): Promise<ImportedStory[]> {
		// One after another: a batch of Word documents should not all be unpacked at once.
		const prepared: PreparedStory[] = [];
		for (const source of sources) {
			prepared.push(
				await this.work.prepareImport({
					source,
					title: sources.length === 1 ? title : undefined,
					maxBytes: this.maxImportBytes
				})
			);
		}
		const stories: ImportedStory[] = [];
		for (const story of prepared) stories.push(await this.create(story, linksFor));
		return stories;
	}

	async list(): Promise<StorySummary[]> {
		const stories = await this.store.listStories();
		return stories.map((story) => this.summarise(story));
	}

	async get(id: string): Promise<StorySummary> {
		return this.summarise(await this.require(id));
	}

	async rename(id: string, title: unknown): Promise<StorySummary> {
		if (typeof title !== 'string' || !cleanTitle(title)) {
			throw new StoryError('invalid', 'A title must be a non-empty string.');
		}
		await this.require(id);
		await this.store.updateStory(id, {
			title: cleanTitle(title),
			updatedAt: new Date().toISOString()
		});
		return this.get(id);
	}

	async remove(id: string): Promise<void> {
		await this.require(id);
		this.#pendingEdits.delete(id);
		await Promise.all([this.live.dropRoom(storyRoom(id)), this.live.dropRoom(notesRoom(id))]);
		await this.store.deleteStory(id);
	}

	/**
	 * One export of the story (see `exportStory`), read from copies of the live documents.
	 * `source` is the IRI of its txt export, which annotations target. `at`: export a version
	 * (its stored state) instead of the story now, and/or compare from another text than the
	 * import (the changes report).
	 */
	exportFile(
		id: string,
		options: ExportOptions,
		source = `urn:galley:story:${id}`,
		at: ExportAt = {}
	): Promise<{ story: StoryRecord; file: ExportFile; etag: string }> {
		// The same export asked for while it is being read shares that reading: reading a large
		// story that is not loaded is main-thread work, done once for a burst of requests.
		const request = JSON.stringify([id, options, source, at.key ?? null]);
		const reading = this.#exportReads.get(request);
		if (reading) return reading;
		const read = this.#readExport(id, options, source, at).finally(() =>
			this.#exportReads.delete(request)
		);
		this.#exportReads.set(request, read);
		return read;
	}

	async #readExport(
		id: string,
		options: ExportOptions,
		source: string,
		at: ExportAt
	): Promise<{ story: StoryRecord; file: ExportFile; etag: string }> {
		const story = await this.require(id);
		const [storyState, notesState, baseline] = await Promise.all([
			at.story ? { parts: [at.story], seq: null } : this.live.readState(storyRoom(id)),
			this.live.readState(notesRoom(id)),
			at.baseline ?? this.store.baselineText(id)
		]);
		const job: ExportJob = {
			title: story.title,
			story: storyState.parts,
			notes: notesState.parts,
			baseline,
			...(at.compared && { compared: at.compared }),
			source,
			options
		};
		// Everything the export is made from, so equal keys mean equal files.
		const etag = exportKey(job, [storyState.seq, notesState.seq]);
		const file = await this.#exports.get(etag, () => this.work.exportStory(job));
		return { story, file, etag };
	}

	/**
	 * Notes a story's new word count and edit time after its text changed. Listing sees it at
	 * once; storage gets it with the next `flushEdits`, so busy rooms cost one write per flush.
	 */
	recordEdit(id: string, text: string): void {
		this.#pendingEdits.set(id, {
			id,
			words: countWords(text),
			updatedAt: new Date().toISOString()
		});
	}

	/** Writes the edits noted since the last flush in one transaction. */
	async flushEdits(): Promise<void> {
		if (this.#pendingEdits.size === 0) return;
		const edits = [...this.#pendingEdits.values()];
		this.#pendingEdits.clear();
		await this.store.recordEdits(edits);
	}

	async exists(id: string): Promise<boolean> {
		return isStoryId(id) && (await this.store.getStory(id)) !== null;
	}

	private async create(prepared: PreparedStory, linksFor: LinksForStory): Promise<ImportedStory> {
		const id = newId();
		const { links, tokens } = linksFor(id);
		await this.store.createStory(
			{
				id,
				title: prepared.title,
				initialState: prepared.state,
				baselineText: prepared.text,
				words: prepared.words
			},
			links
		);
		return { ...(await this.require(id)), tokens };
	}

	private async require(id: string): Promise<StoryRecord> {
		const story = isStoryId(id) ? await this.store.getStory(id) : null;
		if (!story) throw new StoryError('not-found', `No story with id "${id}".`);
		return story;
	}

	private summarise(story: StoryRecord): StorySummary {
		const edit = this.#pendingEdits.get(story.id);
		return {
			...story,
			...(edit && { words: edit.words, updatedAt: edit.updatedAt }),
			present: this.live.presence(storyRoom(story.id))
		};
	}
}

/** Which text an export is made of, when not the story now compared with its import. */
export interface ExportAt {
	/** A version's stored Yjs state, exported instead of the story now. */
	story?: Uint8Array;
	/** The text the changes report compares from (default: the import's). */
	baseline?: string;
	/** Tells apart requests for different versions (e.g. their ids). */
	key?: string;
	/** What the changes report compares, in words. */
	compared?: string;
}

/** A hash of everything an export is made from: its cache key and HTTP ETag. */
/**
 * The export's key and ETag: a hash of everything it is made from. The documents count by their
 * log's sequence numbers when both are known (`seqs`), so every process of a fleet, and a room
 * before and after it loads, gives the same content the same key whatever bytes carry it: a
 * conditional request is answered 304 by any process. Otherwise by their bytes.
 */
function exportKey(job: ExportJob, seqs: [number | null, number | null]): string {
	const hash = createHash('sha256');
	const { story, notes, ...rest } = job;
	hash.update(JSON.stringify(rest));
	const [storySeq, notesSeq] = seqs;
	if (storySeq !== null && notesSeq !== null) {
		hash.update(`seq:${storySeq}|${notesSeq}`);
		return hash.digest('base64url');
	}
	// Each part's length first, so the same bytes split differently are different keys.
	for (const part of [...story, null, ...notes]) {
		hash.update(part === null ? '|' : `${part.byteLength}:`);
		if (part) hash.update(part);
	}
	return hash.digest('base64url');
}
