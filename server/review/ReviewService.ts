import { newId } from '#shared/ids';
import { mayChangeThread } from '#shared/protocol/policy';
import type { Role } from '#shared/protocol/roles';
import type * as Y from 'yjs';
import { replaceStoryText } from '#shared/model/editStoryText';
import { readStoryText } from '#shared/model/storyDoc';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { anchorResolver, createAnchor } from '#shared/review/anchors';
import {
	addMessage,
	addSuggestion,
	addThread,
	deleteSuggestion,
	deleteThread,
	getSuggestion,
	getThread,
	listSuggestions,
	listThreads,
	setSuggestionStatus,
	setThreadStatus,
	SUGGESTIONS_MAP,
	THREADS_MAP
} from '#shared/review/notesDoc';
import { suggestionView, threadView } from '#shared/review/reviewViews';
import { suggestionAnchor } from '#shared/review/suggestionAnchor';
import {
	MAX_BODY,
	MAX_MESSAGES,
	type Author,
	type StoredAnchor,
	type StoredSuggestion,
	type StoredThread,
	type SuggestionStatus,
	type ThreadStatus
} from '#shared/review/types';
import { StoryError } from '../stories/StoryError';
import { authorFromName, API_AUTHOR_NAME } from './apiAuthor';
import { KeyedLock } from './KeyedLock';
import { ReviewError } from './ReviewError';
import { suggestionJson, threadJson, type SuggestionJson, type ThreadJson } from './reviewJson';
import type { NewComment, NewReply, NewSuggestion } from './reviewRequests';

/** Where the documents live: the collaboration server, so changes reach open browsers. */
export interface ReviewDocuments {
	/** A copy of the room's current state. */
	readDocument(room: string): Promise<Y.Doc>;
	/**
	 * Runs `fn` on an exact copy of the live doc; its changes then go to everyone in the room,
	 * as `writer`'s when given (history attributes the text to them).
	 */
	withDocument<T>(room: string, fn: (doc: Y.Doc) => T, writer?: string | null): Promise<T>;
}

export interface ReviewLimits {
	/** Most threads one story's notes hold (entries, whatever their state). */
	threads: number;
	/** Most suggestions one story's notes hold. */
	suggestions: number;
}

export const DEFAULT_REVIEW_LIMITS: ReviewLimits = { threads: 10_000, suggestions: 10_000 };

/**
 * Comments and suggestions for scripts and bots, over the same shared notes document the desk
 * edits live: every change goes through the collaboration server, so open browsers see it at
 * once. Offsets are UTF-16 offsets into the story's current txt export.
 */
export class ReviewService {
	/** Writes to a story's notes (and accepting, which also edits its text) run one at a time. */
	readonly #locks = new KeyedLock();

	constructor(
		private readonly stories: { exists(id: string): Promise<boolean> },
		private readonly documents: ReviewDocuments,
		private readonly limits: ReviewLimits = DEFAULT_REVIEW_LIMITS
	) {}

