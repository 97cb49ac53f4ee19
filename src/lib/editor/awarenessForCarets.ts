import { compareRelativePositions, RelativePosition } from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessChanges } from '../collab/watchPeople';

type Listener = (changes: AwarenessChanges, origin: unknown) => void;

/** The awareness field y-tiptap's carets plugin keeps this person's caret in. */
const CARET_FIELD = 'cursor';

/** A caret as the carets plugin writes it: two positions relative to the story's Yjs items. */
interface RelativeCaret {
	anchor: RelativePosition;
	head: RelativePosition;
}

function isRelativeCaret(value: unknown): value is RelativeCaret {
	if (typeof value !== 'object' || value === null) return false;
	const { anchor, head } = value as Partial<RelativeCaret>;
	return anchor instanceof RelativePosition && head instanceof RelativePosition;
}

function sameCaret(current: unknown, next: unknown): boolean {
	return (
		isRelativeCaret(current) &&
		isRelativeCaret(next) &&
		compareRelativePositions(current.anchor, next.anchor) &&
		compareRelativePositions(current.head, next.head)
	);
}

/**
 * The awareness as the carets plugin should see it. Two things differ from the awareness itself:
 *
 * - Its `change` events leave out those that concern only this browser's own state. The plugin
 *   draws others' carets and never this person's, yet it answers every change with a
 *   transaction that redraws the carets; and this person's caret changes on every key typed.
 *   That made each keystroke two full editor updates, the second only to draw the same carets.
 * - Writing this person's caret when it is where it already was does nothing. The plugin
 *   rewrites it after every change that arrives from someone else, even when the caret kept
 *   its place in the text; each rewrite was sent to the server and on to everyone in the story,
 *   whose editors all drew the carets again. With two people in a story, each one's keystrokes
 *   came back as the other's caret.
 *
 * Everything else is the awareness itself.
 */
export function awarenessForCarets(awareness: Awareness): Awareness {
	const filtered = new Map<Listener, Listener>();
	const concernsOthers = ({ added, updated, removed }: AwarenessChanges) =>
		[added, updated, removed].some((ids) => ids.some((id) => id !== awareness.clientID));
	const on = (name: string, listener: Listener) => {
		if (name !== 'change') return awareness.on(name, listener);
		const onlyOthers: Listener = (changes, origin) => {
			if (concernsOthers(changes)) listener(changes, origin);
		};
		filtered.set(listener, onlyOthers);
		awareness.on(name, onlyOthers);
	};
	const off = (name: string, listener: Listener) => {
		const registered = (name === 'change' && filtered.get(listener)) || listener;
		filtered.delete(listener);
		awareness.off(name, registered);
	};
	const setLocalStateField = (field: string, value: unknown) => {
		const current: unknown = awareness.getLocalState()?.[field];
		if (field === CARET_FIELD && sameCaret(current, value)) return;
		awareness.setLocalStateField(field, value);
	};
	return new Proxy(awareness, {
		get(target, property) {
			if (property === 'on') return on;
			if (property === 'off') return off;
			if (property === 'setLocalStateField') return setLocalStateField;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
