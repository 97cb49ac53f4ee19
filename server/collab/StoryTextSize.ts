import * as Y from 'yjs';
import type { DeleteSet, Struct } from './validateUpdate';

/** What an update holds, as validateUpdate decoded it. */
export interface DecodedUpdate {
	structs: readonly Struct[];
	deletes: DeleteSet;
}

/**
 * UTF-8 bytes of live text that an update would add: its strings past what doc holds, less the
 * parts its own delete set removes (text typed and deleted again offline, or undone, travels as
 * deleted items while an undo history keeps them).
 */
export function addedTextBytes({ structs, deletes }: DecodedUpdate, doc: Y.Doc): number {
	let bytes = 0;
	for (const struct of structs) {
		if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
		const { client, clock } = struct.id;
		const str = struct.content.str;
		const from = Math.max(0, Y.getState(doc.store, client) - clock);
		let start = from;
		for (const range of deletes.clients.get(client) ?? []) {
			const end = Math.min(str.length, range.clock + range.len - clock);
			const cut = Math.max(start, range.clock - clock);
			if (end <= start || cut >= str.length) continue;
			if (cut > start) bytes += Buffer.byteLength(str.slice(start, cut));
			start = Math.max(start, end);
		}
		if (start < str.length) bytes += Buffer.byteLength(str.slice(start));
	}
	return bytes;
}

/** UTF-8 bytes of the text a doc holds now (deleted text not counted). */
export function textBytesOf(doc: Y.Doc): number {
	let bytes = 0;
	for (const structs of doc.store.clients.values()) {
		for (const struct of structs) {
			if (
				struct instanceof Y.Item &&
				!struct.deleted &&
				struct.content instanceof Y.ContentString
			) {
				bytes += Buffer.byteLength(struct.content.str);
			}
		}
	}
	return bytes;
}

/**
 * MAX_STORY_BYTES for one story room: an update that adds text is refused once the story's text
 * would pass the limit; deleting always works, and is how a full story makes room.
 *
 * Walking the doc costs ~1 ms per 100,000 items, so the size is kept as an upper bound (exact
 * at load, plus every accepted addition, deletions not subtracted) and walked again only when
 * that bound says an update might not fit.
 */
export class StoryTextSize {
	#bound: number;

	constructor(
		private readonly doc: Y.Doc,
		readonly maxBytes: number
	) {
		this.#bound = textBytesOf(doc);
	}

	/** The bytes the update adds if they fit, else null (nothing is counted until `commit`). */
	check(update: DecodedUpdate): number | null {
		const added = addedTextBytes(update, this.doc);
		if (added === 0 || this.#bound + added <= this.maxBytes) return added;
		this.#bound = textBytesOf(this.doc);
		return this.#bound + added <= this.maxBytes ? added : null;
	}

	/** Text arrived that `check` did not see (another process's): walk the doc at the next check. */
	stale(): void {
		this.#bound = Infinity;
	}

	/** An update that adds `added` bytes was accepted. */
	commit(added: number): void {
		this.#bound += added;
	}
}
