/** A failure the client caused or may act on; anything else becomes a generic 500. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'HttpError';
	}
}

export const notFound = (what = 'Not found.') => new HttpError(404, 'not_found', what);
export const badRequest = (message: string, code = 'bad_request') =>
	new HttpError(400, code, message);
