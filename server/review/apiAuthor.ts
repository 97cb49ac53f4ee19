import { createHash } from 'node:crypto';
import type { Author } from '#shared/review/types';

/** Who decides a suggestion when the request names nobody. */
export const API_AUTHOR_NAME = 'API';

/**
 * The author of something written through the API when only a display name is given. Browsers
 * have a per-browser id; a script has none, so the id is derived from the name: the same name
 * always gets the same id (its messages group together, it may edit them like a browser could),
 * and the `api-` prefix keeps it apart from browser ids.
 */
export function authorFromName(name: string): Author {
	const trimmed = name.trim();
	const hash = createHash('sha256').update(trimmed, 'utf8').digest('base64url').slice(0, 16);
	return { id: `api-${hash}`, name: trimmed };
}
