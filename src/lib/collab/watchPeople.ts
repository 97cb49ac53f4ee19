import type { Awareness } from 'y-protocols/awareness';

/** What an awareness `change` (or `update`) event says changed: client ids. */
export interface AwarenessChanges {
	added: number[];
	updated: number[];
	removed: number[];
}

/**
 * Calls `onChange` when someone joins or leaves the story, or changes who they say they are
 * (their `user`: name, colour, role), and not when only a caret moved. Every key typed moves
 * this person's caret, and the list of people was rebuilt and redrawn each time.
 */
export function watchPeople(awareness: Awareness, onChange: () => void): () => void {
	const users = new Map<number, string>();
	const userOf = (clientId: number) => JSON.stringify(awareness.getStates().get(clientId)?.user);
	for (const clientId of awareness.getStates().keys()) users.set(clientId, userOf(clientId));
	const listener = ({ added, updated, removed }: AwarenessChanges) => {
		let changed = added.length > 0 || removed.length > 0;
		for (const clientId of removed) users.delete(clientId);
		for (const clientId of [...added, ...updated]) {
			const user = userOf(clientId);
			if (users.get(clientId) !== user) changed = true;
			users.set(clientId, user);
		}
		if (changed) onChange();
	};
	awareness.on('change', listener);
	return () => awareness.off('change', listener);
}
