/** An API answer: its status and parsed JSON body (null when empty, e.g. 204). */
export interface JsonAnswer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field they assert
	body: any;
}

/**
 * One JSON API call. A `body` object is sent as JSON; a string is sent as is (to send broken
 * JSON or an empty body).
 */
export async function callApi(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown
): Promise<JsonAnswer> {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		...(body !== undefined && {
			headers: { 'Content-Type': 'application/json' },
			body: typeof body === 'string' ? body : JSON.stringify(body)
		})
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The story's txt export as the API serves it. */
export async function exportText(baseUrl: string, id: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/stories/${id}/export?format=txt`);
	if (response.status !== 200) throw new Error(`export failed: ${response.status}`);
	return response.text();
}

/** `callApi` on a server a test file starts later (in `beforeAll`): `apiOf(() => server)`. */
export function apiOf(
	server: () => { url: string }
): (method: string, path: string, body?: unknown) => Promise<JsonAnswer> {
	return (method, path, body) => callApi(server().url, method, path, body);
}
