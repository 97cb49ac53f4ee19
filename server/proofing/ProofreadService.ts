import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { createChecker, type Checker } from '#shared/proofing/createChecker';
import { checkOptionsFrom, withoutIgnoredFlags } from '#shared/proofing/storyDictionary';
import { readLocale } from '#shared/proofing/storySettings';
import type { Flag, HunspellDictionary, Locale } from '#shared/proofing/types';
import { StoryError } from '../stories/StoryError';
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
 * `notes:<id>`. Building a checker parses a Hunspell dictionary (about a quarter of a second),
 * so there is one per locale, made the first time a story in that locale is checked.
 */
export class ProofreadService {
	readonly #checkers = new Map<Locale, Checker>();
	readonly #dictionaries = new Map<Locale, HunspellDictionary>();
	readonly #files = new Map<string, DictionaryFile>();

	constructor(
		private readonly stories: { exists(id: string): Promise<boolean> },
		private readonly documents: ProofreadDocuments,
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
		try {
			const text = readStoryText(story);
			const flags = this.checker(readLocale(notes)).check(text, checkOptionsFrom(notes));
			return withoutIgnoredFlags(notes, text, flags);
		} finally {
			story.destroy();
			notes.destroy();
		}
	}

	/** The checker for a locale, built on first use and kept for the life of the process. */
	checker(locale: Locale): Checker {
		let checker = this.#checkers.get(locale);
		if (!checker) {
			checker = createChecker({ dictionaries: { [locale]: this.#dictionary(locale) }, locale });
			this.#checkers.set(locale, checker);
		}
		return checker;
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
