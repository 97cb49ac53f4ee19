import * as Y from 'yjs';
import { heldToOwnWork, threadStarter } from '#shared/protocol/policy';
import type { Role } from '#shared/protocol/roles';
import type { Author, StoredSuggestion } from '#shared/review/types';
import {
	emptyEntries,
	isInvalid,
	NOTES_ROOTS,
	readAllEntries,
	readEntry,
	sameJson,
	type EntryOf,
	type Invalid,
	type NotesEntries,
	type NotesRoot,
	type ThreadEntry
} from './notesEntries';

/** Who is writing: their link's author id, and every name that link carried while connected. */
export interface CommenterIdentity {
	id: string;
	names: ReadonlySet<string>;
}

/** A writer of the notes: a commenter (the default) is held to what is theirs. */
export interface NotesWriter extends CommenterIdentity {
	role?: Role;
	/** When their link was made (ISO): nothing they write is dated earlier. Null: no bound. */
	since?: string | null;
}

/**
 * How far from the server's clock a time written into the notes may be: a few minutes ahead
 * (clocks drift), and no earlier than a few minutes before the writer's link was made — so work
 * done offline for hours or days is accepted when it comes back, a date in 2099 or 1970 is not.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** A Yjs shared type, as a transaction lists the changed ones. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

/** One entry an update touched: as it was (valid, else null) and as it is now. */
interface Change<R extends NotesRoot = NotesRoot> {
	root: R;
	key: string;
	before: EntryOf<R> | null;
	after: EntryOf<R> | Invalid | null;
}

/**
 * What may change in `notes:<id>`: only the review model's five root maps (threads,
 * suggestions, dictionary, ignores, settings), only into entries exactly as the model writes
 * them, with new times near the server's clock (see CLOCK_SKEW_MS) — from anyone. Commenters
 * further (editors and owners may change anything valid):
 * - add threads, messages, suggestions, dictionary words and ignores only as themselves: the
 *   author id their link gives and a name the link has carried (from the server, never the
 *   client's claim);
 * - never edit or delete someone else's message, suggestion, word or ignore, nor resolve,
 *   reopen or re-anchor someone else's thread (a thread is its first message's author's);
 * - never accept or reject a suggestion, nor change the story's locale (an editor's setting).
 *
 * The check runs on a shadow copy of the notes that holds everything the room accepted (applied
 * or still queued): an update is applied to it, and the entries the transaction touched are
 * compared with their cached previous values, and only those. A refused update leaves the
 * shadow unusable, so it is rebuilt on the next check; refusals close the connection and are
 * rare. Copying the whole notes doc per keystroke instead cost ~19 ms with 400 review items.
 */
export class NotesGuard {
	#shadow: Y.Doc | null = null;
	#cache: NotesEntries = emptyEntries();
	/** The update the last check applied to the shadow (it is then accepted: skip it there). */
	#checked: Uint8Array | null = null;
	readonly #now: () => number;
	#writes = 0;

	/** `source`: the live doc and the accepted updates not applied to it yet. */
	constructor(
		private readonly source: () => { doc: Y.Doc; unapplied: readonly Uint8Array[] },
		options: { now?: () => number } = {}
	) {
		this.#now = options.now ?? Date.now;
	}

	/** Comments, replies and suggestions the last update that passed `check` adds. */
	get writes(): number {
		return this.#writes;
	}

