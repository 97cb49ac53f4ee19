import { normalizeName } from '#shared/protocol/names';

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

/**
 * Colours dark enough for white label text and distinct from one another on warm paper.
 * Chosen by hand rather than generated so no two neighbours look alike.
 */
const PALETTE = [
	'#b4462f',
	'#2f6f9f',
	'#4f7d38',
	'#8a4fa3',
	'#b06a12',
	'#1f7a72',
	'#a83e6c',
	'#52609e'
] as const;

function randomId(): string {
	// getRandomValues works in insecure contexts too (randomUUID does not), e.g. a LAN address.
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

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
	const created = randomId();
	writeStorage(ID_KEY, created);
	return created;
}

/** A stable palette colour for an id (FNV-1a hash, so similar ids still spread out). */
export function colorFor(id: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < id.length; index++) {
		hash ^= id.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return PALETTE[(hash >>> 0) % PALETTE.length] ?? PALETTE[0];
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
