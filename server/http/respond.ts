import type { ApiErrorBody } from '#shared/api/types';
import type { ServerResponse } from 'node:http';

/** Headers every API answer carries: nothing is sniffed, cached or framed. */
const API_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Cache-Control': 'no-store'
} as const;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const payload = JSON.stringify(body);
	response.writeHead(status, {
		...API_HEADERS,
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload)
	});
	response.end(payload);
}

export function sendError(
	response: ServerResponse,
	status: number,
	code: string,
	message: string
): void {
	if (response.headersSent) {
		response.destroy();
		return;
	}
	sendJson(response, status, { error: { code, message } } satisfies ApiErrorBody);
}

export function sendNoContent(response: ServerResponse): void {
	response.writeHead(204, API_HEADERS);
	response.end();
}

/** Sends a download; `filename` must already be safe (see attachmentFilename). */
export function sendDownload(
	response: ServerResponse,
	body: string | Uint8Array,
	contentType: string,
	disposition: string,
	extraHeaders: Record<string, string> = {}
): void {
	const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	response.writeHead(200, {
		...API_HEADERS,
		...extraHeaders,
		'Content-Type': contentType,
		'Content-Disposition': disposition,
		'Content-Length': payload.byteLength
	});
	response.end(payload);
}
