import type { NodeType } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { META_MAP, STORY_FIELD } from '#shared/model/schema';
import { FINAL_NEWLINE_KEY } from '#shared/model/storyDoc';
import { StoryLimits } from '#shared/model/storyLimits';
import {
	attributeRefusal,
	childRefusal,
	docType,
	elementType,
	markRefusal,
	textRefusal
} from '#shared/model/storyShape';

type Struct = Y.Item | Y.GC | Y.Skip;

/** What an item is part of, as far as the story schema cares. */
type Container =
	| { kind: 'element'; type: NodeType; depth: number }
	| { kind: 'text'; parent: NodeType; depth: number; text: Y.XmlText | null }
	| { kind: 'meta' }
	/** Yjs will discard the item (a neighbour it was typed next to was collected). */
	| { kind: 'gone' }
	/** Anything the story does not have: writing here is refused with `why`. */
	| { kind: 'foreign'; why: string };

/** Where an item goes: its container and, for a map entry or an attribute, its key. */
interface Placement {
	container: Container;
	key: string | null;
}

/** Items of accepted updates that the room's doc does not hold yet. */
interface PendingRun {
	clock: number;
	end: number;
	placement: Placement;
	/** For an item that creates a type: the container that type is. */
	own: Container | null;
}

export type ShapeCheck = { ok: true; commit: () => void } | { ok: false; reason: string };

const GONE: Container = { kind: 'gone' };

/** Settings in the story's `meta` map and the values they may take. */
const META_RULES: Record<string, (value: unknown) => boolean> = {
	[FINAL_NEWLINE_KEY]: (value) => typeof value === 'boolean'
};

/**
 * Checks that what an update adds to `story:<id>` fits the story schema before it is stored:
 * elements the schema has, in parents that may hold them, no deeper than `StoryLimits.maxDepth`;
 * attributes and formatting the schema defines, with values it allows (no `javascript:` link);
 * runs of text no longer than `StoryLimits.maxTextChars`; nothing in a root the story does not use.
 *
 * It reads the update's structs without applying them: each new item's parent is found from its
 * neighbours (in the doc, in accepted updates not applied yet, or in the update itself), so the
 * cost follows the size of the update, never of the story. Parents of the doc's own types are
 * cached, since a type never changes parent.
 */
export class StoryShapeGuard {
	readonly #doc: Y.Doc;
	readonly #docContainers = new WeakMap<Y.AbstractType<unknown>, Container>();
	readonly #pending = new Map<number, PendingRun[]>();

	constructor(doc: Y.Doc) {
		this.#doc = doc;
	}

