import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessChanges } from '../collab/watchPeople';

type Listener = (changes: AwarenessChanges, origin: unknown) => void;

/**
 * The awareness as the carets plugin should see it: its `change` events leave out those that
 * concern only this browser's own state. The plugin draws others' carets and never this
 * person's, yet it answers every change with a transaction that redraws the carets; and this
 * person's caret changes on every key typed. That made each keystroke two full editor updates,
 * the second only to draw the same carets again. Everything else is the awareness itself.
 */
export function othersOnlyAwareness(awareness: Awareness): Awareness {
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
	return new Proxy(awareness, {
		get(target, property) {
			if (property === 'on') return on;
			if (property === 'off') return off;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
