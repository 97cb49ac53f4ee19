import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { may } from '#shared/protocol/policy';
import { ROLES } from '#shared/protocol/roles';
import { API_ROUTES } from '../helpers/apiRouteTable';
import { tokenFor } from '../helpers/links';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory } from '../helpers/stories';
import { api } from '../helpers/apiClient';

// Every route under a story, called with each role's link: 403 exactly when the policy says the
// role may not, and never 401 for a working link. The calls are harmless where allowed (missing
// threads, suggestions and links answer 404; empty bodies answer 400), except deleting the story,
// which runs on a story of its own, lowest role first.

let server: RunningServer;
let storyId: string;
let doomedId: string;

beforeAll(async () => {
	server = await startServer();
	storyId = await createStory(server.url, 'Roles', 'The harbour was quiet.\n');
	doomedId = await createStory(server.url, 'To delete', 'Gone soon.\n');
});

afterAll(() => server?.dispose());

const storyRoutes = API_ROUTES.filter(([, path]) => path.startsWith('/api/stories/:id'));

function call(method: string, path: string, story: string, token: string) {
	const url = path
		.replace(':id', story)
		.replace(':thread', 'no-such-thread')
		.replace(':suggestion', 'no-such-suggestion')
		.replace(':link', 'no-such-link')
		.replace(':version', 'nosuchversion');
	const hasBody = method === 'POST' || method === 'PATCH';
	return api(server)
		.as(token)
		.raw(`${url}${path.endsWith('/export') ? '?format=txt' : ''}`, {
			method,
			...(hasBody && { headers: { 'content-type': 'application/json' }, body: '{}' })
		});
}

describe('every story route × every role', () => {
	it.each(storyRoutes.map(([method, path, allow]) => ({ method, path, allow })))(
		'$method $path needs $allow',
		async ({ method, path, allow }) => {
			if (allow === 'public') throw new Error(`${method} ${path} is public under a story`);
			const story = method === 'DELETE' && path === '/api/stories/:id' ? doomedId : storyId;
			for (const role of ROLES) {
				const response = await call(method, path, story, tokenFor(story, role));
				const body = await response.text();
				if (may(role, allow)) {
					expect([401, 403], `${role}: ${response.status} ${body}`).not.toContain(response.status);
				} else {
					expect(response.status, `${role}: ${body}`).toBe(403);
					expect(JSON.parse(body).error.code).toBe('forbidden');
				}
			}
		}
	);
});
