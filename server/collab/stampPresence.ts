import { colorFor, isPresenceColor } from '#shared/protocol/presenceColor';
import type { AwarenessEntry } from './messages';
import { isRemoval } from './validateAwareness';

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** What the server vouches for in a published presence: from the connection's link. */
export interface StampedIdentity {
	name: string;
	role: string;
	/** The link's author id: a colour for a state that carries no usable one is derived from it. */
	authorId: string;
}

/** For a connection without a link (tests, the dev harness): only the colour is checked. */
const ANONYMOUS = 'anonymous';

/**
 * The name and role others see are the server's, from the connection's link, never the
 * client's claim: `user.name` and `user.role` are set (or overwritten) in every state a
 * connection publishes. The rest of `user` (a per-browser id and caret colour) stays the
 * client's, except that `user.color` must be exactly `#rrggbb`: browsers paint it into a style,
 * so anything else (`red;background:url(…)`, a name, a number) is replaced by a palette colour
 * derived from the link, the same one every time.
 */
export function stampPresence(
	entry: AwarenessEntry,
	identity: StampedIdentity | null
): AwarenessEntry {
	if (isRemoval(entry.state)) return entry;
	let state: unknown;
	try {
		state = JSON.parse(utf8Decoder.decode(entry.state));
	} catch {
		return entry; // checked (and refused) with the others later
	}
	if (typeof state !== 'object' || state === null || Array.isArray(state)) return entry;
	const record = state as Record<string, unknown>;
	const claimed =
		typeof record.user === 'object' && record.user !== null && !Array.isArray(record.user)
			? (record.user as Record<string, unknown>)
			: null;
	if (!identity && (!claimed || !('color' in claimed) || isPresenceColor(claimed.color))) {
		return entry;
	}
	const user: Record<string, unknown> = { ...claimed };
	if (identity) {
		user.name = identity.name;
		user.role = identity.role;
	}
	if ('color' in user || identity) {
		user.color = isPresenceColor(user.color)
			? user.color
			: colorFor(identity?.authorId ?? ANONYMOUS);
	}
	record.user = user;
	return { ...entry, state: utf8Encoder.encode(JSON.stringify(record)) };
}
