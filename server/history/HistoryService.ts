import type {
	AuthorshipResponse,
	BulkAction,
	DiffResponse,
	HistoryAuthor,
	RestoreResponse,
	VersionListResponse,
	VersionResponse,
	VersionSummary
} from '#shared/api/types';
import * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { storyRoom } from '#shared/protocol/rooms';
import type { DocumentStore, VersionKind, VersionRecord } from '../storage/DocumentStore';
import type { LiveDocuments } from '../stories/LiveDocuments';
import type { ExportAt } from '../stories/StoryService';
import { StoryError } from '../stories/StoryError';
import { DeletionIndex } from './deletionLog';
import { diffStories, storyAuthorship } from './diffStories';
import { restoreBlocks } from './restoreBlocks';

/** What history needs from the live rooms (the collaboration server) to make versions. */
export interface VersionRooms {
	makeVersion(room: string, kind: VersionKind, name?: string | null): Promise<VersionRecord>;
	withDocument<T>(room: string, fn: (doc: Y.Doc) => T, writer?: string | null): Promise<T>;
}

/** Who a writer is, as people see them (see LinkService.identityOf). */
export type IdentityOf = (writer: string) => Promise<Identity>;
type Identity = { id: string; name: string };

/** The text present at import, and any text whose writer is not known. */
export const ORIGINAL: HistoryAuthor = { id: null, name: 'the original' };
/** A deletion the log does not name anyone for (made before deletions were logged). */
export const UNKNOWN: HistoryAuthor = { id: null, name: 'unknown' };

/** Version ids are letters and digits (see newId). */
const VERSION_ID = /^[A-Za-z0-9]{1,64}$/;
/** The longest version name kept. */
export const MAX_VERSION_NAME = 200;

/**
 * A story's history for the API and the CLI: its versions, any two compared with who changed
 * what, a version restored as an ordinary edit, and who wrote each character now.
 */
export class HistoryService {
	/** `rooms`: null where no server runs (the CLI reads history, it makes no versions). */
	constructor(
		private readonly store: DocumentStore,
		private readonly documents: Pick<LiveDocuments, 'readDocument'>,
		private readonly rooms: VersionRooms | null,
		private readonly identityOf: IdentityOf
	) {}

	async list(storyId: string): Promise<VersionListResponse> {
		await this.requireStory(storyId);
		const versions = await this.store.listVersions(storyId);
		const who = await this.people(versions.flatMap((version) => version.authors));
		return { versions: versions.map((version) => this.summarise(version, who)) };
	}

	/** Names the story as it is now: a new version of kind `named`. */
	async nameCurrent(storyId: string, name: string): Promise<VersionSummary> {
		await this.requireStory(storyId);
		const version = await this.live().makeVersion(storyRoom(storyId), 'named', cleanName(name));
		return this.summary(version);
	}

	/** Saves the story as it is now before a bulk action changes it (an automatic version). */
	async saveBefore(storyId: string, action: BulkAction): Promise<VersionSummary> {
		await this.requireStory(storyId);
		const version = await this.live().makeVersion(storyRoom(storyId), `before-${action}`);
		return this.summary(version);
	}

	async rename(storyId: string, versionId: string, name: string | null): Promise<VersionSummary> {
		await this.requireStory(storyId);
		checkVersionId(versionId);
		const renamed = await this.store.renameVersion(
			storyId,
			versionId,
			name === null ? null : cleanName(name)
		);
		if (!renamed) throw noSuchVersion(versionId);
		return this.summary(renamed);
	}

	async get(storyId: string, versionId: string): Promise<VersionResponse> {
		const { record, doc } = await this.versionDoc(storyId, versionId);
		try {
			return { ...(await this.summary(record)), text: readStoryText(doc) };
		} finally {
			doc.destroy();
		}
	}

	/** The version's Yjs state as a (V1) update, as exports read stories. */
	async versionState(storyId: string, versionId: string): Promise<Uint8Array> {
		await this.requireStory(storyId);
		checkVersionId(versionId);
		const version = await this.store.getVersion(storyId, versionId);
		if (!version) throw noSuchVersion(versionId);
		return Y.convertUpdateFormatV2ToV1(version.state);
	}