	/** Why `update` from `writer` is refused, or null (then it is part of the shadow). */
	check(update: Uint8Array, writer: NotesWriter): string | null {
		const shadow = this.#ensureShadow();
		this.#checked = null;
		this.#writes = 0;
		let refusal: string | null;
		try {
			const changes = this.#apply(shadow, update);
			// Anything left pending would hide part of the change from the check.
			refusal =
				shadow.store.pendingStructs || shadow.store.pendingDs
					? 'the change could not be read'
					: typeof changes === 'string'
						? changes
						: judge(changes, writer, this.#now());
			if (!refusal && typeof changes !== 'string') this.#writes = reviewWritesIn(changes);
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

	/** The update that passed `check` is refused after all (e.g. a rate limit): forget it. */
	retract(): void {
		this.#drop();
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
		this.#cache = readAllEntries(shadow);
		this.#shadow = shadow;
		return shadow;
	}

	#drop(): void {
		this.#shadow?.destroy();
		this.#shadow = null;
		this.#checked = null;
	}

	/**
	 * Applies `update` to the shadow; the entries it touched, before and after (the cache moves
	 * on), or what it touched outside the model's entries.
	 */
	#apply(shadow: Y.Doc, update: Uint8Array): Change[] | string {
		const roots = new Map<object, NotesRoot>();
		for (const root of Object.keys(NOTES_ROOTS) as NotesRoot[]) {
			roots.set(shadow.getMap(NOTES_ROOTS[root]), root);
		}
		const shared = shadow.share.size;
		const touched = new Map<NotesRoot, Set<string>>();
		let outside: string | null = null;
		const collect = (transaction: Y.Transaction) => {
			for (const [type, keys] of transaction.changed) {
				const [rootType, entryKeys] = entryOf(type, keys);
				const root = roots.get(rootType);
				if (!root) outside ??= 'no such part of the notes';
				else if (entryKeys === null) outside ??= `${root} holds only keyed entries`;
				else {
					let set = touched.get(root);
					if (!set) touched.set(root, (set = new Set()));
					for (const key of entryKeys) set.add(key);
				}
			}
		};
		shadow.on('afterTransaction', collect);
		try {
			Y.applyUpdate(shadow, update);
		} finally {
			shadow.off('afterTransaction', collect);
		}
		// A shared type nobody reads is stored and sent to everyone all the same.
		if (shadow.share.size > shared) outside ??= 'no such part of the notes';
		const changes: Change[] = [];
		for (const [root, keys] of touched) {
			const map = shadow.getMap<unknown>(NOTES_ROOTS[root]);
			const cache = this.#cache[root] as Map<string, unknown>;
			for (const key of keys) {
				const before = (cache.get(key) ?? null) as EntryOf<typeof root> | null;
				const after = readEntry(root, map, key);
				if (after && !isInvalid(after)) cache.set(key, after);
				else cache.delete(key);
				changes.push({ root, key, before, after });
			}
		}
		return outside ?? changes;
	}
}

/**
 * The root map a changed type lives in, and the keys of that map it is under: a change inside a
 * thread (its status, a message) is a change of that thread's entry. Null keys: the root itself
 * changed as a list, which no root of the notes is.
 */
function entryOf(type: SharedType, keys: Set<string | null>): [SharedType, string[] | null] {
	let current = type;
	let key: string | null = null;
	while (current._item) {
		key = current._item.parentSub;
		current = current._item.parent as SharedType;
	}
	if (key !== null) return [current, [key]];
	if (current !== type) return [current, null]; // inside a list item of the root
	// A root map itself changed: its changed keys are the entries added, replaced or removed.
	if (keys.has(null)) return [current, null];
	return [current, [...keys].filter((item): item is string => item !== null)];
}

/** New messages (a new thread's first included) and new suggestions among `changes`. */
function reviewWritesIn(changes: Change[]): number {
	let writes = 0;
	for (const change of changes) {
		if (!change.after || isInvalid(change.after)) continue;
		if (change.root === 'suggestions' && !change.before) writes++;
		if (change.root === 'threads') {
			const { before, after } = change as Change<'threads'> & { after: ThreadEntry };
			const old = new Set(before?.value.messages.map((message) => message.id));
			for (const message of after.value.messages) if (!old.has(message.id)) writes++;
		}
	}
	return writes;
}

/** The rules, on the entries one update touched. */
function judge(changes: Change[], writer: NotesWriter, now: number): string | null {
	const earliest = writer.since ? Date.parse(writer.since) - CLOCK_SKEW_MS : -Infinity;
	const fresh = (time: string) => {
		const at = Date.parse(time);
		return at >= earliest && at <= now + CLOCK_SKEW_MS;
	};
	const commenter = heldToOwnWork(writer.role ?? 'commenter');
	for (const change of changes) {
		const { after } = change;
		if (isInvalid(after)) return `${change.root} “${change.key.slice(0, 40)}”: ${after.invalid}`;
		if (change.root === 'threads') {
			const junk = newJunk(change as Change<'threads'>);
			if (junk) return junk;
		}
		if (!timesOf(change).every(fresh)) return 'a time far from the server’s clock';
		const refusal = commenter ? commenterRule(change, writer) : null;
		if (refusal) return refusal;
	}
	return null;
}

/** A malformed message that was not in the thread before (old ones are left as they were). */
function newJunk({ before, after }: Change<'threads'>): string | null {
	if (!after || isInvalid(after) || after.junk.length === 0) return null;
	const old = [...(before?.junk ?? [])];
	for (const message of after.junk) {
		const index = old.indexOf(message);
		if (index < 0) return 'a malformed message';
		old.splice(index, 1);
	}
	return null;
}

/** The times in `change` that are new or changed: each must be near the server's clock. */
function timesOf(change: Change): string[] {
	const times: string[] = [];
	const add = (now: string | undefined, was: string | undefined) => {
		if (now !== undefined && now !== was) times.push(now);
	};
	if (!change.after || isInvalid(change.after)) return times;
	switch (change.root) {
		case 'threads': {
			const { before, after } = change as Change<'threads'> & { after: ThreadEntry };
			add(after.value.createdAt, before?.value.createdAt);
			const old = new Map(before?.value.messages.map((message) => [message.id, message]));
			for (const message of after.value.messages) {
				add(message.createdAt, old.get(message.id)?.createdAt);
				add(message.editedAt, old.get(message.id)?.editedAt);
			}
			break;
		}
		case 'suggestions': {
			const { before, after } = change as Change<'suggestions'> & { after: StoredSuggestion };
			add(after.createdAt, before?.createdAt);
			add(after.decidedAt, before?.decidedAt);
			break;
		}
		case 'dictionary':
		case 'ignores': {
			const { before, after } = change as Change<'dictionary'> & {
				after: { value: { addedAt: string } };
			};
			add(after.value.addedAt, before?.value.addedAt);
			break;
		}
	}
	return times;
}

/** What a commenter may not do to one entry (see NotesGuard). */
function commenterRule(change: Change, writer: CommenterIdentity): string | null {
	const own = (authorId: string) => authorId === writer.id;
	// Something new carries the link's name too: a name of one's choosing would be a forgery.
	const asSelf = (written: Author) => written.id === writer.id && writer.names.has(written.name);
	switch (change.root) {
		case 'threads':
			return threadRule(change as Change<'threads'>, own, asSelf);
		case 'suggestions':
			return suggestionRule(change as Change<'suggestions'>, own, asSelf);
		case 'dictionary':
		case 'ignores': {
			const { before, after } = change as Change<'dictionary'>;
			const was = before?.value;
			const now = after as { value: { addedBy: Author } } | null;
			if (was && now && sameJson(was, now.value)) return null;
			if (was && !own(was.addedBy.id)) return `not your ${wordOrIgnore(change.root)}`;
			if (now && !asSelf(now.value.addedBy)) return 'that author is someone else';
			return null;
		}
		case 'settings': {
			const now = change.after as string | null;
			return now === change.before ? null : 'the story’s locale is an editor’s setting';
		}
	}
}

const wordOrIgnore = (root: NotesRoot) => (root === 'dictionary' ? 'word' : 'ignore');

function suggestionRule(
	{ before: was, after }: Change<'suggestions'>,
	own: (authorId: string) => boolean,
	asSelf: (author: Author) => boolean
): string | null {
	const now = after as StoredSuggestion | null;
	if (was && now && sameJson(was, now)) return null;
	if (was) {
		if (!now) return own(was.author.id) ? null : 'not your suggestion';
		if (!sameDecision(was, now)) return 'a commenter may not accept or reject suggestions';
		if (!sameAuthor(now.author, was.author) || !own(was.author.id)) return 'not your suggestion';
		return null;
	}
	if (!now) return null;
	if (now.status !== 'open' || now.decidedBy || now.decidedAt) {
		return 'a commenter may not accept or reject suggestions';
	}
	return asSelf(now.author) ? null : 'that author is someone else';
}

function threadRule(
	{ before, after }: Change<'threads'>,
	own: (authorId: string) => boolean,
	asSelf: (author: Author) => boolean
): string | null {
	const was = before?.value;
	const now = (after as ThreadEntry | null)?.value;
	if (!was) {
		if (!now) return null;
		return now.messages.every((message) => asSelf(message.author))
			? null
			: 'that author is someone else';
	}
	const starter = threadStarter(was);
	if (!now) {
		if (starter && own(starter) && was.messages.every((m) => own(m.author.id))) return null;
		return 'not your thread';
	}
	// Resolving, reopening or re-anchoring is the thread starter's (or an editor's).
	const moved = !sameJson(now.anchor, was.anchor);
	if ((now.status !== was.status || moved) && !(starter && own(starter))) {
		return 'not your thread';
	}
	const messages = new Map(now.messages.map((message) => [message.id, message]));
	for (const message of was.messages) {
		const current = messages.get(message.id);
		if (current && sameJson(current, message)) continue;
		if (!own(message.author.id) || (current && !sameAuthor(current.author, message.author))) {
			return 'not your message';
		}
	}
	const old = new Set(was.messages.map((message) => message.id));
	for (const message of now.messages) {
		if (!old.has(message.id) && !asSelf(message.author)) return 'that author is someone else';
	}
	return null;
}

function sameAuthor(a: Author, b: Author): boolean {
	return a.id === b.id && a.name === b.name;
}

function sameDecision(a: StoredSuggestion, b: StoredSuggestion): boolean {
	return a.status === b.status && sameJson(a.decidedBy, b.decidedBy) && a.decidedAt === b.decidedAt;
}
