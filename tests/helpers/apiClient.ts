// The HTTP API as a test calls it: always saying whose link it calls with. `api(server)` picks the
// server; `.as(token)` sends `Authorization: Bearer <token>`, `.holding(tokens)` sends the
// library's `X-Galley-Tokens` list, and `.anonymous()` sends no credentials at all. So a test
// reads as what it does: `api(server).as(ownerOf(id)).delete(`/api/stories/${id}`)`.

/** A server (anything with a `url`) or its base URL. */
export type ApiTarget = string | { url: string };

/** An API answer: status, headers, and body (parsed JSON when JSON, text otherwise, null when empty). */
export interface ApiAnswer {
	status: number;
	headers: Headers;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field they assert
	body: any;
}

/** Calls with one set of credentials (or none). */
export interface ApiCaller {
	get(path: string): Promise<ApiAnswer>;
	/** A `json` object is sent as JSON; a string is sent as is (to send broken JSON or an empty body). */
	post(path: string, json?: unknown): Promise<ApiAnswer>;
	patch(path: string, json?: unknown): Promise<ApiAnswer>;
	delete(path: string): Promise<ApiAnswer>;
	/** Any method (e.g. one the API does not have). */
	request(method: string, path: string, json?: unknown): Promise<ApiAnswer>;
	/** The plain `Response` of a request with these credentials (for bytes, forms or ETags). */
	raw(path: string, init?: RequestInit): Promise<Response>;
	/** The body of a GET as text; throws unless it answers 200. */
	text(path: string): Promise<string>;
}

export interface Api {
	/** Calls with a share link's token (or ADMIN_TOKEN) as `Authorization: Bearer`. */
	as(token: string): ApiCaller;
	/** Calls with the tokens a browser's library holds (`X-Galley-Tokens`). */
	holding(tokens: readonly string[]): ApiCaller;
	/** Calls with no credentials at all. */
	anonymous(): ApiCaller;
}

export function baseUrlOf(target: ApiTarget): string {
	return typeof target === 'string' ? target : target.url;
}

export function api(target: ApiTarget): Api {
	return {
		as: (token) => caller(target, { authorization: `Bearer ${token}` }),
		holding: (tokens) => caller(target, { 'x-galley-tokens': tokens.join(',') }),
		anonymous: () => caller(target, {})
	};
}

function caller(target: ApiTarget, credentials: Record<string, string>): ApiCaller {
	const raw = (path: string, init: RequestInit = {}) => {
		const headers = new Headers(init.headers);
		for (const [name, value] of Object.entries(credentials)) headers.set(name, value);
		return fetch(`${baseUrlOf(target)}${path}`, { ...init, headers });
	};
	const request = async (method: string, path: string, json?: unknown): Promise<ApiAnswer> => {
		const response = await raw(path, {
			method,
			...(json !== undefined && {
				headers: { 'content-type': 'application/json' },
				body: typeof json === 'string' ? json : JSON.stringify(json)
			})
		});
		const text = await response.text();
		const isJson = response.headers.get('content-type')?.includes('json');
		return {
			status: response.status,
			headers: response.headers,
			body: !text ? null : isJson ? JSON.parse(text) : text
		};
	};
	return {
		get: (path) => request('GET', path),
		post: (path, json) => request('POST', path, json),
		patch: (path, json) => request('PATCH', path, json),
		delete: (path) => request('DELETE', path),
		request,
		raw,
		async text(path) {
			const response = await raw(path);
			if (response.status !== 200) {
				throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
			}
			return response.text();
		}
	};
}
