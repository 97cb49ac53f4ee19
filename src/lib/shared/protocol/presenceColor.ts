/**
 * Presence colours: what a caret, a selection wash and a presence chip may be painted with.
 * Awareness states are written by clients, so a colour is data to check, never CSS to paste:
 * only `#rrggbb` is ever accepted (the server replaces anything else, the browser draws anything
 * else in a colour of its own).
 */

/**
 * Colours dark enough for white label text and distinct from one another on warm paper.
 * Chosen by hand rather than generated so no two neighbours look alike.
 */
export const PRESENCE_PALETTE = [
	'#b4462f',
	'#2f6f9f',
	'#4f7d38',
	'#8a4fa3',
	'#b06a12',
	'#1f7a72',
	'#a83e6c',
	'#52609e'
] as const;

/** The caret colour when a state carries none we would draw. */
export const NEUTRAL_PRESENCE_COLOR = '#776b5e';

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** True for exactly `#rrggbb`: nothing else may reach a style. */
export function isPresenceColor(value: unknown): value is string {
	return typeof value === 'string' && HEX_COLOR.test(value);
}

/** A stable palette colour for an id (FNV-1a hash, so similar ids still spread out). */
export function colorFor(id: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < id.length; index++) {
		hash ^= id.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return PRESENCE_PALETTE[(hash >>> 0) % PRESENCE_PALETTE.length] ?? PRESENCE_PALETTE[0];
}

/** `value` when it is a `#rrggbb` colour, else `fallback`. */
export function presenceColor(value: unknown, fallback = NEUTRAL_PRESENCE_COLOR): string {
	return isPresenceColor(value) ? value : fallback;
}