	async listThreads(storyId: string, status?: ThreadStatus): Promise<ThreadJson[]> {
		await this.#requireStory(storyId);
		return this.#read(storyId, (story, notes) => {
			const resolve = anchorResolver(story);
			return listThreads(notes)
				.filter((thread) => !status || thread.status === status)
				.map((thread) => threadJson(threadView(story, thread, resolve), thread.createdAt));
		});
	}

	async getThread(storyId: string, threadId: string): Promise<ThreadJson> {
		await this.#requireStory(storyId);
		return this.#read(storyId, (story, notes) => {
			const thread = getThread(notes, threadId);
			if (!thread) throw threadNotFound(threadId);
			return threadJson(threadView(story, thread), thread.createdAt);
		});
	}

	/** Starts a thread on [start, end) with its first message; returns the thread's id. */
	async createThread(storyId: string, comment: NewComment): Promise<string> {
		await this.#requireStory(storyId);
		const anchor = await this.#withStoryCopy(storyId, (story) => {
			const text = readStoryText(story);
			checkRange(text, comment.start, comment.end);
			if (comment.start === comment.end) {
				throw new ReviewError(
					'invalid-range',
					'A comment needs some text: "end" must be after "start".'
				);
			}
			const made = anchorOrRefuse(() => createAnchor(story, comment.start, comment.end));
			checkQuoteLength(made);
			return made;
		});
		const now = new Date().toISOString();
		const thread: StoredThread = {
			id: newId(),
			status: 'open',
			anchor,
			messages: [{ id: newId(), author: comment.author, body: comment.body, createdAt: now }],
			createdAt: now
		};
		await this.#changeNotes(storyId, (notes) => {
			if (notes.getMap(THREADS_MAP).size >= this.limits.threads) {
				throw new ReviewError(
					'too-many',
					`This story already has ${this.limits.threads} comment threads, the most it can hold.`
				);
			}
			addThread(notes, thread);
		});
		return thread.id;
	}

	/** Adds a reply to a thread; returns the message's id. */
	async reply(storyId: string, threadId: string, reply: NewReply): Promise<string> {
		await this.#requireStory(storyId);
		const message = {
			id: newId(),
			author: reply.author,
			body: reply.body,
			createdAt: new Date().toISOString()
		};
		await this.#changeNotes(storyId, (notes) => {
			const thread = getThread(notes, threadId);
			if (!thread) throw threadNotFound(threadId);
			// Readers ignore messages past the cap, so a further reply would vanish.
			if (thread.messages.length >= MAX_MESSAGES) {
				throw new ReviewError(
					'too-many',
					`This thread already has ${MAX_MESSAGES} messages, the most it can hold.`
				);
			}
			addMessage(notes, threadId, message);
		});
		return message.id;
	}

	/**
	 * Resolves or reopens a thread; returns it as it is now. `actor` (the request's link; null:
	 * the server itself) must be allowed to change it (policy: mayChangeThread).
	 */
	async setThreadStatus(
		storyId: string,
		threadId: string,
		status: ThreadStatus,
		actor: { role: Role; authorId: string } | null
	): Promise<ThreadJson> {
		await this.#requireStory(storyId);
		await this.#changeNotes(storyId, (notes) => {
			const thread = getThread(notes, threadId);
			if (!thread) throw threadNotFound(threadId);
			if (actor && !mayChangeThread(actor, thread)) {
				throw new ReviewError(
					'not-yours',
					'A commenter may only resolve or reopen a thread they started.'
				);
			}
			if (!setThreadStatus(notes, threadId, status)) throw threadNotFound(threadId);
		});
		return this.getThread(storyId, threadId);
	}

	async deleteThread(storyId: string, threadId: string): Promise<void> {
		await this.#requireStory(storyId);
		await this.#changeNotes(storyId, (notes) => {
			if (!getThread(notes, threadId) || !deleteThread(notes, threadId)) {
				throw threadNotFound(threadId);
			}
		});
	}

	async listSuggestions(storyId: string, status?: SuggestionStatus): Promise<SuggestionJson[]> {
		await this.#requireStory(storyId);
		return this.#read(storyId, (story, notes) => {
			const resolve = anchorResolver(story);
			return listSuggestions(notes)
				.map((suggestion) => suggestionJson(suggestionView(story, suggestion, resolve)))
				.filter((suggestion) => !status || suggestion.status === status);
		});
	}

	async getSuggestion(storyId: string, suggestionId: string): Promise<SuggestionJson> {
		await this.#requireStory(storyId);
		return this.#read(storyId, (story, notes) => {
			const suggestion = getSuggestion(notes, suggestionId);
			if (!suggestion) throw suggestionNotFound(suggestionId);
			return suggestionJson(suggestionView(story, suggestion));
		});
	}

	/**
	 * Proposes replacing [start, end) by `replacement`; an empty range proposes an insertion.
	 * Returns the suggestion's id.
	 */
	async createSuggestion(storyId: string, input: NewSuggestion): Promise<string> {
		await this.#requireStory(storyId);
		const place = await this.#withStoryCopy(storyId, (story) => {
			const text = readStoryText(story);
			checkRange(text, input.start, input.end);
			const original = text.slice(input.start, input.end);
			if (input.replacement === original) {
				throw new ReviewError(
					'no-change',
					input.start === input.end
						? 'An insertion needs some text: "replacement" is empty.'
						: '"replacement" is the same as the text already in that range.'
				);
			}
			const found = anchorOrRefuse(() => suggestionAnchor(story, input.start, input.end));
			checkQuoteLength(found.anchor);
			// The anchor leaves out the line breaks between blocks at its ends; replacing less
			// than was asked would not be the suggested change.
			if (!found.insertAt && found.anchor.quote !== original) {
				throw new ReviewError(
					'invalid-range',
					'A suggestion must start and end on the text of a paragraph, not on the line breaks between paragraphs.'
				);
			}
			return found;
		});
		const suggestion: StoredSuggestion = {
			id: newId(),
			status: 'open',
			anchor: place.anchor,
			replacement: input.replacement,
			...(place.insertAt && { insertAt: place.insertAt }),
			author: input.author,
			createdAt: new Date().toISOString()
		};
		await this.#changeNotes(storyId, (notes) => {
			if (notes.getMap(SUGGESTIONS_MAP).size >= this.limits.suggestions) {
				throw new ReviewError(
					'too-many',
					`This story already has ${this.limits.suggestions} suggestions, the most it can hold.`
				);
			}
			addSuggestion(notes, suggestion);
		});
		return suggestion.id;
	}

	/**
	 * Applies an open suggestion to the story (live, for everyone in it) and marks it accepted.
	 * Refused when it was decided already or its words changed since it was made (stale). The
	 * edit is `writer`'s (the link that accepted it) in the story's history.
	 */
	async accept(
		storyId: string,
		suggestionId: string,
		by?: Author,
		writer: string | null = null
	): Promise<SuggestionJson> {
		await this.#requireStory(storyId);
		await this.#locks.run(storyId, async () => {
			const suggestion = await this.#openSuggestion(storyId, suggestionId);
			const applied = await this.#change(
				storyId,
				storyRoom(storyId),
				(story) => {
					const view = suggestionView(story, suggestion);
					if (view.status === 'stale') return false;
					replaceStoryText(story, view.start, view.end, suggestion.replacement);
					return true;
				},
				writer
			);
			if (!applied) {
				throw new ReviewError(
					'suggestion-stale',
					`Suggestion ${suggestionId} is stale: the text it would replace has changed since it was made.`
				);
			}
			await this.#decide(storyId, suggestionId, 'accepted', by);
		});
		return this.getSuggestion(storyId, suggestionId);
	}

	/** Marks an open (or stale) suggestion rejected; the story is left as it is. */
	async reject(storyId: string, suggestionId: string, by?: Author): Promise<SuggestionJson> {
		await this.#requireStory(storyId);
		await this.#locks.run(storyId, async () => {
			await this.#openSuggestion(storyId, suggestionId);
			await this.#decide(storyId, suggestionId, 'rejected', by);
		});
		return this.getSuggestion(storyId, suggestionId);
	}

	/** Withdraws a suggestion, whatever its status. */
	async deleteSuggestion(storyId: string, suggestionId: string): Promise<void> {
		await this.#requireStory(storyId);
		await this.#changeNotes(storyId, (notes) => {
			if (!getSuggestion(notes, suggestionId) || !deleteSuggestion(notes, suggestionId)) {
				throw suggestionNotFound(suggestionId);
			}
		});
	}

	/** The suggestion if it is still undecided; 404 or 409 otherwise. */
	async #openSuggestion(storyId: string, suggestionId: string): Promise<StoredSuggestion> {
		const notes = await this.documents.readDocument(notesRoom(storyId));
		try {
			const suggestion = getSuggestion(notes, suggestionId);
			if (!suggestion) throw suggestionNotFound(suggestionId);
			if (suggestion.status !== 'open') throw alreadyDecided(suggestion);
			return suggestion;
		} finally {
			notes.destroy();
		}
	}

	async #decide(
		storyId: string,
		suggestionId: string,
		status: 'accepted' | 'rejected',
		by: Author = authorFromName(API_AUTHOR_NAME)
	): Promise<void> {
		const decision = { by, at: new Date().toISOString() };
		await this.#change(storyId, notesRoom(storyId), (notes) => {
			// Checked again on the live notes: someone in a browser may have decided it meanwhile.
			const suggestion = getSuggestion(notes, suggestionId);
			if (!suggestion) throw suggestionNotFound(suggestionId);
			if (status === 'rejected' && suggestion.status !== 'open') throw alreadyDecided(suggestion);
			setSuggestionStatus(notes, suggestionId, status, decision);
		});
	}

	/** Changes a story's notes, after any other API change of them has finished. */
	#changeNotes(storyId: string, fn: (notes: Y.Doc) => void): Promise<void> {
		return this.#locks.run(storyId, () => this.#change(storyId, notesRoom(storyId), fn));
	}

	async #change<T>(
		storyId: string,
		room: string,
		fn: (doc: Y.Doc) => T,
		writer: string | null = null
	): Promise<T> {
		try {
			return await this.documents.withDocument(room, fn, writer);
		} catch (error) {
			// A story deleted meanwhile has its rooms dropped: say so rather than fail.
			if (!(error instanceof ReviewError)) await this.#requireStory(storyId);
			throw error;
		}
	}

	async #withStoryCopy<T>(storyId: string, fn: (story: Y.Doc) => T): Promise<T> {
		const story = await this.documents.readDocument(storyRoom(storyId));
		try {
			return fn(story);
		} finally {
			story.destroy();
		}
	}

	async #read<T>(storyId: string, fn: (story: Y.Doc, notes: Y.Doc) => T): Promise<T> {
		const [story, notes] = await Promise.all([
			this.documents.readDocument(storyRoom(storyId)),
			this.documents.readDocument(notesRoom(storyId))
		]);
		try {
			return fn(story, notes);
		} finally {
			story.destroy();
			notes.destroy();
		}
	}

	async #requireStory(storyId: string): Promise<void> {
		if (!(await this.stories.exists(storyId))) {
			throw new StoryError('not-found', `No story with id "${storyId}".`);
		}
	}
}

