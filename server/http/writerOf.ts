import type { Author } from '#shared/review/types';
import { heldToOwnWork } from '#shared/protocol/policy';
import type { Access } from '../auth/Access';
import { authorFromName, API_AUTHOR_NAME } from '../review/apiAuthor';
import { HttpError } from './HttpError';

/**
 * Who writes a comment, reply, suggestion or decision made through the API. The token's link
 * says it: a commenter writes as the link's name, and naming anyone else is refused (403), as
 * it would be on the WebSocket. Editors and owners may already rewrite anything in the notes,
 * so a script of theirs may sign as a bot or a colleague; left out, it is the link's name.
 */
export function writerOf(access: Access | null, claimed: Author | undefined): Author {
	if (!access) return claimed ?? authorFromName(API_AUTHOR_NAME);
	const self: Author = { id: access.authorId, name: access.name };
	if (!heldToOwnWork(access.role)) return claimed ?? self;
	if (claimed && (claimed.name !== self.name || (claimed.id !== self.id && !isDerived(claimed)))) {
		throw new HttpError(
			403,
			'forbidden',
			`This link writes as “${self.name}”: leave "author" out or give that name.`
		);
	}
	return self;
}

/** An author the request named without an id (the schema derived one from the name). */
function isDerived(author: Author): boolean {
	return author.id === authorFromName(author.name).id;
}
