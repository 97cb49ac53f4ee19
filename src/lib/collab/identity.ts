import { newId } from '#shared/ids';
import { normalizeName } from '#shared/protocol/names';
import { colorFor } from '#shared/protocol/presenceColor';

export { colorFor };

/**
 * Who is at this browser: a stable random id (it tells two tabs of one person from two people on
 * one link), the name their link gives them, and a colour derived from the id so a person keeps
 * the same colour on every story and every visit.
 */

/** What other people see of you: in the presence list and on your caret. */
export interface CollabUser {
	/** Per-browser id, stable across visits (kept in localStorage). */
	id: string;
	/** As the link names them; the server stamps it over whatever a client says. */
	name: string;
	/** `#rrggbb`: the caret extension ignores any other colour format. */
	color: string;
}

const ID_KEY = 'galley:person-id';

function readStorage(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null;
	}
}

function writeStorage(key: string, value: string): void {
	try {
		localStorage.setItem(key, value);
	} catch {
		// Private mode or storage full: the name simply won't be remembered.
	}
}

/** The per-browser id, created on first use. */
export function personId(): string {
	const existing = readStorage(ID_KEY);
	if (existing) return existing;
	const created = newId();
	writeStorage(ID_KEY, created);
	return created;
}

/** One or two letters for an avatar: "Ada Lovelace" → "AL", "bob" → "B". */
export function initials(name: string): string {
	const words = normalizeName(name).split(' ').filter(Boolean);
	const first = words[0]?.[0] ?? '?';
	const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
	return (first + last).toUpperCase();
}

/** Builds the user record for a name on this browser. */
export function currentUser(name: string): CollabUser {
	const id = personId();
	return { id, name: normalizeName(name), color: colorFor(id) };
}
