/* eslint-disable svelte/prefer-svelte-reactivity -- the Maps and Sets here are caches and
   scratch values; what renders is declared with $state explicitly. */
import type { Editor } from '@tiptap/core';
import * as Y from 'yjs';
import { readStoryTextMap } from '#shared/model/storyDoc';
import type { StoryTextMap } from '#shared/model/textOffsets';
import { anchorResolver } from '#shared/review/anchors';
import { getSuggestion, SUGGESTIONS_MAP } from '#shared/review/notesDoc';
import { suggestionView } from '#shared/review/reviewViews';
import type { Author, Suggestion, Thread, ThreadStatus } from '#shared/review/types';
import type { CollabSession } from '$lib/collab/session.svelte';
import { NotesReader } from './NotesReader';
import { ReviewCommandError, ReviewCommands, oneLine } from './ReviewCommands';
import { ReviewProjection } from './ReviewProjection';
import { isPending, type ReviewItem } from './reviewItems';

/**
 * Re-reading anchors walks the whole story (tens of milliseconds at novel length): do it once
 * typing pauses, not per keystroke. Meanwhile the highlights follow the text by mapping. At
 * 250 ms, the short pauses between words were enough, and the next key waited for the walk.
 */
const STORY_SETTLE_MS = 1000;

/** Edits the review makes to the text itself (accepting a suggestion) carry this meta. */
export const REVIEW_EDIT_META = 'galleyReviewEdit';

function count<T>(list: readonly T[], test: (value: T) => boolean): number {
	let total = 0;
	for (const value of list) if (test(value)) total++;
	return total;
}

/** At most this many changed items are redrawn one by one; more redraw everything. */
const PATCH_LIMIT = 24;

/** Draws the items' highlights in the editor. */
export interface HighlightPainter {
	/** Replaces every highlight. */
	paint(items: readonly ReviewItem[], focusedId: string | null): void;
	/** Replaces the highlights of the items in `ids` by those of `items` (a subset of them). */
	patch(ids: ReadonlySet<string>, items: readonly ReviewItem[], focusedId: string | null): void;
}

/** What the person at this browser is drafting in the margin. */
export type Draft =
	| { kind: 'comment'; from: number; to: number; quote: string }
	| { kind: 'suggest'; from: number; to: number; quote: string };

/**
 * The comments and suggestions of one story as this browser sees them: read from `notes:<id>`,
 * their anchors resolved against `story:<id>` into editor positions, plus what the margin needs
 * (which card is focused, whether resolved ones show, suggesting mode) and every action on them.
 *
 * Reading is debounced: a change to the notes shows at the next frame, a change to the text
 * re-resolves anchors once typing settles; meanwhile the highlights follow the text by mapping
 * through each transaction (see reviewHighlights).
 */
export class ReviewState {
	/** Every valid thread and suggestion with its place in the editor, in text order. */
	items = $state.raw<ReviewItem[]>([]);
	focusedId = $state<string | null>(null);
	#showDecided = $state(false);
	/** Whether resolved threads and decided suggestions are shown too. */
	get showDecided(): boolean {
		return this.#showDecided;
	}

	set showDecided(show: boolean) {
		this.#showDecided = show;
		this.#paint();
		this.layoutVersion++;
	}

	/** Whether this person may edit the text, accept and reject (editors and owners). */
	canDecide = $state(true);
	#suggesting = $state(false);

	/** While on, typing proposes changes instead of making them; always on for commenters. */
	get suggesting(): boolean {
		return this.#suggesting || !this.canDecide;
	}

	set suggesting(on: boolean) {
		this.#suggesting = on;
	}
	draft = $state<Draft | null>(null);
	/** A short message for the person (e.g. why a keystroke did nothing in suggesting mode). */
	notice = $state<string | null>(null);
	/** Bumped whenever positions may have moved, so the margin lays itself out again. */
	layoutVersion = $state(0);
	/** Bumped to ask the margin to move keyboard focus to the focused card. */
	cardFocusRequest = $state(0);

