import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { checkOptionsFrom, withoutIgnoredFlags } from '#shared/proofing/storyDictionary';
import { readLocale } from '#shared/proofing/storySettings';
import type { Flag, HunspellDictionary, Locale } from '#shared/proofing/types';
import { StoryError } from '../stories/StoryError';
import type { HeavyWork, ProofreadJob } from '../work/HeavyWork';
import { loadDictionary } from './loadDictionaries';

/** Where the documents live (the collaboration server: the live state when a room is open). */
export interface ProofreadDocuments {
	readDocument(room: string): Promise<Y.Doc>;
}

/** One Hunspell file as served to browsers: the bytes, gzipped once, and a content hash. */
export interface DictionaryFile {
	body: Buffer;
	gzipped: Buffer;
	etag: string;
}

export type DictionaryFileName = 'index.aff' | 'index.dic';

/**
 * Proofreads stories as they are now, with the story's locale, dictionary and ignores from
 * `notes:<id>`; the checking runs in the work pool (each worker keeps one checker per locale),
 * so a novel's half second of checking never holds the rooms. Also serves the Hunspell files
 * the browser's checker worker loads.
 */
export class ProofreadService {
	readonly #dictionaries = new Map<Locale, HunspellDictionary>();
	readonly #files = new Map<string, DictionaryFile>();

	constructor(
		private readonly stories: { exists(id: string): Promise<boolean> },
		private readonly documents: ProofreadDocuments,
		private readonly work: HeavyWork,
		private readonly load: (locale: Locale) => HunspellDictionary = loadDictionary
	) {}

	/** The story's flags: offsets into its current txt export. */
	async proofread(storyId: string): Promise<Flag[]> {
		if (!(await this.stories.exists(storyId))) {
			throw new StoryError('not-found', `No story with id "${storyId}".`);
		}
		const [story, notes] = await Promise.all([
			this.documents.readDocument(storyRoom(storyId)),
			this.documents.readDocument(notesRoom(storyId))
		]);
		let text: string;
		let job: ProofreadJob;
		try {
			text = readStoryText(story);
			const { storyWords, ignoredWords } = checkOptionsFrom(notes);
			job = {
				text,
				locale: readLocale(notes),
				storyWords: [...storyWords],
				ignoredWords: [...ignoredWords]
			};
		} finally {
			story.destroy();
		}
		try {
			// The checking itself (about half a second on a novel) runs in the work pool.
			return withoutIgnoredFlags(notes, text, await this.work.proofread(job));
		} finally {
			notes.destroy();
		}
	}

	/** A Hunspell file for the browser's checker worker. */
	dictionaryFile(locale: Locale, name: DictionaryFileName): DictionaryFile {
		const key = `${locale}/${name}`;
		let file = this.#files.get(key);
		if (!file) {
			const dictionary = this.#dictionary(locale);
			const data = name === 'index.aff' ? dictionary.aff : dictionary.dic;
			const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
			const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
			file = { body, gzipped: gzipSync(body), etag: `"${hash}"` };
			this.#files.set(key, file);
		}
		return file;
	}

	#dictionary(locale: Locale): HunspellDictionary {
		let dictionary = this.#dictionaries.get(locale);
		if (!dictionary) {
			dictionary = this.load(locale);
			this.#dictionaries.set(locale, dictionary);
		}
		return dictionary;
	}
}
