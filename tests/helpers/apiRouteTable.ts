import type { Action } from '#shared/protocol/policy';

/**
 * Every API route and what it allows, as the policy should read. The route table test compares
 * the router's declared routes with this list, so a route added anywhere without being listed
 * here (with its action) fails it; the role matrix test calls each with every role.
 */
export const API_ROUTES: ReadonlyArray<
	readonly [method: string, path: string, allow: Action | 'public']
> = [
	['GET', '/healthz', 'public'],
	['POST', '/api/stories', 'public'],
	['GET', '/api/stories', 'public'],
	['GET', '/api/stories/:id', 'story.read'],
	['PATCH', '/api/stories/:id', 'story.rename'],
	['DELETE', '/api/stories/:id', 'story.delete'],
	['GET', '/api/stories/:id/export', 'story.read'],
	['GET', '/api/stories/:id/links', 'links.manage'],
	['POST', '/api/stories/:id/links', 'links.manage'],
	['PATCH', '/api/stories/:id/links/:link', 'links.manage'],
	['DELETE', '/api/stories/:id/links/:link', 'links.manage'],
	['GET', '/api/stories/:id/comments', 'review.read'],
	['POST', '/api/stories/:id/comments', 'review.write'],
	['GET', '/api/stories/:id/comments/:thread', 'review.read'],
	['PATCH', '/api/stories/:id/comments/:thread', 'review.resolve'],
	['DELETE', '/api/stories/:id/comments/:thread', 'review.delete'],
	['POST', '/api/stories/:id/comments/:thread/replies', 'review.write'],
	['GET', '/api/stories/:id/suggestions', 'review.read'],
	['POST', '/api/stories/:id/suggestions', 'review.write'],
	['GET', '/api/stories/:id/suggestions/:suggestion', 'review.read'],
	['DELETE', '/api/stories/:id/suggestions/:suggestion', 'review.delete'],
	['POST', '/api/stories/:id/suggestions/:suggestion/accept', 'review.decide'],
	['POST', '/api/stories/:id/suggestions/:suggestion/reject', 'review.decide'],
	['GET', '/api/stories/:id/proofread', 'story.read'],
	['GET', '/api/proofing/dictionaries/:locale/:file', 'public'],
	['GET', '/api/stories/:id/versions', 'story.read'],
	['POST', '/api/stories/:id/versions', 'history.name'],
	['GET', '/api/stories/:id/versions/:version', 'story.read'],
	['PATCH', '/api/stories/:id/versions/:version', 'history.name'],
	['POST', '/api/stories/:id/versions/:version/restore', 'text.write'],
	['GET', '/api/stories/:id/diff', 'story.read'],
	['GET', '/api/stories/:id/authorship', 'story.read']
];
