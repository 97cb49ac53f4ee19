import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import type { RunningServer } from './startServer';

// Requests and WebSocket upgrades from a chosen loopback address (127.0.0.2 stands for another
// person), for the per-address limits.

/** A token of the right shape that opens nothing. */
export const WRONG = 'x'.repeat(43);

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** One HTTP request from `from` (a loopback address), with a token and extra headers. */
export function call(
	server: RunningServer,
	method: string,
	path: string,
	options: { token?: string; from?: string; headers?: Record<string, string>; json?: unknown } = {}
): Promise<Answer> {
	const body = options.json === undefined ? undefined : JSON.stringify(options.json);
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			`${server.url}${path}`,
			{
				method,
				localAddress: options.from ?? '127.0.0.1',
				headers: {
					...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
					...(body ? { 'content-type': 'application/json' } : {}),
					...options.headers
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text })
				);
			}
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** The status of a WebSocket upgrade (101 when it opened; the socket is then closed). */
export function upgradeStatus(
	server: RunningServer,
	room: string,
	token: string,
	from = '127.0.0.1'
): Promise<{ status: number; retryAfter?: string }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${server.wsUrl}/${room}?token=${encodeURIComponent(token)}`, {
			localAddress: from
		});
		ws.once('open', () => {
			ws.terminate();
			resolve({ status: 101 });
		});
		ws.once('unexpected-response', (_request, response) => {
			resolve({
				status: response.statusCode ?? 0,
				retryAfter: response.headers['retry-after'] as string | undefined
			});
			response.resume();
		});
		ws.once('error', reject);
	});
}

/** A WebSocket held open from `from` until closed by the test. */
export function openSocket(
	server: RunningServer,
	room: string,
	token: string,
	from = '127.0.0.1'
): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${server.wsUrl}/${room}?token=${encodeURIComponent(token)}`, {
			localAddress: from
		});
		ws.once('open', () => resolve(ws));
		ws.once('unexpected-response', (_request, response) =>
			reject(new Error(`upgrade answered ${response.statusCode}`))
		);
		ws.once('error', reject);
	});
}

export function closed(ws: WebSocket): Promise<void> {
	return new Promise((resolve) => {
		if (ws.readyState === WebSocket.CLOSED) return resolve();
		ws.once('close', () => resolve());
		ws.close();
	});
}
