import type * as Y from 'yjs';
import { z } from 'zod';
import { authorSchema, type Author } from '#shared/review/types';
import type { CheckOptions, Flag } from '#shared/proofing/types';

/** Y.Map in `notes:<id>` of word → who added it to the story's dictionary, and when. */
export const DICTIONARY_MAP = 'dictionary';
/** Y.Map in `notes:<id>` of ignore key → one ignored flag, or one word ignored everywhere. */
export const IGNORES_MAP = 'ignores';

/** Characters kept on each side of an ignored flag, so the ignore survives edits elsewhere. */
export const IGNORE_CONTEXT = 12;

const MAX_WORD = 64;
const timestamp = z.iso.datetime();
const word = z
	.string()
	.max(MAX_WORD)
	.regex(/^[\p{L}\p{M}\p{N}'’-]+$/u);
/** A dictionary word, as the key it is stored under. */
export const dictionaryWordSchema = word;

export const dictionaryEntrySchema = z.object({ addedBy: authorSchema, addedAt: timestamp });
export type DictionaryEntry = z.infer<typeof dictionaryEntrySchema>;

export const ignoreSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('flag'),
		rule: z.string().min(1).max(64),
		/** The flagged text and a little text either side of it when it was ignored. */
		text: z.string().max(2_000),
		before: z.string().max(IGNORE_CONTEXT),
		after: z.string().max(IGNORE_CONTEXT),
		addedBy: authorSchema,
		addedAt: timestamp
	}),
	z.object({ type: z.literal('word'), word, addedBy: authorSchema, addedAt: timestamp })
]);
export type Ignore = z.infer<typeof ignoreSchema>;

/*
 * Both maps hold plain JSON values, validated on every read: any client can write anything into
 * a shared map, and entries that do not parse are skipped. Keys are derived from the content, so
 * two people ignoring the same flag at once write the same key and converge.
 */

/** Adds a word (a name, a coinage) to the story's dictionary; it is never a spelling error. */
export function addDictionaryWord(notes: Y.Doc, entry: string, by: Author, at = now()): void {
	const valid = word.parse(entry.trim());
	notes
		.getMap<unknown>(DICTIONARY_MAP)
		.set(valid, dictionaryEntrySchema.parse({ addedBy: by, addedAt: at }));
}

export function removeDictionaryWord(notes: Y.Doc, entry: string): boolean {
	const map = notes.getMap<unknown>(DICTIONARY_MAP);
	if (!map.has(entry)) return false;
	map.delete(entry);
	return true;
}

/** The story's dictionary: valid entries only, sorted. */
export function listDictionaryWords(notes: Y.Doc): string[] {
	const words: string[] = [];
	for (const [key, value] of notes.getMap<unknown>(DICTIONARY_MAP).entries()) {
		if (word.safeParse(key).success && dictionaryEntrySchema.safeParse(value).success)
			words.push(key);
	}
	return words.sort();
}

/** The key of the ignore for one flag: its rule, its text and the text right around it. */
export function flagIgnoreKey(text: string, flag: Pick<Flag, 'start' | 'end' | 'rule'>): string {
	const { before, after } = flagContext(text, flag);
	return JSON.stringify(['flag', flag.rule, text.slice(flag.start, flag.end), before, after]);
}

export const wordIgnoreKey = (entry: string): string =>
	JSON.stringify(['word', entry.toLowerCase()]);

/** Ignores one flag ("ignore this one"); it stays ignored while its text and surroundings do. */
export function ignoreFlag(notes: Y.Doc, text: string, flag: Flag, by: Author, at = now()): string {
	const key = flagIgnoreKey(text, flag);
	const entry = ignoreSchema.parse({
		type: 'flag',
		rule: flag.rule,
		text: text.slice(flag.start, flag.end),
		...flagContext(text, flag),
		addedBy: by,
		addedAt: at
	});
	notes.getMap<unknown>(IGNORES_MAP).set(key, entry);
	return key;
}

/** Ignores a word everywhere in the story ("ignore this word"), whatever flags it. */
export function ignoreWord(notes: Y.Doc, entry: string, by: Author, at = now()): string {
	const valid = word.parse(entry.trim());
	const key = wordIgnoreKey(valid);
	notes
		.getMap<unknown>(IGNORES_MAP)
		.set(key, ignoreSchema.parse({ type: 'word', word: valid, addedBy: by, addedAt: at }));
	return key;
}

export function removeIgnore(notes: Y.Doc, key: string): boolean {
	const map = notes.getMap<unknown>(IGNORES_MAP);
	if (!map.has(key)) return false;
	map.delete(key);
	return true;
}

/** The key an ignore is filed under (derived from its content, so the same ignore converges). */
export function ignoreKey(ignore: Ignore): string {
	return ignore.type === 'word'
		? wordIgnoreKey(ignore.word)
		: JSON.stringify(['flag', ignore.rule, ignore.text, ignore.before, ignore.after]);
}

/** Valid ignores with their keys; an entry filed under a key that is not its own is skipped. */
export function listIgnores(notes: Y.Doc): { key: string; ignore: Ignore }[] {
	const ignores: { key: string; ignore: Ignore }[] = [];
	for (const [key, value] of notes.getMap<unknown>(IGNORES_MAP).entries()) {
		const parsed = ignoreSchema.safeParse(value);
		if (!parsed.success) continue;
		const ignore = parsed.data;
		if (key === ignoreKey(ignore)) ignores.push({ key, ignore });
	}
	return ignores;
}

/** What the checker needs from the notes: the story's words and the words ignored everywhere. */
export function checkOptionsFrom(
	notes: Y.Doc
): Required<Pick<CheckOptions, 'storyWords' | 'ignoredWords'>> {
	return {
		storyWords: listDictionaryWords(notes),
		ignoredWords: listIgnores(notes).flatMap(({ ignore }) =>
			ignore.type === 'word' ? [ignore.word] : []
		)
	};
}

/** Drops the flags the team ignored one by one. */
export function withoutIgnoredFlags(notes: Y.Doc, text: string, flags: Flag[]): Flag[] {
	const keys = new Set(listIgnores(notes).map(({ key }) => key));
	if (keys.size === 0) return flags;
	return flags.filter((flag) => !keys.has(flagIgnoreKey(text, flag)));
}

function flagContext(
	text: string,
	flag: Pick<Flag, 'start' | 'end'>
): { before: string; after: string } {
	return {
		before: text.slice(Math.max(0, flag.start - IGNORE_CONTEXT), flag.start),
		after: text.slice(flag.end, flag.end + IGNORE_CONTEXT)
	};
}

const now = (): string => new Date().toISOString();
