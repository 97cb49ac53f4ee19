import type { LinkListResponse, LinkPatchResponse, NewLinkResponse } from '#shared/api/types';
import { z } from 'zod';
import { ROLES } from '#shared/protocol/roles';
import type { LinkRefusal, LinkService } from '../auth/LinkService';
import { MAX_NAME_LENGTH } from '#shared/protocol/names';
import { publicOrigin, storyLink } from '../auth/requestTokens';
import { HttpError } from './HttpError';
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
 * The owner's link API (every route needs `links.manage`: the owner role). Only
 * hashes of tokens are stored, so listed links come without their secret: `url` is the story's
 * address without `?token=`; the secret is in the answer that created the link, and only there.
 */
export function addLinkRoutes(router: Router, links: LinkService): void {
	const base = '/api/stories/:id/links' as const;
	router
		.add('GET', base, { allow: 'links.manage' }, async ({ request, response, params, access }) => {
			const origin = publicOrigin(request);
			sendJson(response, 200, {
				links: (await links.list(params.id)).map((link) => ({
					id: link.id,
					role: link.role,
					name: link.name,
					url: storyLink(origin, params.id),
					expiresAt: link.expiresAt,
					// The link this request came with: the owner sees which one is theirs.
					...(link.id === access?.linkId && { you: true })
				}))
			} satisfies LinkListResponse);
		})
		.add('POST', base, { allow: 'links.manage', body: newLinkRequest }, async (context) => {
			const { request, response, params, body: input } = context;
			const { role, expiresAt } = input;
			const expires = expiresAt ? new Date(expiresAt).toISOString() : null;
			if (expires && Date.parse(expires) <= Date.now()) {
				throw new HttpError(400, 'invalid', 'expiresAt must be in the future.');
			}
			const link = await links.create(params.id, role, expires, input.name ?? null);
			sendJson(response, 201, {
				id: link.id,
				name: link.name,
				url: storyLink(publicOrigin(request), params.id, link.token)
			} satisfies NewLinkResponse);
		})
		.add(
			'PATCH',
			`${base}/:link` as const,
			{ allow: 'links.manage', body: linkPatchRequest },
			async ({ response, params, body: patch }) => {
				const link = await links.update(params.id, params.link, patch);
				if (typeof link === 'string') throw refusal(link, 'downgrade');
				sendJson(response, 200, {
					id: link.id,
					role: link.role,
					name: link.name
				} satisfies LinkPatchResponse);
			}
		)
		.add(
			'DELETE',
			`${base}/:link` as const,
			{ allow: 'links.manage' },
			async ({ response, params }) => {
				const refused = await links.revoke(params.id, params.link);
				if (refused) throw refusal(refused, 'revoke');
				sendNoContent(response);
			}
		);
}

/**
 * 404 for no such working link; 409 for the story's last owner link (the store checks the
 * last-owner rule in the same transaction as the change, see StoryCatalog.revokeLink).
 */
function refusal(reason: LinkRefusal, action: 'revoke' | 'downgrade'): HttpError {
	if (reason === 'not-found') return new HttpError(404, 'not_found', 'No such link.');
	return new HttpError(
		409,
		'last_owner',
		`This is the story's only owner link: make another owner link before you ${action} it.`
	);
}
