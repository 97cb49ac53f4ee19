import * as Y from 'yjs';
import {
	getSuggestion,
	getThread,
	listSuggestions,
	listThreads,
	SUGGESTIONS_MAP,
	THREADS_MAP
} from '#shared/review/notesDoc';
import type { Author, StoredSuggestion, StoredThread } from '#shared/review/types';

/** Who is writing: their link's author id, and every name that link carried while connected. */
export interface CommenterIdentity {
	id: string;
	names: ReadonlySet<string>;
}

/** A Yjs shared type, as a transaction lists the changed ones. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

type Entries = {
	threads: Map<string, StoredThread>;
	suggestions: Map<string, StoredSuggestion>;
};

/**
 * What a commenter may change in `notes:<id>` (editors and owners are not checked):
 * - add threads, messages and suggestions only as themselves: the author id their link gives
 *   and a name the link has carried (from the server, never the client's claim);
 * - never edit or delete someone else's message or suggestion, nor resolve, reopen or re-anchor
 *   someone else's thread (a thread is its first message's author's);
 * - never accept or reject a suggestion (its status and decision stay as they were).
 * The author id comes from the link, so what a commenter wrote stays theirs from any browser
 * and after any restart.
 *
 * The check runs on a shadow copy of the notes that holds everything the room accepted (applied
 * or still queued): a commenter's update is applied to it, the threads and suggestions the
 * transaction touched are compared with their cached previous values, and only those. A refused
 * update leaves the shadow unusable, so it is rebuilt on the next check; refusals close the
 * connection and are rare. Copying the whole notes doc per keystroke instead cost ~19 ms with
 * 400 review items (`tests/.scratch`-style measurement in the issue 6 note).
 */
export class CommenterGuard {
	#shadow: Y.Doc | null = null;
	#cache: Entries = { threads: new Map(), suggestions: new Map() };
	/** The update the last check applied to the shadow (it is then accepted: skip it there). */
	#checked: Uint8Array | null = null;

	/** `source`: the live doc and the accepted updates not applied to it yet. */
	constructor(private readonly source: () => { doc: Y.Doc; unapplied: readonly Uint8Array[] }) {}

	/** Why `update` from `author` is refused, or null (then it is part of the shadow). */
	check(update: Uint8Array, author: CommenterIdentity): string | null {
		const shadow = this.#ensureShadow();
		this.#checked = null;
		let refusal: string | null;
		try {
			const { before, after } = this.#apply(shadow, update);
			// Anything left pending would hide part of the change from the check.
			refusal =
				shadow.store.pendingStructs || shadow.store.pendingDs
					? 'the change could not be read'
					: judge(before, after, author);
		} catch {
			refusal = 'the change could not be read';
		}
		if (refusal) this.#drop();
		else this.#checked = update;
		return refusal;
	}

	/** An update the room accepted (from anyone): keep the shadow in step. */
	accepted(update: Uint8Array): void {
		if (update === this.#checked) {
			this.#checked = null;
			return;
		}
		if (!this.#shadow) return;
		try {
			this.#apply(this.#shadow, update);
		} catch {
			this.#drop();
		}
	}

	destroy(): void {
		this.#drop();
	}

	#ensureShadow(): Y.Doc {
		if (this.#shadow) return this.#shadow;
		const { doc, unapplied } = this.source();
		const shadow = new Y.Doc({ gc: true });
		Y.applyUpdate(shadow, Y.encodeStateAsUpdate(doc));
		for (const accepted of unapplied) Y.applyUpdate(shadow, accepted);
		this.#cache = {
			threads: new Map(listThreads(shadow).map((thread) => [thread.id, thread])),
			suggestions: new Map(listSuggestions(shadow).map((item) => [item.id, item]))
		};
		this.#shadow = shadow;
		return shadow;
	}

	#drop(): void {
		this.#shadow?.destroy();
		this.#shadow = null;
		this.#checked = null;
	}

	/** Applies `update` to the shadow; the touched entries as cached before and as read after. */
	#apply(shadow: Y.Doc, update: Uint8Array): { before: Entries; after: Entries } {
		const touched = { threads: new Set<string>(), suggestions: new Set<string>() };
		const threadsRoot: object = shadow.getMap(THREADS_MAP);
		const suggestionsRoot: object = shadow.getMap(SUGGESTIONS_MAP);
		const collect = (transaction: Y.Transaction) => {
			for (const [type, keys] of transaction.changed) {
				const [root, id] = entryOf(type, keys);
				if (root === threadsRoot) for (const key of id) touched.threads.add(key);
				else if (root === suggestionsRoot) for (const key of id) touched.suggestions.add(key);
			}
		};
		shadow.on('afterTransaction', collect);
		try {
			Y.applyUpdate(shadow, update);
		} finally {
			shadow.off('afterTransaction', collect);
		}
		const before: Entries = { threads: new Map(), suggestions: new Map() };
		const after: Entries = { threads: new Map(), suggestions: new Map() };
		refresh(
			touched.threads,
			this.#cache.threads,
			(id) => getThread(shadow, id),
			before.threads,
			after.threads
		);
		refresh(
			touched.suggestions,
			this.#cache.suggestions,
			(id) => getSuggestion(shadow, id),
			before.suggestions,
			after.suggestions
		);
		return { before, after };
	}
}

