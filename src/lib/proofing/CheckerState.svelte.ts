/* eslint-disable svelte/prefer-svelte-reactivity -- the Maps and Sets here are scratch values;
   what renders is declared with $state explicitly. */
import type { Editor } from '@tiptap/core';
import { readFinalNewline } from '#shared/model/storyDoc';
import { textOffsetsOf } from '#shared/model/textOffsets';
import {
	addDictionaryWord,
	checkOptionsFrom,
	DICTIONARY_MAP,
	ignoreFlag,
	ignoreWord,
	IGNORES_MAP,
	withoutIgnoredFlags
} from '#shared/proofing/storyDictionary';
import { readLocale, setLocale, SETTINGS_MAP } from '#shared/proofing/storySettings';
import { SAFE_FIX_KINDS, type FlagKind, type Locale } from '#shared/proofing/types';
import {
	checkerTracking,
	checkerUnderlinesKey,
	paintUnderlines,
	restyleUnderlines,
	trackForCheck,
	underlineRange
} from '$lib/editor/checkerUnderlines';
import { REVIEW_EDIT_META, type ReviewState } from '$lib/review/ReviewState.svelte';
import {
	applyRangeFixes,
	countByKind,
	fixAllChanges,
	oneLine,
	placeFlags,
	type PlacedFlag
} from './placedFlags';
import { CheckerWorkerClient } from './CheckerWorkerClient';
import type { CheckAnswer, CheckRequest } from './workerProtocol';

/**
 * What the checker needs of the review, and nothing more: the two documents, who writes, what
 * this person may do, the items already proposed, and how to propose a fix or say something.
 */
export type CheckerHost = Pick<
	ReviewState,
	'notesDoc' | 'storyDoc' | 'author' | 'canDecide' | 'suggesting' | 'items' | 'suggest' | 'say'
>;

/** Re-check this long after typing stops (the whole story goes to the worker). */
const TYPING_SETTLE_MS = 300;
/** A change to the dictionary, ignores or locale re-checks almost at once. */
const NOTES_SETTLE_MS = 60;
/**
 * The worker (and with it the dictionary and the 3 MB lexicon it fetches and parses) starts only
 * once the page has nothing else to do after the editor's first paint, so it never competes with
 * opening the desk; at the latest this long after the editor is attached (or, if someone is
 * typing then, at the first pause).
 */
const START_AT_LATEST_MS = 4000;
/** An idle period this long means no frame is pending: the desk has finished opening. */
const TRULY_IDLE_MS = 40;

/** Where this browser remembers whether to show unusual words. */
const UNUSUAL_WORDS_KEY = 'galley.checker.unusualWords';

function readUnusualWords(): boolean {
	try {
		return localStorage.getItem(UNUSUAL_WORDS_KEY) === '1';
	} catch {
		return false;
	}
}

/** What the checker is doing, for the panel. */
export type CheckerStatus = 'loading' | 'checking' | 'ready' | 'error';

interface SentCheck {
	id: number;
	text: string;
	map: ReturnType<typeof textOffsetsOf>;
}

/**
 * The proofreading checker of one story as this browser sees it. The checking itself runs in a
 * Web Worker on the whole text, once typing settles or the story's dictionary, ignores or locale
 * change; results come back as offsets into the text that was sent and are placed in the
 * editor through the edits made since. Every action on a flag goes through the review (suggest)
 * or the shared notes (ignore, add to dictionary), so the whole team sees its effect.
 */
export class CheckerState {
	/** Open flags, in text order (positions as placed; the underlines follow later edits). */
	flags = $state.raw<PlacedFlag[]>([]);
	/** The flag whose popover is open. */
	openId = $state<string | null>(null);
	/** Bumped when the popover should move keyboard focus into itself. */
	popoverFocusRequest = $state(0);
	panelOpen = $state(false);
	locale = $state<Locale>('en-US');
	status = $state<CheckerStatus>('loading');
	/**
	 * Also show "unusual" words (regular formations no word list has, nearly always meant): off
	 * by default, a choice of this browser (remembered on this device), not the team's.
	 */
	unusualWords = $state(readUnusualWords());
	/** How long the last check took in the worker (ms). */
	lastCheckMs = $state<number | null>(null);

