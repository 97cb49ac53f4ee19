import { z } from 'zod';
import { ROLES } from '#shared/protocol/roles';
import type { LinkService } from '../auth/LinkService';
import { MAX_NAME_LENGTH } from '#shared/protocol/names';
import { publicOrigin, storyLink } from '../auth/requestTokens';
import { HttpError } from './HttpError';
import { parseInput } from './parseInput';
import { readJsonObject } from './readBody';
import { sendJson, sendNoContent } from './respond';
import type { Router } from './Router';

const role = z.enum(ROLES, { error: 'must be "viewer", "commenter", "editor" or "owner"' });

/** Who the link is for: the name everyone sees of whoever opens it. */
const name = z
	.string({ error: 'must be a string' })
	.trim()
	.max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
	.refine((value) => !/\p{Cc}/u.test(value), 'cannot contain control characters');

const newLinkRequest = z.object({
	role,
	name: name.optional(),
	expiresAt: z.iso
		.datetime({ offset: true, error: 'must be an ISO 8601 date and time' })
		.nullable()
		.optional()
});

const linkPatchRequest = z
	.object({ role: role.optional(), name: name.optional() })
	.refine((patch) => patch.role !== undefined || patch.name !== undefined, {
		error: 'give "role", "name" or both'
	});

/**
 * The owner's link API (the gate in createApiHandler already checked the owner role). Only
 * hashes of tokens are stored, so listed links come without their secret: `url` is the story's
 * address without `?token=`; the secret is in the answer that created the link, and only there.
 */
export function addLinkRoutes(router: Router, links: LinkService): void {
	const base = '/api/stories/:id/links';
	router
		.add('GET', base, ({ request, response, params, access }) => {
			const origin = publicOrigin(request);
			sendJson(response, 200, {
				links: links.list(params.id!).map((link) => ({
					id: link.id,
					role: link.role,
					name: link.name,
					url: storyLink(origin, params.id!),
					expiresAt: link.expiresAt,
					// The link this request came with: the owner sees which one is theirs.
					...(link.id === access?.linkId && { you: true })
				}))
			});
		})
		.add('POST', base, async ({ request, response, params }) => {
			const input = parseInput(newLinkRequest, await readJsonObject(request));
			const { role, expiresAt } = input;
			const expires = expiresAt ? new Date(expiresAt).toISOString() : null;
			if (expires && Date.parse(expires) <= Date.now()) {
				throw new HttpError(400, 'invalid', 'expiresAt must be in the future.');
			}
			const link = links.create(params.id!, role, expires, input.name ?? null);
			sendJson(response, 201, {
				id: link.id,
				name: link.name,
				url: storyLink(publicOrigin(request), params.id!, link.token)
			});
		})
		.add('PATCH', `${base}/:link`, async ({ request, response, params }) => {
			const patch = parseInput(linkPatchRequest, await readJsonObject(request));
			if (patch.role !== undefined && patch.role !== 'owner') {
				refuseLastOwner(links, params.id!, params.link!, 'downgrade');
			}
			const link = links.update(params.id!, params.link!, patch);
			if (!link) throw new HttpError(404, 'not_found', 'No such link.');
			sendJson(response, 200, { id: link.id, role: link.role, name: link.name });
		})
		.add('DELETE', `${base}/:link`, ({ response, params }) => {
			refuseLastOwner(links, params.id!, params.link!, 'revoke');
			if (!links.revoke(params.id!, params.link!)) {
				throw new HttpError(404, 'not_found', 'No such link.');
			}
			sendNoContent(response);
		});
}

/**
 * A story must keep a working owner link: without one nobody could share, rename or delete it
 * again (its secret exists only in the browsers it was given to). 409 when `linkId` is the last.
 */
function refuseLastOwner(
	links: LinkService,
	storyId: string,
	linkId: string,
	action: 'revoke' | 'downgrade'
): void {
	const owners = links.list(storyId).filter((link) => link.role === 'owner');
	if (owners.length === 1 && owners[0]!.id === linkId) {
		throw new HttpError(
			409,
			'last_owner',
			`This is the story's only owner link: make another owner link before you ${action} it.`
		);
	}
}