/** Ids for threads, messages and suggestions: random, and within the stored id pattern. */

/** Refuses a range that is not within the text (all offsets are into the txt export). */
function checkRange(text: string, start: number, end: number): void {
	if (start < 0 || end > text.length || start > end) {
		throw new ReviewError(
			'invalid-range',
			`The range [${start}, ${end}) is not within the story's text, which is ${text.length} characters long; 0 <= "start" <= "end" <= ${text.length}.`
		);
	}
}

/** Makes an anchor, turning "nothing to anchor to" (a RangeError) into a clear refusal. */
function anchorOrRefuse<T>(make: () => T): T {
	try {
		return make();
	} catch (error) {
		if (!(error instanceof RangeError)) throw error;
		throw new ReviewError(
			'nothing-to-anchor',
			'There is no text in that range to attach to (only line breaks between paragraphs, or an empty paragraph).'
		);
	}
}

/** The stored quote has a maximum length; refuse a longer range before storing fails. */
function checkQuoteLength(anchor: StoredAnchor): void {
	if (anchor.quote.length > MAX_BODY) {
		throw new ReviewError(
			'invalid-range',
			`The range covers ${anchor.quote.length} characters of text; at most ${MAX_BODY} can be quoted.`
		);
	}
}

function threadNotFound(threadId: string): ReviewError {
	return new ReviewError('thread-not-found', `No comment thread with id "${threadId}".`);
}

function suggestionNotFound(suggestionId: string): ReviewError {
	return new ReviewError('suggestion-not-found', `No suggestion with id "${suggestionId}".`);
}

function alreadyDecided(suggestion: StoredSuggestion): ReviewError {
	return new ReviewError(
		'suggestion-decided',
		`Suggestion ${suggestion.id} was already ${suggestion.status}${suggestion.decidedBy ? ` by ${suggestion.decidedBy.name}` : ''}.`
	);
}
