import { createHash } from 'node:crypto';
import { normalizeName } from '#shared/protocol/names';
import type { Role } from '#shared/protocol/roles';

/** Who opens a link made without a name: its role, as people would say it. */
const ROLE_NAMES: Record<Role, string> = {
	owner: 'Owner',
	editor: 'Editor',
	commenter: 'Commenter',
	viewer: 'Viewer'
};

/** Trims, collapses whitespace and caps the length; the role's name when nothing is left. */
export function linkName(raw: string | null | undefined, role: Role): string {
	const name = normalizeName(raw ?? '');
	return name === '' ? ROLE_NAMES[role] : name;
}

/**
 * The review author id of whoever writes through a link: derived from the link's id (not the
 * id itself, which only the owner needs), so the same link always writes as the same author,
 * from any browser and across restarts. The ADMIN_TOKEN writes as "admin".
 */
export function linkAuthorId(linkId: string | null): string {
	if (linkId === null) return 'admin';
	return `link-${createHash('sha256').update(linkId, 'utf8').digest('base64url').slice(0, 16)}`;
}
