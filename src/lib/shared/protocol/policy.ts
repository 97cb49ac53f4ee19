import { roleAtLeast, type Role } from './roles';
import type { RoomKind } from './rooms';

/**
 * Who may do what: every rule about roles, in one place, for the HTTP API (each route declares
 * its action), the WebSocket rooms, the CLI and the browser (which offers only what is allowed;
 * the server enforces the same table).
 *
 * Each action needs its role or above:
 * - viewer: read the story and its review notes, export, proofread;
 * - commenter: + comment, reply, suggest, add to the dictionary, resolve their own threads —
 *   always as themselves (see heldToOwnWork);
 * - editor: + edit the text (and restore a version), name versions, accept or reject
 *   suggestions, resolve any thread, delete, and write on behalf of others (a script signing as
 *   a bot);
 * - owner: + rename and delete the story, make and revoke links.
 */
export const ACTION_ROLES = {
	'story.read': 'viewer',
	'story.rename': 'owner',
	'story.delete': 'owner',
	'links.manage': 'owner',
	'review.read': 'viewer',
	'review.write': 'commenter',
	'review.resolve': 'commenter',
	'review.delete': 'editor',
	'review.decide': 'editor',
	'review.forOthers': 'editor',
	'text.write': 'editor',
	'history.name': 'editor',
	'notes.write': 'commenter'
} as const satisfies Record<string, Role>;

export type Action = keyof typeof ACTION_ROLES;

export function may(role: Role, action: Action): boolean {
	return roleAtLeast(role, ACTION_ROLES[action]);
}

/** Writing a room: the text needs `text.write`, the notes `notes.write`. */
export function canWriteRoom(role: Role, kind: RoomKind): boolean {
	return may(role, kind === 'story' ? 'text.write' : 'notes.write');
}

/**
 * A commenter is held to their own work: everything they add carries their link's author,
 * and they change or remove only what is theirs. Editors and owners may change anything.
 */
export function heldToOwnWork(role: Role): boolean {
	return !may(role, 'review.forOthers');
}

/** A thread is whoever started it: its first message's author (undefined for an empty one). */
export function threadStarter(thread: { messages: ReadonlyArray<{ author: { id: string } }> }) {
	return thread.messages[0]?.author.id;
}

/** Resolving, reopening or re-anchoring a thread: its starter, or anyone not held to their own work. */
export function mayChangeThread(
	actor: { role: Role; authorId: string },
	thread: { messages: ReadonlyArray<{ author: { id: string } }> }
): boolean {
	if (!heldToOwnWork(actor.role)) return true;
	const starter = threadStarter(thread);
	return starter !== undefined && starter === actor.authorId;
}

/**
 * A story must keep a working owner link: without one nobody could share, rename or delete it
 * again (its secret exists only in the browsers it was given to). True when revoking or
 * downgrading `linkId` would leave none.
 */
export function isLastOwnerLink(
	links: ReadonlyArray<{ id: string; role: Role }>,
	linkId: string
): boolean {
	const owners = links.filter((link) => link.role === 'owner');
	return owners.length === 1 && owners[0]!.id === linkId;
}