	/**
	 * What an export is made of when it names versions: `version` (or `to`) instead of the story
	 * now, and for the changes report, `from` instead of the import's text.
	 */
	async exportAt(
		storyId: string,
		which: { version?: string; from?: string; to?: string }
	): Promise<ExportAt> {
		const { version, from, to } = which;
		if (version && to) throw new StoryError('invalid', 'Give version or to, not both.');
		const exported = version ?? to;
		if (exported === undefined && from === undefined) return {};
		const [story, baseline] = await Promise.all([
			exported && exported !== 'current' ? this.versionState(storyId, exported) : undefined,
			from !== undefined ? this.textOf(storyId, from) : undefined
		]);
		const describe = (id: string | undefined, fallback: string) =>
			id === undefined || id === 'current'
				? fallback
				: id === 'baseline'
					? 'the text as first imported'
					: `version ${id}`;
		return {
			...(story && { story }),
			...(baseline !== undefined && { baseline }),
			key: JSON.stringify([exported ?? null, from ?? null]),
			compared: `From ${describe(from, 'the text as first imported')} to ${describe(exported, 'the current text')}`
		};
	}

	/** The txt of a version, `baseline` (the import) or `current`. */
	async textOf(storyId: string, which: string): Promise<string> {
		const doc = await this.docOf(storyId, which);
		try {
			return readStoryText(doc);
		} finally {
			doc.destroy();
		}
	}

	/** The changes from one version (`baseline`: the import) to another (`current`: now). */
	async diff(storyId: string, from = 'baseline', to = 'current'): Promise<DiffResponse> {
		await this.requireStory(storyId);
		const room = storyRoom(storyId);
		const [fromDoc, toDoc] = await Promise.all([
			this.docOf(storyId, from),
			this.docOf(storyId, to)
		]);
		try {
			const [writers, log] = await Promise.all([
				this.store.clientWriters(room),
				this.store.deletionLog(room)
			]);
			const deletions = new DeletionIndex(log);
			const diff = diffStories(fromDoc, toDoc, {
				writerOf: (client) => writers.get(client),
				deleterOf: (client, clock) => deletions.deleter(client, clock)
			});
			const who = await this.people(diff.changes.flatMap((change) => change.author ?? []));
			const people = new Map<string, DiffResponse['people'][number]>();
			const changes = diff.changes.map((change) => {
				const author =
					change.author !== null
						? who(change.author)
						: change.type === 'insert'
							? ORIGINAL
							: UNKNOWN;
				const key = `${author.id}\u0000${author.name}`;
				let person = people.get(key);
				if (!person) people.set(key, (person = { ...author, changes: 0, inserted: 0, deleted: 0 }));
				person.changes++;
				person[change.type === 'insert' ? 'inserted' : 'deleted'] += change.end - change.start;
				return { ...change, author };
			});
			return {
				from: from === 'baseline' ? await this.baselineId(storyId) : from,
				to,
				fromText: diff.fromText,
				toText: diff.toText,
				changes,
				people: [...people.values()]
			};
		} finally {
			fromDoc.destroy();
			toDoc.destroy();
		}
	}

	/**
	 * Brings a version back as an ordinary edit by `writer` on top of the current text, between a
	 * `before-restore` version and a `restore` version (so restoring the former undoes it).
	 */
	async restore(storyId: string, versionId: string, writer: string): Promise<RestoreResponse> {
		const { doc } = await this.versionDoc(storyId, versionId);
		const rooms = this.live();
		const room = storyRoom(storyId);
		try {
			const before = await rooms.makeVersion(room, 'before-restore');
			await rooms.withDocument(room, (draft) => restoreBlocks(draft, doc), writer);
			const version = await rooms.makeVersion(room, 'restore');
			return {
				restored: versionId,
				before: await this.summary(before),
				version: await this.summary(version)
			};
		} finally {
			doc.destroy();
		}
	}

