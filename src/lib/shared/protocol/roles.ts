import type { RoomKind } from './rooms';

/**
 * What a share link lets its holder do, lowest first. Each role may do everything the ones
 * before it may:
 * - viewer: read the story and its review notes, export;
 * - commenter: + comment, reply, suggest, add to the story's dictionary (always suggesting);
 * - editor: + edit the text, accept/reject suggestions, resolve any thread, delete;
 * - owner: + rename and delete the story, make and revoke links.
 */
export const ROLES = ['viewer', 'commenter', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `minimum` or above. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
	return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** The lowest role that may write each room: the text needs an editor, the notes a commenter. */
export const WRITE_ROLE: Record<RoomKind, Role> = { story: 'editor', notes: 'commenter' };

export function canWriteRoom(role: Role, kind: RoomKind): boolean {
	return roleAtLeast(role, WRITE_ROLE[kind]);
}

/** What the UI offers for a role (the server enforces the same rules). */
export function permissionsOf(role: Role) {
	return {
		editText: roleAtLeast(role, 'editor'),
		comment: roleAtLeast(role, 'commenter'),
		suggest: roleAtLeast(role, 'commenter'),
		decide: roleAtLeast(role, 'editor'),
		manageLinks: role === 'owner'
	};
}
