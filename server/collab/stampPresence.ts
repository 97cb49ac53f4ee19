import type { AwarenessEntry } from './messages';
import { isRemoval } from './validateAwareness';

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** What the server vouches for in a published presence: from the connection's link. */
export interface StampedIdentity {
	name: string;
	role: string;
}

/**
 * The name and role others see are the server's, from the connection's link, never the
 * client's claim: `user.name` and `user.role` are set (or overwritten) in every state a
 * connection publishes. The rest of `user` (a per-browser id and caret colour) stays the client's.
 */
export function stampPresence(entry: AwarenessEntry, identity: StampedIdentity): AwarenessEntry {
	if (isRemoval(entry.state)) return entry;
	let state: unknown;
	try {
		state = JSON.parse(utf8Decoder.decode(entry.state));
	} catch {
		return entry; // checked (and refused) with the others later
	}
	if (typeof state !== 'object' || state === null || Array.isArray(state)) return entry;
	const record = state as Record<string, unknown>;
	const user =
		typeof record.user === 'object' && record.user !== null && !Array.isArray(record.user)
			? (record.user as Record<string, unknown>)
			: {};
	record.user = { ...user, name: identity.name, role: identity.role };
	return { ...entry, state: utf8Encoder.encode(JSON.stringify(record)) };
}