	/** Who wrote each run of the txt export of the story now (or of a version, or `baseline`). */
	async authorship(storyId: string, which = 'current'): Promise<AuthorshipResponse> {
		await this.requireStory(storyId);
		const room = storyRoom(storyId);
		const doc = await this.docOf(storyId, which);
		try {
			const writers = await this.store.clientWriters(room);
			const { text, ranges } = storyAuthorship(doc, (client) => writers.get(client));
			const who = await this.people(ranges.flatMap(({ author }) => author ?? []));
			const authors: AuthorshipResponse['authors'] = [];
			const indexOf = new Map<string | null, number>();
			return {
				text,
				authors,
				ranges: ranges.map(({ start, end, author }) => {
					let index = indexOf.get(author);
					if (index === undefined) {
						index = authors.length;
						indexOf.set(author, index);
						authors.push({ ...(author === null ? ORIGINAL : who(author)), chars: 0 });
					}
					authors[index]!.chars += end - start;
					return { start, end, author: index };
				})
			};
		} finally {
			doc.destroy();
		}
	}

	async summary(version: VersionRecord): Promise<VersionSummary> {
		return this.summarise(version, await this.people(version.authors));
	}

	private summarise(version: VersionRecord, who: (writer: string) => Identity): VersionSummary {
		return {
			id: version.id,
			createdAt: version.createdAt,
			name: version.name,
			kind: version.kind,
			authors: version.authors.map(who),
			words: version.words,
			wordsDelta: version.wordsDelta,
			storedBytes: version.storedBytes
		};
	}

	/** Looks each writer up once (links live in the store), for the synchronous loops above. */
	private async people(writers: Iterable<string>): Promise<(writer: string) => Identity> {
		const unique = [...new Set(writers)];
		const found = await Promise.all(unique.map((writer) => this.identityOf(writer)));
		const byWriter = new Map(unique.map((writer, index) => [writer, found[index]!]));
		return (writer) => byWriter.get(writer) ?? { id: writer, name: 'someone' };
	}

	/** `baseline`: the import version (the oldest, for stories older than history). */
	private async baselineId(storyId: string): Promise<string> {
		const versions = await this.store.listVersions(storyId);
		const baseline = versions.find((v) => v.kind === 'import') ?? versions[versions.length - 1];
		if (!baseline) throw new StoryError('not-found', 'This story has no versions yet.');
		return baseline.id;
	}

	private async docOf(storyId: string, which: string): Promise<Y.Doc> {
		if (which === 'current') return this.documents.readDocument(storyRoom(storyId));
		const id = which === 'baseline' ? await this.baselineId(storyId) : which;
		return (await this.versionDoc(storyId, id)).doc;
	}

	private async versionDoc(storyId: string, versionId: string) {
		await this.requireStory(storyId);
		checkVersionId(versionId);
		const version = await this.store.getVersion(storyId, versionId);
		if (!version) throw noSuchVersion(versionId);
		const { state, ...record } = version;
		const doc = new Y.Doc({ gc: true });
		Y.applyUpdateV2(doc, state);
		return { record, doc };
	}

	private async requireStory(storyId: string): Promise<void> {
		if (!(await this.store.getStory(storyId))) {
			throw new StoryError('not-found', `No story with id "${storyId}".`);
		}
	}

	private live(): VersionRooms {
		if (!this.rooms) throw new Error('versions are made by the server only');
		return this.rooms;
	}
}

function checkVersionId(versionId: string): void {
	if (!VERSION_ID.test(versionId)) {
		throw new StoryError('invalid', 'A version id is letters and digits, or baseline / current.');
	}
}

function noSuchVersion(versionId: string): StoryError {
	return new StoryError('not-found', `No version "${versionId}" of this story.`);
}

function cleanName(name: string): string {
	const clean = name.replace(/\s+/g, ' ').trim().slice(0, MAX_VERSION_NAME);
	if (!clean) throw new StoryError('invalid', 'A version name must not be empty.');
	return clean;
}
