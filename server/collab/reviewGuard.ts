import * as Y from 'yjs';
import { listSuggestions, listThreads } from '#shared/review/notesDoc';
import type { Author, StoredSuggestion, StoredThread } from '#shared/review/types';

/**
 * What a commenter may change in `notes:<id>`, checked on a scratch copy of the doc with the
 * update applied (editors and owners are not checked):
 * - add threads, messages and suggestions only as themselves: the author id their link gives
 *   and a name the link has carried (`author`, from the server, never the client's claim);
 * - never edit or delete someone else's message or suggestion, nor resolve or reopen someone
 *   else's thread (a thread is its first message's author's);
 * - never accept or reject a suggestion (its status and decision stay as they were).
 * The author id comes from the link, so what a commenter wrote stays theirs from any browser
 * and after any restart. Returns why the change is refused, or null.
 */
export function checkCommenterChange(
	live: Y.Doc,
	unapplied: readonly Uint8Array[],
	update: Uint8Array,
	author: { id: string; names: ReadonlySet<string> }
): string | null {
	const scratch = new Y.Doc({ gc: true });
	try {
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
		for (const accepted of unapplied) Y.applyUpdate(scratch, accepted);
		const before = snapshot(scratch);
		Y.applyUpdate(scratch, update);
		// Anything left pending would hide part of the change from the check.
		if (scratch.store.pendingStructs || scratch.store.pendingDs)
			return 'the change could not be read';
		const after = snapshot(scratch);
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
			if (now.status !== was.status && !(starter && own(starter))) return 'not your thread';
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
	} catch {
		return 'the change could not be read';
	} finally {
		scratch.destroy();
	}
}

function snapshot(doc: Y.Doc) {
	return {
		threads: new Map<string, StoredThread>(listThreads(doc).map((thread) => [thread.id, thread])),
		suggestions: new Map<string, StoredSuggestion>(
			listSuggestions(doc).map((suggestion) => [suggestion.id, suggestion])
		)
	};
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