/** For each touched id: its cached value into `before`, its value now into `after` and the cache. */
function refresh<T>(
	ids: Set<string>,
	cache: Map<string, T>,
	read: (id: string) => T | null,
	before: Map<string, T>,
	after: Map<string, T>
): void {
	for (const id of ids) {
		const was = cache.get(id);
		if (was) before.set(id, was);
		const now = read(id);
		if (now) {
			after.set(id, now);
			cache.set(id, now);
		} else {
			cache.delete(id);
		}
	}
}

/**
 * The root map a changed type lives in, and the keys of that map it is under: a change inside a
 * thread (its status, a message) is a change of that thread's entry.
 */
function entryOf(type: SharedType, keys: Set<string | null>): [SharedType, string[]] {
	let current = type;
	let key: string | null = null;
	while (current._item) {
		key = current._item.parentSub;
		current = current._item.parent as SharedType;
	}
	if (key !== null) return [current, [key]];
	// A root map itself changed: its changed keys are the entries added, replaced or removed.
	return [current, [...keys].filter((item): item is string => item !== null)];
}

/** The rules, on the entries one update touched. */
function judge(before: Entries, after: Entries, author: CommenterIdentity): string | null {
	const own = (authorId: string) => authorId === author.id;
	// Something new carries the link's name too: a name of one's choosing would be a forgery.
	const asSelf = (written: Author) => written.id === author.id && author.names.has(written.name);

	for (const [id, was] of before.suggestions) {
		const now = after.suggestions.get(id);
		if (now && same(was, now)) continue;
		if (!now || (now && !sameDecision(was, now))) {
			if (!now && own(was.author.id)) continue;
			return now ? 'a commenter may not accept or reject suggestions' : 'not your suggestion';
		}
		if (!sameAuthor(now.author, was.author) || !own(was.author.id)) return 'not your suggestion';
	}
	for (const [id, now] of after.suggestions) {
		if (before.suggestions.has(id)) continue;
		if (now.status !== 'open' || now.decidedBy || now.decidedAt) {
			return 'a commenter may not accept or reject suggestions';
		}
		if (!asSelf(now.author)) return 'that author is someone else';
	}

	for (const [id, was] of before.threads) {
		const now = after.threads.get(id);
		const starter = was.messages[0]?.author.id;
		if (!now) {
			if (starter && own(starter) && was.messages.every((m) => own(m.author.id))) continue;
			return 'not your thread';
		}
		// Resolving, reopening or re-anchoring is the thread starter's (or an editor's).
		const moved = JSON.stringify(now.anchor) !== JSON.stringify(was.anchor);
		if ((now.status !== was.status || moved) && !(starter && own(starter))) {
			return 'not your thread';
		}
		const messages = new Map(now.messages.map((message) => [message.id, message]));
		for (const message of was.messages) {
			const current = messages.get(message.id);
			if (current && JSON.stringify(current) === JSON.stringify(message)) continue;
			if (!own(message.author.id) || (current && !sameAuthor(current.author, message.author))) {
				return 'not your message';
			}
		}
		const old = new Set(was.messages.map((message) => message.id));
		for (const message of now.messages) {
			if (!old.has(message.id) && !asSelf(message.author)) return 'that author is someone else';
		}
	}
	for (const [id, now] of after.threads) {
		if (before.threads.has(id)) continue;
		for (const message of now.messages) {
			if (!asSelf(message.author)) return 'that author is someone else';
		}
	}
	return null;
}

function sameAuthor(a: Author, b: Author): boolean {
	return a.id === b.id && a.name === b.name;
}

function same(a: StoredSuggestion, b: StoredSuggestion): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function sameDecision(a: StoredSuggestion, b: StoredSuggestion): boolean {
	return (
		a.status === b.status &&
		JSON.stringify(a.decidedBy) === JSON.stringify(b.decidedBy) &&
		a.decidedAt === b.decidedAt
	);
}
