import type * as Y from 'yjs';
import { readStoryTextMap } from '#shared/model/storyDoc';
import type { StoryTextMap } from '#shared/model/textOffsets';
import { anchorResolver, type AnchorResolver } from '#shared/review/anchors';
import { suggestionView, threadView } from '#shared/review/reviewViews';
import type {
	ResolvedAnchor,
	StoredAnchor,
	StoredSuggestion,
	StoredThread
} from '#shared/review/types';
import type { ReadEntry } from './NotesReader';
import { reviewItemsOrder, type ReviewItem } from './reviewItems';

/** What the notes hold now, as the notes reader gives it (validated entries and their JSON). */
export interface NotesEntries {
	threads: Iterable<ReadEntry<StoredThread>>;
	suggestions: Iterable<ReadEntry<StoredSuggestion>>;
}

/** One projection: the items in text order and what changed since the previous one. */
export interface Projection {
	items: ReviewItem[];
	/** Items made anew (new, or their content or anchor changed): their cards and highlights redraw. */
	changed: ReviewItem[];
	/** Ids that are gone. */
	removed: string[];
	/** Some item's editor positions changed (the margin lays out again). */
	moved: boolean;
}

/** What an item was made from: its resolved anchor's state and its entry's JSON. */
interface Signature {
	detached: boolean;
	quote: string;
	json: string;
}

/** A resolved anchor and its editor positions. */
interface PlacedAnchor {
	resolved: ResolvedAnchor;
	from: number;
	to: number;
}

/**
 * Compared field by field, not as one concatenated string: an entry the notes reader did not
 * re-read keeps its JSON string, so comparing thousands of unchanged items costs no copying.
 */
function sameSignature(a: Signature | undefined, b: Signature): boolean {
	return a !== undefined && a.json === b.json && a.detached === b.detached && a.quote === b.quote;
}

/**
 * Notes + story → review items, with what changed: the pure part of the review's state (no
 * runes, no editor), so it is tested without a browser.
 *
 * Resolving anchors walks the whole story, so resolutions are kept until the story changes
 * (`storyVersion`): a new reply, or a suggestion growing while its author types in suggesting
 * mode, costs no walk at all. An unchanged entry keeps its item object (only its positions
 * follow the text), so its card and highlight are left alone.
 */
export class ReviewProjection {
	/** Per item, what it was made from. */
	#signatures = new Map<string, Signature>();
	/** Anchors resolved since the story last changed, by anchor. */
	#placed = new Map<string, PlacedAnchor>();
	/** The same, by the stored anchor object (found without building its key). */
	#placedByAnchor = new WeakMap<StoredAnchor, PlacedAnchor>();
	#cachedVersion = -1;

	/** The story version the anchor cache is for (-1: none yet). */
	get cachedVersion(): number {
		return this.#cachedVersion;
	}

	/** Whether `id`'s item was projected from this JSON (an optimistic update may reuse it). */
	signatureJson(id: string): string | undefined {
		return this.#signatures.get(id)?.json;
	}

	/** Records that `id` now reads as `json` (after an optimistic update of its item). */
	updateSignature(id: string, json: string): void {
		const signature = this.#signatures.get(id);
		if (signature) this.#signatures.set(id, { ...signature, json });
	}

	project(
		story: Y.Doc,
		storyVersion: number,
		notes: NotesEntries,
		previousItems: readonly ReviewItem[]
	): Projection {
		if (this.#cachedVersion !== storyVersion) {
			this.#placed.clear();
			this.#placedByAnchor = new WeakMap();
			this.#cachedVersion = storyVersion;
		}
		let reader: { map: StoryTextMap; resolve: AnchorResolver } | null = null;
		const place = (anchor: StoredAnchor): PlacedAnchor => {
			const known = this.#placedByAnchor.get(anchor);
			if (known) return known;
			const key = `${anchor.start} ${anchor.end} ${anchor.quote} ${anchor.seen}`;
			let placed = this.#placed.get(key);
			if (!placed) {
				if (!reader) {
					const map = readStoryTextMap(story);
					reader = { map, resolve: anchorResolver(story, map) };
				}
				const resolved = reader.resolve(anchor);
				const from = reader.map.toPos(resolved.start, 1);
				const to = Math.max(from, reader.map.toPos(resolved.end, -1));
				placed = { resolved, from, to };
				this.#placed.set(key, placed);
			}
			this.#placedByAnchor.set(anchor, placed);
			return placed;
		};
		const resolve: AnchorResolver = (anchor) => place(anchor).resolved;
		const previous = new Map(previousItems.map((item) => [item.id, item]));
		const signatures = new Map<string, Signature>();
		const changed: ReviewItem[] = [];
		const items: ReviewItem[] = [];
		let moved = false;
		const keep = (
			read: ReadEntry<{ id: string }>,
			placed: PlacedAnchor,
			from: number,
			to: number,
			make: () => ReviewItem
		) => {
			const { id } = read.stored;
			const { resolved } = placed;
			const signature: Signature = {
				detached: resolved.detached,
				quote: resolved.quote,
				json: read.json
			};
			signatures.set(id, signature);
			const old = previous.get(id);
			if (old && sameSignature(this.#signatures.get(id), signature)) {
				// Same content, perhaps moved by typing before it: its highlight has been mapped
				// there already and its card shows nothing positional, so only the place changes.
				if (old.from !== from || old.to !== to) {
					old.from = from;
					old.to = to;
					moved = true;
				}
				items.push(old);
				return;
			}
			if (!old || old.from !== from || old.to !== to) moved = true;
			const item = make();
			changed.push(item);
			items.push(item);
		};
		for (const read of notes.threads) {
			const stored = read.stored;
			const placed = place(stored.anchor);
			keep(read, placed, placed.from, placed.to, () => ({
				kind: 'thread',
				id: stored.id,
				from: placed.from,
				to: placed.to,
				thread: threadView(story, stored, resolve)
			}));
		}
		for (const read of notes.suggestions) {
			const stored = read.stored;
			const placed = place(stored.anchor);
			const at = stored.insertAt === 'start' ? placed.from : placed.to;
			const from = stored.insertAt ? at : placed.from;
			const to = stored.insertAt ? at : placed.to;
			keep(read, placed, from, to, () => ({
				kind: 'suggestion',
				id: stored.id,
				from,
				to,
				suggestion: suggestionView(story, stored, resolve)
			}));
		}
		const removed = [...previous.keys()].filter((id) => !signatures.has(id));
		this.#signatures = signatures;
		return { items: items.sort(reviewItemsOrder), changed, removed, moved };
	}
}
