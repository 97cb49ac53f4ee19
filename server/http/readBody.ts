import { formatBytes } from '#shared/formatBytes';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './HttpError';

export const tooLarge = (limit: number) =>
	new HttpError(413, 'too_large', `The request is larger than the limit of ${formatBytes(limit)}.`);

/** Reads a whole request body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(request.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) {
		request.resume();
		throw tooLarge(limit);
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		size += buffer.byteLength;
		if (size > limit) {
			request.resume();
			throw tooLarge(limit);
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks, size);
}

/** Reads and parses a small JSON body (400 on anything that is not a JSON object). */
export async function readJsonObject(
	request: IncomingMessage,
	limit = 64 * 1024
): Promise<Record<string, unknown>> {
	return parseJsonObject(await readBody(request, limit));
}

/** Like `readJsonObject`, but an empty body is an empty object (for bodies whose fields are all optional). */
export async function readOptionalJsonObject(
	request: IncomingMessage,
	limit = 64 * 1024
): Promise<Record<string, unknown>> {
	const body = await readBody(request, limit);
	return body.toString('utf8').trim() === '' ? {} : parseJsonObject(body);
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(body.toString('utf8'));
	} catch {
		throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new HttpError(400, 'invalid_json', 'The request body must be a JSON object.');
	}
	return value as Record<string, unknown>;
}