	author: Author;
	#session: CollabSession;
	#editor: Editor | null = null;
	#painter: HighlightPainter | null = null;
	#notes: NotesReader;
	/** What this person writes into the notes (see ReviewCommands). */
	readonly #commands: ReviewCommands;
	/** Notes + story → items (the pure part: see ReviewProjection). */
	readonly #projection = new ReviewProjection();
	/** The story version the highlights were last fully drawn for (-1: never). */
	#paintedVersion = -1;
	#frame = 0;
	#settleTimer: ReturnType<typeof setTimeout> | undefined;
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;
	#cleanup: Array<() => void> = [];
	#storyVersion = 0;
	/** The suggestion that consecutive keystrokes in suggesting mode keep growing. */
	activeSuggestionId: string | null = null;

	/** `author`: who this reader writes as (their link's author id and name). */
	constructor(session: CollabSession, author: Author) {
		this.#session = session;
		this.author = { id: author.id, name: author.name };
		this.#commands = new ReviewCommands(session.notes.doc, session.story.doc, this.author);
		const notes = session.notes.doc;
		const story = session.story.doc;
		this.#notes = new NotesReader(notes, () => this.#scheduleRefresh());
		const onStory = () => {
			this.#storyVersion++;
			clearTimeout(this.#settleTimer);
			this.#settleTimer = setTimeout(() => this.#scheduleRefresh(), STORY_SETTLE_MS);
		};
		story.on('update', onStory);
		this.#cleanup.push(() => {
			this.#notes.destroy();
			story.off('update', onStory);
		});
	}

	get notesDoc(): Y.Doc {
		return this.#session.notes.doc;
	}

	get storyDoc(): Y.Doc {
		return this.#session.story.doc;
	}

	get editor(): Editor | null {
		return this.#editor;
	}

	/** Whether the items' places were read from the story as it is now (none of it edited since). */
	get placesCurrent(): boolean {
		return this.#projection.cachedVersion === this.#storyVersion;
	}

	/** Binds the editor whose positions the items use, and what draws their highlights. */
	attach(editor: Editor, painter: HighlightPainter): void {
		this.#editor = editor;
		this.#painter = painter;
		this.#paintedVersion = -1;
		this.refresh();
		this.#paint();
		this.layoutVersion++;
	}

	detach(): void {
		this.#editor = null;
		this.#painter = null;
	}

	/*
	 * Derived once per change of the items, not per read: with thousands of items, the margin,
	 * the counts, the highlights and navigation all read these.
	 */
	/** The items the margin shows: open ones, plus resolved/decided ones when asked. */
	readonly visible: ReviewItem[] = $derived(
		this.#showDecided ? this.items : this.items.filter(isPending)
	);

	readonly openThreads: number = $derived(
		count(this.items, (item) => item.kind === 'thread' && isPending(item))
	);

	readonly openSuggestions: number = $derived(
		count(this.items, (item) => item.kind === 'suggestion' && isPending(item))
	);

	/**
	 * Reads everything again now (normally scheduled; see ReviewProjection for what is reused),
	 * then redraws what changed.
	 */
	refresh(): void {
		cancelAnimationFrame(this.#frame);
		this.#frame = 0;
		// The notes often arrive before the text: reading them then would place every anchor in
		// an empty story (all detached), only to place them all again a moment later. Nothing
		// shows the items before the editor is attached, and once it is, even an empty story is
		// read (its threads are all detached). A story already here (this device's copy) is read
		// at once, while the page is still waiting for the editor.
		if (!this.#editor && this.storyDoc.store.clients.size === 0) return;
		if (this.#shownAlready()) return;
		const { items, changed, removed, moved } = this.#projection.project(
			this.storyDoc,
			this.#storyVersion,
			{ threads: this.#notes.threads(), suggestions: this.#notes.suggestions() },
			this.items
		);
		if (changed.length === 0 && removed.length === 0) {
			if (moved) this.items = items;
			// The highlights were mapped through every edit, which is almost always where the
			// anchors are; redraw them from the anchors anyway (ProseMirror only touches what
			// differs), so an edit that swallowed a highlight cannot leave it missing.
			if (this.#paintedVersion !== this.#projection.cachedVersion) this.#paint();
			if (moved) this.layoutVersion++;
			return;
		}
		this.items = items;
		if (this.focusedId && !items.some((item) => item.id === this.focusedId)) {
			this.focusedId = null;
		}
		const fresh = this.#paintedVersion === this.#projection.cachedVersion;
		if (fresh && changed.length + removed.length <= PATCH_LIMIT) {
			this.#patch([...changed.map((item) => item.id), ...removed]);
		} else this.#paint();
		if (moved || removed.length > 0) this.layoutVersion++;
	}

	focus(id: string | null): void {
		const previous = this.focusedId;
		if (previous === id) return;
		this.focusedId = id;
		const ids = [previous, id].filter((one): one is string => one !== null);
		if (this.#paintedVersion === this.#projection.cachedVersion) this.#patch(ids);
		else this.#paint();
	}

	/** Focuses an item and moves keyboard focus to its card. */
	focusCard(id: string): void {
		this.focus(id);
		this.cardFocusRequest++;
	}

	/** The next (1) or previous (-1) visible item after the focused one, or after the caret. */
	step(direction: 1 | -1): ReviewItem | null {
		const visible = this.visible;
		if (visible.length === 0) return null;
		const current = visible.findIndex((item) => item.id === this.focusedId);
		let index: number;
		if (current >= 0) index = current + direction;
		else {
			const caret = this.#editor?.state.selection.from ?? 0;
			index =
				direction === 1
					? visible.findIndex((item) => item.from > caret)
					: visible.findLastIndex((item) => item.from < caret);
		}
		const item = visible[(index + visible.length) % visible.length] ?? null;
		if (item) this.focus(item.id);
		return item;
	}

	// ——— Drafting ———

	/** Opens the margin composer for the editor's selection; false when nothing is selected. */
	startDraft(kind: Draft['kind']): boolean {
		const editor = this.#editor;
		if (!editor) return false;
		const { from, to, empty } = editor.state.selection;
		if (kind === 'comment' && empty) {
			this.say('Select the words you want to comment on first.');
			return false;
		}
		this.draft = { kind, from, to, quote: editor.state.doc.textBetween(from, to, ' ', ' ') };
		this.focus(null);
		return true;
	}

	cancelDraft(): void {
		this.draft = null;
	}

	/** Publishes the drafted comment; returns its thread id. */
	submitComment(body: string): string | null {
		const draft = this.draft;
		if (draft?.kind !== 'comment' || !body.trim()) return null;
		const { start, end } = this.#offsets(draft.from, draft.to);
		const id = this.#command(() => this.#commands.comment(start, end, body));
		if (id === null) return null;
		this.draft = null;
		this.refresh();
		this.focus(id);
		return id;
	}

	/** Publishes the drafted suggestion (an empty replacement deletes, an empty range inserts). */
	submitSuggestion(replacement: string): string | null {
		const draft = this.draft;
		if (draft?.kind !== 'suggest') return null;
		const id = this.suggest(draft.from, draft.to, replacement);
		if (id) {
			this.draft = null;
			this.focus(id);
		}
		return id;
	}

	/** Proposes replacing editor range [from, to) by `replacement`; returns the suggestion id. */
	suggest(from: number, to: number, replacement: string): string | null {
		const clean = oneLine(replacement);
		const { start, end } = this.#offsets(from, to);
		if (start === end && clean === '') return null;
		if (this.#textBetween(from, to) === clean) {
			this.say('That is the text already.');
			return null;
		}
		const id = this.#command(() => this.#commands.suggest(start, end, clean));
		if (id !== null) this.refresh();
		return id;
	}

	/** One of your open suggestions with its place now (suggesting mode grows it). */
	suggestionNow(id: string): (Suggestion & { from: number; to: number }) | null {
		if (this.#projection.cachedVersion !== this.#storyVersion || this.#frame) this.refresh();
		const item = this.items.find((candidate) => candidate.id === id);
		if (item?.kind !== 'suggestion') return null;
		const { suggestion } = item;
		if (suggestion.status !== 'open' || suggestion.author.id !== this.author.id) return null;
		return { ...suggestion, from: item.from, to: item.to };
	}

	/** Changes only what a suggestion proposes (typing on at its insertion point). */
	growSuggestion(id: string, replacement: string): boolean {
		const changed = this.#commands.growSuggestion(id, replacement);
		if (!changed || !this.#growInPlace(id, replacement)) this.refresh();
		return changed;
	}

	/**
	 * The keystroke path of suggesting mode: only the proposed text of one item changed and
	 * nothing else moved, so update that item and its highlight without reading all the notes.
	 * Its signature is brought up to date too, so the scheduled read finds nothing to redo.
	 */
	#growInPlace(id: string, replacement: string): boolean {
		const cached = this.#projection.cachedVersion;
		const fresh = cached === this.#storyVersion && this.#paintedVersion === cached;
		const index = this.items.findIndex((item) => item.id === id);
		const old = this.items[index];
		const entry = this.notesDoc.getMap<unknown>(SUGGESTIONS_MAP).get(id);
		const known = this.#projection.signatureJson(id) !== undefined;
		if (!fresh || old?.kind !== 'suggestion' || !(entry instanceof Y.Map) || !known) {
			return false;
		}
		const item: ReviewItem = { ...old, suggestion: { ...old.suggestion, replacement } };
		const items = [...this.items];
		items[index] = item;
		this.items = items;
		this.#projection.updateSignature(id, JSON.stringify(entry.toJSON()));
		this.#patch([id]);
		return true;
	}

	/**
	 * Whether the notes changed only in entries whose items already show what they hold now
	 * (suggesting mode grows one in place at every keystroke) and the text did not change: then
	 * reading all the notes again would find nothing, at a cost that grows with their number.
	 */
	#shownAlready(): boolean {
		const cached = this.#projection.cachedVersion;
		if (cached !== this.#storyVersion || this.#paintedVersion !== cached) return false;
		const unread = this.#notes.unread();
		return (
			unread.length > 0 &&
			unread.every(({ id, json }) => json !== null && this.#projection.signatureJson(id) === json)
		);
	}

	/** Changes what a suggestion covers and proposes (suggesting mode growing one). */
	reshapeSuggestion(id: string, from: number, to: number, replacement: string): boolean {
		const { start, end } = this.#offsets(from, to);
		try {
			const changed = this.#commands.reshapeSuggestion(id, start, end, replacement);
			this.refresh();
			return changed;
		} catch {
			return false;
		}
	}

	// ——— Threads ———

	reply(threadId: string, body: string): void {
		this.#commands.reply(threadId, body);
	}

	editMessage(threadId: string, messageId: string, body: string): void {
		this.#commands.editMessage(threadId, messageId, body);
	}

	deleteMessage(threadId: string, messageId: string): void {
		this.#commands.deleteMessage(threadId, messageId);
	}

	setThreadStatus(threadId: string, status: ThreadStatus): void {
		this.#commands.setThreadStatus(threadId, status);
		if (status === 'resolved' && !this.showDecided && this.focusedId === threadId) this.focus(null);
	}

	deleteThread(threadId: string): void {
		this.#commands.deleteThread(threadId);
	}

	/** Moves a (detached) thread onto the editor's current selection. */
	reanchor(threadId: string): boolean {
		const selection = this.#editor?.state.selection;
		if (!selection || selection.empty) {
			this.say('Select the words to attach this comment to, then choose Re-anchor.');
			return false;
		}
		const { start, end } = this.#offsets(selection.from, selection.to);
		if (this.#command(() => this.#commands.reanchor(threadId, start, end)) === null) return false;
		this.refresh();
		return true;
	}

	// ——— Deciding suggestions ———

	/**
	 * Applies an open suggestion to the text (an ordinary edit: everyone sees it live, and it is
	 * undoable) and records who accepted it. Re-checked against the text as it is right now: a
	 * suggestion whose words changed is stale and is not applied.
	 */
	accept(id: string): boolean {
		const editor = this.#editor;
		const stored = getSuggestion(this.notesDoc, id);
		if (!editor || !stored || !this.canDecide) return false;
		const map = readStoryTextMap(this.storyDoc);
		const view = suggestionView(this.storyDoc, stored, anchorResolver(this.storyDoc, map));
		if (view.status !== 'open') {
			this.say(view.status === 'stale' ? 'The text changed under this suggestion.' : 'Decided.');
			this.refresh();
			return false;
		}
		// An insertion's offset may be a paragraph's end, which belongs to the text before it.
		const insertion = view.end === view.start;
		const from = map.toPos(view.start, insertion ? -1 : 1);
		const to = insertion ? from : map.toPos(view.end, -1);
		const { tr } = editor.state;
		if (view.replacement === '') tr.delete(from, to);
		else tr.insertText(view.replacement, from, to);
		editor.view.dispatch(tr.setMeta(REVIEW_EDIT_META, true));
		this.#commands.decide(id, 'accepted');
		return true;
	}

	reject(id: string): boolean {
		return this.canDecide && this.#commands.decide(id, 'rejected');
	}

	/** Withdraws your own suggestion. */
	withdraw(id: string): void {
		this.#commands.withdraw(id);
		if (this.activeSuggestionId === id) this.activeSuggestionId = null;
	}

	/** Accepts every open, current suggestion shown, last in the text first (positions hold). */
	acceptAll(): number {
		const ids = this.#openSuggestionIds().reverse();
		let accepted = 0;
		for (const id of ids) if (this.accept(id)) accepted++;
		return accepted;
	}

	rejectAll(): number {
		let rejected = 0;
		for (const id of this.#openSuggestionIds()) if (this.reject(id)) rejected++;
		return rejected;
	}

	say(message: string): void {
		this.notice = message;
		clearTimeout(this.#noticeTimer);
		this.#noticeTimer = setTimeout(() => (this.notice = null), 4000);
	}

	destroy(): void {
		for (const cleanup of this.#cleanup) cleanup();
		this.#cleanup = [];
		cancelAnimationFrame(this.#frame);
		clearTimeout(this.#settleTimer);
		clearTimeout(this.#noticeTimer);
		this.detach();
	}

	#openSuggestionIds(): string[] {
		return this.visible
			.filter((item) => item.kind === 'suggestion' && item.suggestion.status === 'open')
			.map((item) => item.id);
	}

	/** Runs a command; its refusal is said on the desk (null), anything else is a bug. */
	#command<T>(run: () => T): T | null {
		try {
			return run();
		} catch (error) {
			if (!(error instanceof ReviewCommandError)) throw error;
			this.say(error.message);
			return null;
		}
	}

	#scheduleRefresh(): void {
		if (this.#frame) return;
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			this.refresh();
		});
	}

	/** Draws every highlight again. */
	#paint(): void {
		this.#painter?.paint(this.visible, this.focusedId);
		this.#paintedVersion = this.#projection.cachedVersion;
	}

	/** Redraws the highlights of some items only (their positions are current). */
	#patch(ids: string[]): void {
		const wanted = new Set(ids);
		const visible = this.visible.filter((item) => wanted.has(item.id));
		this.#painter?.patch(wanted, visible, this.focusedId);
	}

	/** Text offsets of an editor range (the editor and the Yjs document hold the same story). */
	#offsets(from: number, to: number): { start: number; end: number } {
		const map: StoryTextMap = readStoryTextMap(this.storyDoc);
		const start = map.toOffset(from, 1);
		return { start, end: Math.max(start, map.toOffset(to, -1)) };
	}

	#textBetween(from: number, to: number): string {
		return this.#editor?.state.doc.textBetween(from, to, ' ', ' ') ?? '';
	}
}

export type { Thread, Suggestion };