	readonly review: CheckerHost;
	#editor: Editor | null = null;
	readonly #worker = new CheckerWorkerClient(
		(answer) => this.#onAnswer(answer),
		() => (this.status = 'error')
	);
	#generation = 0;
	#sent: SentCheck | null = null;
	/** The text the current flags' offsets, quotes and ignore keys refer to. */
	#checkedText = '';
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** When the story last changed (performance.now()), to start the worker between keystrokes. */
	#lastEdit = -Infinity;
	/** Cancels the pending start of the worker (see attach). */
	#cancelStart: (() => void) | null = null;
	#cleanup: Array<() => void> = [];

	constructor(review: CheckerHost) {
		this.review = review;
		const notes = review.notesDoc;
		this.locale = readLocale(notes);
		const onWords = () => this.#schedule(NOTES_SETTLE_MS);
		const onSettings = () => {
			const locale = readLocale(notes);
			if (locale !== this.locale) {
				this.locale = locale;
				this.status = 'loading';
			}
			this.#schedule(NOTES_SETTLE_MS);
		};
		const onStory = () => {
			this.#lastEdit = performance.now();
			this.#schedule(TYPING_SETTLE_MS);
		};
		notes.getMap(DICTIONARY_MAP).observe(onWords);
		notes.getMap(IGNORES_MAP).observe(onWords);
		notes.getMap(SETTINGS_MAP).observe(onSettings);
		review.storyDoc.on('update', onStory);
		this.#cleanup.push(() => {
			notes.getMap(DICTIONARY_MAP).unobserve(onWords);
			notes.getMap(IGNORES_MAP).unobserve(onWords);
			notes.getMap(SETTINGS_MAP).unobserve(onSettings);
			review.storyDoc.off('update', onStory);
		});
	}

	get editor(): Editor | null {
		return this.#editor;
	}

	get openFlag(): PlacedFlag | null {
		return this.flags.find((flag) => flag.id === this.openId) ?? null;
	}

	get counts(): [FlagKind, number][] {
		return countByKind(this.flags);
	}

	/** Whether fixes change the text (editors, not suggesting) or become suggestions. */
	get applies(): boolean {
		return this.review.canDecide && !this.review.suggesting;
	}

	static isSafe(kind: FlagKind): boolean {
		return SAFE_FIX_KINDS.includes(kind);
	}

	/**
	 * Binds the editor (its underlines plugin must be installed) and starts checking: at once if
	 * the worker is running, otherwise once the desk has opened (see whenOpened).
	 */
	attach(editor: Editor): void {
		this.#editor = editor;
		if (this.#worker.started) {
			this.#schedule(0);
			return;
		}
		this.#cancelStart ??= whenOpened(
			() => {
				this.#cancelStart = null;
				this.#startWorker();
				this.#schedule(0);
			},
			() => performance.now() - this.#lastEdit
		);
	}

	detach(): void {
		clearTimeout(this.#timer);
		this.#cancelStart?.();
		this.#cancelStart = null;
		this.#editor = null;
	}

	destroy(): void {
		for (const cleanup of this.#cleanup) cleanup();
		this.#cleanup = [];
		this.detach();
		this.#worker.stop();
	}

	/** Changes the story's locale (editors and owners only: the server refuses it from others). */
	setLocale(locale: Locale): void {
		if (locale === this.locale || !this.review.canDecide) return;
		setLocale(this.review.notesDoc, locale);
	}

	/** Turns the `unusual` kind on or off for this browser and checks again. */
	setUnusualWords(on: boolean): void {
		if (on === this.unusualWords) return;
		this.unusualWords = on;
		try {
			localStorage.setItem(UNUSUAL_WORDS_KEY, on ? '1' : '0');
		} catch {
			// Storage refused (private mode): the choice lasts for this page.
		}
		this.#schedule(NOTES_SETTLE_MS);
	}

	/** Sends the whole text to the worker now (normally scheduled). */
	checkNow(): void {
		clearTimeout(this.#timer);
		const editor = this.#editor;
		if (!editor || editor.isDestroyed || !this.#worker.started) return;
		const map = textOffsetsOf(editor.state.doc, readFinalNewline(this.review.storyDoc));
		const id = ++this.#generation;
		this.#sent = { id, text: map.text, map };
		trackForCheck(editor.view, id);
		const options = checkOptionsFrom(this.review.notesDoc);
		const request: CheckRequest = {
			id,
			text: map.text,
			locale: this.locale,
			storyWords: [...options.storyWords],
			ignoredWords: [...options.ignoredWords],
			unusualWords: this.unusualWords
		};
		if (this.status !== 'loading') this.status = 'checking';
		this.#worker.check(request);
	}

	// ——— Flags ———

	/** Opens a flag's popover (clicking its underline, F8, the panel). */
	open(id: string | null, focusPopover = false): void {
		const previous = this.openId;
		this.openId = id;
		if (focusPopover && id) this.popoverFocusRequest++;
		if (previous !== id) this.#restyle([previous, id]);
	}

	close(): void {
		this.open(null);
	}

	/** Where a flag is in the editor now, or null when its text was edited away. */
	rangeOf(id: string): { from: number; to: number } | null {
		const editor = this.#editor;
		return editor ? underlineRange(editor.state, id) : null;
	}

	/** Goes to the next (1) or previous (-1) flag after the open one or the caret, selecting it. */
	step(direction: 1 | -1): PlacedFlag | null {
		const editor = this.#editor;
		if (!editor || this.flags.length === 0) {
			if (editor) this.review.say('No proofreading flags.');
			return null;
		}
		const ranges = this.#currentRanges();
		const placed = this.flags
			.map((flag) => ({ flag, range: ranges.get(flag.id) }))
			.filter((entry): entry is { flag: PlacedFlag; range: { from: number; to: number } } =>
				Boolean(entry.range)
			)
			.sort((a, b) => a.range.from - b.range.from || a.range.to - b.range.to);
		if (placed.length === 0) return null;
		const current = placed.findIndex((entry) => entry.flag.id === this.openId);
		let index: number;
		if (current >= 0) index = current + direction;
		else {
			const caret = editor.state.selection.from;
			index =
				direction === 1
					? placed.findIndex((entry) => entry.range.from >= caret)
					: placed.findLastIndex((entry) => entry.range.from < caret);
			if (index < 0) index = direction === 1 ? 0 : placed.length - 1;
		}
		const entry = placed[(index + placed.length) % placed.length]!;
		editor
			.chain()
			.setTextSelection({ from: entry.range.from, to: entry.range.to })
			.scrollIntoView()
			.run();
		this.open(entry.flag.id);
		return entry.flag;
	}

	/** Selects a flag's text in the editor and opens its popover (from the panel). */
	reveal(id: string): void {
		const editor = this.#editor;
		const range = this.rangeOf(id);
		if (!editor || !range) return;
		editor.chain().focus().setTextSelection(range).scrollIntoView().run();
		this.open(id);
	}

	/** Applies a fix to the text (editors) or, in suggesting mode and for commenters, suggests it. */
	fix(id: string, replacement: string): boolean {
		return this.applies ? this.apply(id, replacement) : this.suggest(id, replacement);
	}

	apply(id: string, replacement: string): boolean {
		const editor = this.#editor;
		const flag = this.#flag(id);
		if (!editor || !flag || !this.applies) return false;
		const range = this.#liveRange(flag);
		if (!range) return false;
		const fix = applyRangeFixes(editor.state.tr, [{ id, ...range, insert: oneLine(replacement) }]);
		editor.view.dispatch(fix.setMeta(REVIEW_EDIT_META, true));
		this.#drop((other) => other.id === id);
		return true;
	}

	suggest(id: string, replacement: string): boolean {
		const flag = this.#flag(id);
		if (!flag) return false;
		const range = this.#liveRange(flag);
		if (!range) return false;
		const suggestion = this.review.suggest(range.from, range.to, replacement);
		if (!suggestion) return false;
		this.#drop((other) => other.id === id);
		return true;
	}

	/** "Ignore": this flag, for everyone, while its text and surroundings stay the same. */
	ignore(id: string): void {
		const flag = this.#flag(id);
		if (!flag) return;
		ignoreFlag(this.review.notesDoc, this.#checkedText, flag, this.review.author);
		this.#drop((other) => other.ignoreKey === flag.ignoreKey);
	}

	/** "Ignore everywhere": no flag on this word anywhere in the story, for everyone. */
	ignoreWord(id: string): void {
		const word = this.#flag(id)?.word;
		if (!word) return;
		ignoreWord(this.review.notesDoc, word, this.review.author);
		const lower = word.toLowerCase();
		this.#drop((other) => other.word?.toLowerCase() === lower);
	}

	/** "Add to dictionary": the word is never a spelling error in this story, for everyone. */
	addWord(id: string): void {
		const flag = this.#flag(id);
		if (!flag?.word || flag.kind !== 'spelling') return;
		addDictionaryWord(this.review.notesDoc, flag.word, this.review.author);
		const lower = flag.word.toLowerCase();
		this.#drop((other) => other.kind === 'spelling' && other.word?.toLowerCase() === lower);
	}

	/**
	 * Fixes every flag of a (safe) kind with its first suggestion: one transaction, so one undo,
	 * for editors; one batch of suggestions in suggesting mode. Returns how many were fixed.
	 */
	fixAll(kind: FlagKind): number {
		const editor = this.#editor;
		if (!editor || !CheckerState.isSafe(kind)) return 0;
		const ranges = this.#currentRanges();
		const flags = this.flags.flatMap((flag) => {
			const range = flag.kind === kind ? ranges.get(flag.id) : undefined;
			return range ? [{ ...flag, ...range }] : [];
		});
		const fixes = fixAllChanges(flags);
		if (fixes.length === 0) return 0;
		let done: Set<string>;
		if (this.applies) {
			const tr = applyRangeFixes(editor.state.tr, fixes);
			editor.view.dispatch(tr.setMeta(REVIEW_EDIT_META, true));
			done = new Set(fixes.map((fix) => fix.id));
		} else {
			done = new Set();
			this.review.notesDoc.transact(() => {
				for (const fix of fixes) {
					if (this.review.suggest(fix.from, fix.to, fix.insert)) done.add(fix.id);
				}
			});
		}
		this.#drop((flag) => done.has(flag.id));
		return done.size;
	}

	// ——— Internals ———

	#startWorker(): void {
		if (!this.#editor) return;
		this.#worker.start();
	}

	#schedule(delay: number): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.checkNow(), delay);
	}

	#onAnswer(answer: CheckAnswer): void {
		const editor = this.#editor;
		const sent = this.#sent;
		if (!editor || editor.isDestroyed || !sent || answer.id !== sent.id) return;
		if (!answer.ok) {
			if (answer.error !== 'superseded') this.status = 'error';
			return;
		}
		const tracking = checkerTracking(editor.state);
		if (tracking?.generation !== answer.id) return;
		const flags = withoutIgnoredFlags(this.review.notesDoc, sent.text, answer.flags);
		const mapping = tracking.mapping.maps.length > 0 ? tracking.mapping : null;
		const placed = placeFlags(sent.text, flags, sent.map, mapping, `c${answer.id}`).filter(
			this.#notSuggested()
		);
		this.#checkedText = sent.text;
		this.#sent = null;
		this.status = 'ready';
		this.lastCheckMs = Math.round(answer.ms);
		// Keep the popover on the same flag if it is still there.
		const open = this.openFlag;
		const reopened = open
			? placed.find(
					(flag) => flag.rule === open.rule && flag.quote === open.quote && flag.from === open.from
				)
			: undefined;
		this.flags = placed;
		this.openId = reopened?.id ?? null;
		paintUnderlines(editor.view, placed, this.openId);
	}

	/** Flags already covered by an open suggestion are not shown twice. */
	#notSuggested(): (flag: PlacedFlag) => boolean {
		const suggested = new Set<string>();
		for (const item of this.review.items) {
			if (item.kind === 'suggestion' && item.suggestion.status === 'open') {
				suggested.add(`${item.from}:${item.to}`);
			}
		}
		return (flag) => !suggested.has(`${flag.from}:${flag.to}`);
	}

	#flag(id: string): PlacedFlag | undefined {
		return this.flags.find((flag) => flag.id === id);
	}

	/** The flag's range now, if its text is still what was flagged. */
	#liveRange(flag: PlacedFlag): { from: number; to: number } | null {
		const editor = this.#editor;
		const range = this.rangeOf(flag.id);
		if (!editor || !range) {
			this.review.say('That text has changed; checking it again.');
			this.#schedule(0);
			return null;
		}
		const now = editor.state.doc.textBetween(range.from, range.to, '\n\n', '\n');
		if (!flag.quote.includes('\n') && now !== flag.quote) {
			this.review.say('That text has changed; checking it again.');
			this.#schedule(0);
			return null;
		}
		return range;
	}

	#currentRanges(): Map<string, { from: number; to: number }> {
		const ranges = new Map<string, { from: number; to: number }>();
		const editor = this.#editor;
		const set = editor ? checkerUnderlinesKey.getState(editor.state)?.set : undefined;
		for (const decoration of set?.find() ?? []) {
			const id = (decoration.spec as { flagId: string }).flagId;
			if (!ranges.has(id)) ranges.set(id, { from: decoration.from, to: decoration.to });
		}
		return ranges;
	}

	/** Removes flags now (the next check agrees); their underlines go with them. */
	#drop(predicate: (flag: PlacedFlag) => boolean): void {
		const gone = new Set(this.flags.filter(predicate).map((flag) => flag.id));
		if (gone.size === 0) return;
		this.flags = this.flags.filter((flag) => !gone.has(flag.id));
		if (this.openId && gone.has(this.openId)) this.openId = null;
		const editor = this.#editor;
		if (editor && !editor.isDestroyed) {
			restyleUnderlines(editor.view, gone, new Map(), this.openId);
		}
	}

	#restyle(ids: Array<string | null>): void {
		const editor = this.#editor;
		if (!editor || editor.isDestroyed) return;
		const wanted = new Set(ids.filter((id): id is string => id !== null));
		const styles = new Map(
			this.flags
				.filter((flag) => wanted.has(flag.id))
				.map((flag) => [flag.id, { kind: flag.kind, confidence: flag.confidence }])
		);
		restyleUnderlines(editor.view, wanted, styles, this.openId);
	}
}

