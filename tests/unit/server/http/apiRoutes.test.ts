import { describe, expect, it } from 'vitest';
import { buildApiRouter, type ApiServices } from '../../../../server/http/apiRouter';
import { API_ROUTES } from '../../../helpers/apiRouteTable';

describe('the API route table', () => {
	it('declares every route with its policy action, exactly as listed', () => {
		// Only the declarations are read: no handler runs, so the services are never used.
		const router = buildApiRouter({} as ApiServices);
		const declared = router.routes().map(({ method, path, allow }) => [method, path, allow]);
		expect(declared).toEqual(API_ROUTES.map((route) => [...route]));
	});

	it('has no public route under a story: each of those needs a link and a role', () => {
		const open = API_ROUTES.filter(
			([, path, allow]) => path.startsWith('/api/stories/:id') && allow === 'public'
		);
		expect(open).toEqual([]);
	});
});
