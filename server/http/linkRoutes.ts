import { z } from 'zod';
import { ROLES } from '#shared/protocol/roles';
import type { LinkService } from '../auth/LinkService';
import { publicOrigin, storyLink } from '../auth/requestTokens';
import { HttpError } from './HttpError';
import { parseInput } from './parseInput';
import { readJsonObject } from './readBody';
import { sendJson, sendNoContent } from './respond';
import type { Router } from './Router';

const newLinkRequest = z.object({
	role: z.enum(ROLES, { error: 'must be "viewer", "commenter", "editor" or "owner"' }),
	expiresAt: z.iso
		.datetime({ offset: true, error: 'must be an ISO 8601 date and time' })
		.nullable()
		.optional()
});

const linkPatchRequest = z.object({
	role: z.enum(ROLES, { error: 'must be "viewer", "commenter", "editor" or "owner"' })
});

/**
 * The owner's link API (the gate in createApiHandler already checked the owner role). Only
 * hashes of tokens are stored, so listed links come without their secret: `url` is the story's
 * address without `?token=`; the secret is in the answer that created the link, and only there.
 */
export function addLinkRoutes(router: Router, links: LinkService): void {
	const base = '/api/stories/:id/links';
	router
		.add('GET', base, ({ request, response, params }) => {
			const origin = publicOrigin(request);
			sendJson(response, 200, {
				links: links.list(params.id!).map((link) => ({
					id: link.id,
					role: link.role,
					url: storyLink(origin, params.id!),
					expiresAt: link.expiresAt
				}))
			});
		})
		.add('POST', base, async ({ request, response, params }) => {
			const { role, expiresAt } = parseInput(newLinkRequest, await readJsonObject(request));
			const expires = expiresAt ? new Date(expiresAt).toISOString() : null;
			if (expires && Date.parse(expires) <= Date.now()) {
				throw new HttpError(400, 'invalid', 'expiresAt must be in the future.');
			}
			const link = links.create(params.id!, role, expires);
			sendJson(response, 201, {
				id: link.id,
				url: storyLink(publicOrigin(request), params.id!, link.token)
			});
		})
		.add('PATCH', `${base}/:link`, async ({ request, response, params }) => {
			const { role } = parseInput(linkPatchRequest, await readJsonObject(request));
			if (!links.setRole(params.id!, params.link!, role)) {
				throw new HttpError(404, 'not_found', 'No such link.');
			}
			sendJson(response, 200, { id: params.link, role });
		})
		.add('DELETE', `${base}/:link`, ({ response, params }) => {
			if (!links.revoke(params.id!, params.link!)) {
				throw new HttpError(404, 'not_found', 'No such link.');
			}
			sendNoContent(response);
		});
}