	/**
	 * Whether the update's new items fit the schema; `commit` records them as accepted (call it
	 * only when the update is kept), so the next update may build on them before they are applied.
	 */
	check(structs: readonly Struct[]): ShapeCheck {
		this.#prunePending();
		const reading = new UpdateReading(structs, this);
		const refusal = reading.judge();
		if (refusal) return { ok: false, reason: refusal };
		return { ok: true, commit: () => reading.record(this.#pending) };
	}

	/** The doc's state for `client`, or the end of its accepted, unapplied items. */
	knownClock(client: number): number {
		const runs = this.#pending.get(client);
		return Math.max(Y.getState(this.#doc.store, client), runs?.at(-1)?.end ?? 0);
	}

	/** The struct holding `id` in the doc, or the pending run that does. */
	locateKnown(id: Y.ID): { struct: Y.Item | Y.GC } | { run: PendingRun } | null {
		if (id.clock < Y.getState(this.#doc.store, id.client)) {
			return { struct: Y.getItem(this.#doc.store, id) as Y.Item | Y.GC };
		}
		const runs = this.#pending.get(id.client);
		if (!runs) return null;
		const run = findRun(runs, id.clock);
		return run ? { run } : null;
	}

	/** The container a type of the doc is (cached: a type never moves). */
	containerOf(type: Y.AbstractType<unknown>): Container {
		const cached = this.#docContainers.get(type);
		if (cached) return cached;
		// Walk up to a known ancestor without recursion: a stored story may be absurdly deep.
		const chain: Y.AbstractType<unknown>[] = [];
		let current: Y.AbstractType<unknown> | null = type;
		let above: Container | null = null;
		while (current) {
			above = this.#docContainers.get(current) ?? null;
			if (above) break;
			chain.push(current);
			current = current._item ? (current._item.parent as Y.AbstractType<unknown>) : null;
		}
		for (let index = chain.length - 1; index >= 0; index--) {
			const link = chain[index]!;
			above = above === null ? this.#rootContainer(link) : typeInside(link, above);
			this.#docContainers.set(link, above);
		}
		return above!;
	}

	#rootContainer(root: Y.AbstractType<unknown>): Container {
		for (const [name, type] of this.#doc.share) if (type === root) return rootContainer(name);
		return foreign('a part the story does not have');
	}

	/** Forgets pending runs the doc now holds. */
	#prunePending(): void {
		for (const [client, runs] of this.#pending) {
			const applied = Y.getState(this.#doc.store, client);
			while (runs.length > 0 && runs[0]!.end <= applied) runs.shift();
			if (runs.length === 0) this.#pending.delete(client);
		}
	}
}

/** One update being read: its structs by client, each new item's placement once found. */
class UpdateReading {
	readonly #byClient = new Map<number, Struct[]>();
	readonly #placements = new Map<Y.Item, Placement>();
	readonly #own = new Map<Y.Item, Container>();
	readonly #newItems: Y.Item[] = [];
	readonly #textAdded = new Map<Container, number>();

	constructor(
		structs: readonly Struct[],
		private readonly guard: StoryShapeGuard
	) {
		for (const struct of structs) {
			let list = this.#byClient.get(struct.id.client);
			if (!list) this.#byClient.set(struct.id.client, (list = []));
			list.push(struct);
		}
		for (const [client, list] of this.#byClient) {
			const known = guard.knownClock(client);
			for (const struct of list) {
				if (struct instanceof Y.Item && struct.id.clock + struct.length > known) {
					this.#newItems.push(struct);
				}
			}
		}
	}

	/** The first reason the update does not fit, or null. */
	judge(): string | null {
		for (const item of this.#newItems) {
			const placement = this.#placementOf(item);
			if (typeof placement === 'string') return placement;
			const refusal = this.#judgeItem(item, placement);
			if (refusal) return refusal;
		}
		for (const [container, added] of this.#textAdded) {
			const before = container.kind === 'text' ? (container.text?.length ?? 0) : 0;
			if (before + added > StoryLimits.maxTextChars) {
				return `a run of text would be longer than ${StoryLimits.maxTextChars} characters`;
			}
		}
		return null;
	}

	/** Records the new items as accepted, for updates that build on them before they apply. */
	record(pending: Map<number, PendingRun[]>): void {
		for (const item of this.#newItems) {
			const placement = this.#placements.get(item);
			if (!placement) continue;
			let runs = pending.get(item.id.client);
			if (!runs) pending.set(item.id.client, (runs = []));
			runs.push({
				clock: item.id.clock,
				end: item.id.clock + item.length,
				placement,
				own: this.#own.get(item) ?? null
			});
		}
	}

	/**
	 * Finds where `item` goes, without recursion: an item depends on its left or right neighbour
	 * (same parent) or on the item that created its parent type, which may be in this update too.
	 */
	#placementOf(item: Y.Item): Placement | string {
		const stack: Y.Item[] = [item];
		const visiting = new Set<Y.Item>();
		while (stack.length > 0) {
			const top = stack[stack.length - 1]!;
			if (this.#placements.has(top)) {
				stack.pop();
				continue;
			}
			const step = this.#resolve(top);
			if (step instanceof Y.Item) {
				if (visiting.has(step)) return 'the update refers to itself in a circle';
				visiting.add(top);
				stack.push(step);
				continue;
			}
			this.#placements.set(top, step);
			stack.pop();
		}
		return this.#placements.get(item)!;
	}

	/** The placement of `item`, or an item of this update whose placement it needs first. */
	#resolve(item: Y.Item): Placement | Y.Item {
		const key = item.parentSub;
		if (typeof item.parent === 'string') {
			return { container: rootContainer(item.parent), key };
		}
		if (item.parent instanceof Y.ID) {
			const target = this.#locate(item.parent);
			if (target === null) return { container: foreign('a missing parent'), key };
			if ('run' in target) {
				return { container: target.run.own ?? foreign('a parent that is not a type'), key };
			}
			const parent = target.struct;
			if (!(parent instanceof Y.Item)) return { container: GONE, key };
			if (!(parent.content instanceof Y.ContentType)) {
				return { container: foreign('a parent that is not a type'), key };
			}
			if ('update' in target) {
				const placed = this.#placements.get(parent);
				if (!placed) return parent;
				return { container: this.#ownContainer(parent, placed), key };
			}
			return { container: this.guard.containerOf(parent.content.type), key };
		}
		// Typed next to a neighbour: the neighbour's parent and key (Yjs: left first, then right;
		// a collected neighbour makes Yjs discard the item).
		const left = item.origin ? this.#locate(item.origin) : null;
		const right = item.rightOrigin ? this.#locate(item.rightOrigin) : null;
		if ((item.origin && !left) || (item.rightOrigin && !right)) {
			return { container: foreign('a missing neighbour'), key };
		}
		if (isCollected(left) || isCollected(right)) return { container: GONE, key };
		const neighbour = left ?? right;
		if (!neighbour) return { container: GONE, key };
		if ('run' in neighbour) return neighbour.run.placement;
		const struct = neighbour.struct as Y.Item;
		if ('update' in neighbour) return this.#placements.get(struct) ?? struct;
		return {
			container: this.guard.containerOf(struct.parent as Y.AbstractType<unknown>),
			key: struct.parentSub
		};
	}

	/** The container the type made by `item` (a ContentType item) is. */
	#ownContainer(item: Y.Item, placement: Placement): Container {
		const cached = this.#own.get(item);
		if (cached) return cached;
		const own =
			placement.key !== null
				? foreign('a type stored as an attribute')
				: typeInside((item.content as Y.ContentType).type, placement.container, false);
		this.#own.set(item, own);
		return own;
	}

	/** The struct holding `id`: in the doc, an accepted update, or this update. */
	#locate(
		id: Y.ID
	): { struct: Y.Item | Y.GC } | { run: PendingRun } | { struct: Struct; update: true } | null {
		const known = this.guard.locateKnown(id);
		if (known) return known;
		const list = this.#byClient.get(id.client);
		const struct = list ? findStruct(list, id.clock) : null;
		return struct ? { struct, update: true } : null;
	}

	/** Why `item` does not fit where it goes, or null. */
	#judgeItem(item: Y.Item, { container, key }: Placement): string | null {
		const content = item.content;
		switch (container.kind) {
			case 'gone':
				return null;
			case 'foreign':
				return `the update writes into ${container.why}`;
			case 'meta': {
				if (key === null) return "the story's settings are named values";
				const rule = Object.hasOwn(META_RULES, key) ? META_RULES[key] : undefined;
				if (!rule) return `the story has no setting "${clip(key)}"`;
				if (content instanceof Y.ContentDeleted) return null;
				const value = singleValue(content);
				return value.ok && rule(value.value) ? null : `the setting "${key}" has a wrong value`;
			}
			case 'element': {
				if (key !== null) {
					if (container.type === docType) return 'the story itself has no attributes';
					if (content instanceof Y.ContentDeleted) {
						return Object.hasOwn(container.type.spec.attrs ?? {}, key)
							? null
							: `a ${container.type.name} has no attribute "${clip(key)}"`;
					}
					const value = singleValue(content);
					if (!value.ok) return `the ${container.type.name}'s ${clip(key)} has a wrong value`;
					return attributeRefusal(container.type, key, value.value);
				}
				if (content instanceof Y.ContentDeleted) return null;
				if (!(content instanceof Y.ContentType)) {
					return `only elements and text can be inside a ${container.type.name}`;
				}
				const type = content.type;
				if (type instanceof Y.XmlText) return textRefusal(container.type);
				if (container.depth + 1 > StoryLimits.maxDepth) {
					return `the story would be nested deeper than ${StoryLimits.maxDepth} levels`;
				}
				if (type instanceof Y.XmlElement) {
					const nodeType = elementType(type.nodeName);
					if (!nodeType) return `the story has no "${clip(type.nodeName)}" element`;
					return childRefusal(container.type, nodeType);
				}
				return `only elements and text can be inside a ${container.type.name}`;
			}
			case 'text': {
				if (key !== null) return 'a run of text has no attributes';
				if (content instanceof Y.ContentString) {
					this.#textAdded.set(
						container,
						(this.#textAdded.get(container) ?? 0) + content.str.length
					);
					return null;
				}
				if (content instanceof Y.ContentFormat) {
					return markRefusal(container.parent, content.key, content.value);
				}
				if (content instanceof Y.ContentDeleted) return null;
				return 'a run of text holds only characters and formatting';
			}
		}
	}
}

/**
 * The container a type is, given the container it sits in. `inDoc`: the type is part of the doc
 * (its text length can be read), not one just decoded from an update.
 */
function typeInside(type: Y.AbstractType<unknown>, parent: Container, inDoc = true): Container {
	if (parent.kind === 'gone') return GONE;
	if (parent.kind === 'foreign') return parent;
	if (parent.kind !== 'element') return foreign('a setting that is not a value');
	if (type instanceof Y.XmlText) {
		return {
			kind: 'text',
			parent: parent.type,
			depth: parent.depth + 1,
			text: inDoc ? type : null
		};
	}
	if (type instanceof Y.XmlElement) {
		const nodeType = elementType(type.nodeName);
		if (!nodeType) return foreign(`an unknown "${clip(type.nodeName)}" element`);
		return { kind: 'element', type: nodeType, depth: parent.depth + 1 };
	}
	return foreign('a part of the story that is not text');
}

/** The container a root type of the story doc is, by its name. */
function rootContainer(name: string): Container {
	if (name === STORY_FIELD) return { kind: 'element', type: docType, depth: 0 };
	if (name === META_MAP) return { kind: 'meta' };
	return foreign(`a part called "${clip(name)}", which stories do not have`);
}

function foreign(what: string): Container {
	return { kind: 'foreign', why: what };
}

function isCollected(found: { struct: Struct } | { run: PendingRun } | null): boolean {
	return found !== null && 'struct' in found && !(found.struct instanceof Y.Item);
}

function singleValue(content: Y.Item['content']): { ok: true; value: unknown } | { ok: false } {
	if (content instanceof Y.ContentAny && content.arr.length === 1) {
		return { ok: true, value: content.arr[0] };
	}
	return { ok: false };
}

function findRun(runs: PendingRun[], clock: number): PendingRun | null {
	let low = 0;
	let high = runs.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		const run = runs[middle]!;
		if (clock < run.clock) high = middle - 1;
		else if (clock >= run.end) low = middle + 1;
		else return run;
	}
	return null;
}

function findStruct(structs: Struct[], clock: number): Struct | null {
	let low = 0;
	let high = structs.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		const struct = structs[middle]!;
		if (clock < struct.id.clock) high = middle - 1;
		else if (clock >= struct.id.clock + struct.length) low = middle + 1;
		else return struct;
	}
	return null;
}

function clip(text: string): string {
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