/**
 * Runs `start` once the desk has opened and nobody is typing: after the next paint, in the first
 * idle period with no frame pending (the editor, the margin's cards and the story's sync are
 * done), or after START_AT_LATEST_MS, but never within TYPING_SETTLE_MS of an edit of the story
 * (the worker's start-up, a 3 MB parse and a first check of the whole story, would compete with
 * the keystrokes; checks wait for typing to settle anyway). Returns a cancel function.
 */
function whenOpened(start: () => void, sinceEdit: () => number): () => void {
	let cancelled = false;
	let frame = 0;
	let idle = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let latest = setTimeout(atLatest, START_AT_LATEST_MS);
	const typing = () => sinceEdit() < TYPING_SETTLE_MS;
	function atLatest(): void {
		if (typing()) latest = setTimeout(atLatest, TYPING_SETTLE_MS);
		else run();
	}
	function run(): void {
		if (cancelled) return;
		cancel();
		start();
	}
	function cancel(): void {
		cancelled = true;
		clearTimeout(latest);
		clearTimeout(timer);
		if (frame) cancelAnimationFrame(frame);
		if (idle && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
	}
	function waitForIdle(): void {
		if (cancelled) return;
		if (typing()) {
			timer = setTimeout(waitForIdle, TYPING_SETTLE_MS);
			return;
		}
		if (typeof requestIdleCallback !== 'function') {
			timer = setTimeout(run, 500);
			return;
		}
		idle = requestIdleCallback((deadline) => {
			if (deadline.timeRemaining() >= TRULY_IDLE_MS && !typing()) run();
			else waitForIdle();
		});
	}
	// The frame after the first paint, then the idle time after it.
	frame = requestAnimationFrame(() => {
		frame = 0;
		timer = setTimeout(waitForIdle, 0);
	});
	return cancel;
}
