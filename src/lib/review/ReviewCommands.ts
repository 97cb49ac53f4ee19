import type * as Y from 'yjs';
import { newId } from '#shared/ids';
import { createAnchor } from '#shared/review/anchors';
import {
	addMessage,
	addSuggestion,
	addThread,
	deleteMessage,
	deleteSuggestion,
	deleteThread,
	editMessage,
	getSuggestion,
	reanchorThread,
	setSuggestionStatus,
	setThreadStatus,
	updateSuggestion
} from '#shared/review/notesDoc';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';
import type { Author, ThreadStatus } from '#shared/review/types';
import { nowIso } from './clock';

/** Why a command wrote nothing, in the words the desk shows. */
export class ReviewCommandError extends Error {}

/**
 * What one person does to the review, written into `notes:<id>` as that person: pure document
 * operations on text offsets of the story (the txt export's UTF-16 offsets), without an editor
 * or any runes, so they are tested without a browser. ReviewState turns editor positions into
 * offsets and calls these.
 */
export class ReviewCommands {
	constructor(
		private readonly notes: Y.Doc,
		private readonly story: Y.Doc,
		readonly author: Author
	) {}

	/** Starts a thread on [start, end) with its first message; its id. */
	comment(start: number, end: number, body: string): string {
		const text = body.trim();
		if (!text) throw new ReviewCommandError('Write something first.');
		const now = nowIso();
		const id = newId();
		try {
			addThread(this.notes, {
				id,
				status: 'open',
				anchor: createAnchor(this.story, start, end),
				messages: [{ id: newId(), author: this.author, body: text, createdAt: now }],
				createdAt: now
			});
		} catch (error) {
			throw new ReviewCommandError(
				error instanceof RangeError ? 'Select some words of the story.' : 'Too long.'
			);
		}
		return id;
	}

	/**
	 * Proposes replacing [start, end) by `replacement` (line breaks become spaces; an empty
	 * replacement deletes, an empty range inserts); its id.
	 */
	suggest(start: number, end: number, replacement: string): string {
		try {
			const place = suggestionAnchor(this.story, start, end);
			const id = newId();
			addSuggestion(this.notes, {
				id,
				status: 'open',
				anchor: place.anchor,
				...(place.insertAt && { insertAt: place.insertAt }),
				replacement: oneLine(replacement),
				author: this.author,
				createdAt: nowIso()
			});
			return id;
		} catch (error) {
			throw new ReviewCommandError(
				error instanceof RangeError
					? 'There is no text here to attach a suggestion to.'
					: 'Too long.'
			);
		}
	}

	/** Moves a suggestion to [start, end) with a new replacement; deletes it when nothing is left. */
	reshapeSuggestion(id: string, start: number, end: number, replacement: string): boolean {
		if (start === end && replacement === '') {
			deleteSuggestion(this.notes, id);
			return true;
		}
		const place = suggestionAnchor(this.story, start, end);
		return updateSuggestion(this.notes, id, {
			anchor: place.anchor,
			insertAt: place.insertAt,
			replacement
		});
	}

	growSuggestion(id: string, replacement: string): boolean {
		return updateSuggestion(this.notes, id, { replacement });
	}

	reply(threadId: string, body: string): void {
		if (!body.trim()) return;
		addMessage(this.notes, threadId, {
			id: newId(),
			author: this.author,
			body: body.trim(),
			createdAt: nowIso()
		});
	}

	editMessage(threadId: string, messageId: string, body: string): void {
		if (!body.trim()) return;
		editMessage(this.notes, threadId, messageId, body.trim(), nowIso());
	}

	deleteMessage(threadId: string, messageId: string): void {
		deleteMessage(this.notes, threadId, messageId);
	}

	setThreadStatus(threadId: string, status: ThreadStatus): void {
		setThreadStatus(this.notes, threadId, status);
	}

	deleteThread(threadId: string): void {
		deleteThread(this.notes, threadId);
	}

	/** Moves a (detached) thread onto [start, end). */
	reanchor(threadId: string, start: number, end: number): void {
		try {
			reanchorThread(this.notes, threadId, createAnchor(this.story, start, end));
		} catch {
			throw new ReviewCommandError('Select some words of the story.');
		}
	}

	/** Records the decision on an open suggestion; false when it is not open. */
	decide(id: string, status: 'accepted' | 'rejected'): boolean {
		const stored = getSuggestion(this.notes, id);
		if (!stored || stored.status !== 'open') return false;
		setSuggestionStatus(this.notes, id, status, { by: { ...this.author }, at: nowIso() });
		return true;
	}

	withdraw(id: string): void {
		deleteSuggestion(this.notes, id);
	}
}

/** A suggestion's replacement is one line: line breaks become spaces. */
export function oneLine(text: string): string {
	return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
