import { connect } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { storyRoom } from '#shared/protocol/rooms';
import { BENCH_ADMIN_TOKEN } from '../collab/servers.ts';
import type { IsolationServer } from './isolationServer.ts';

/** What an attack needs: the server, and a story of its own to aim at. */
export interface AttackContext {
	server: IsolationServer;
	/** A story of about 9.8 MB of text (the export attack's target). */
	bigStoryId: string;
	/** A small story with a commenter link and a revoked editor link. */
	smallStoryId: string;
	commenterToken: string;
	revokedToken: string;
}

export interface Attack {
	name: string;
	/** Runs the attack; resolves with a one-line summary of the server's answers. */
	run(context: AttackContext): Promise<string>;
}

const admin = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };

/** Imports `text` as a file named `name`; the status and error code of the answer. */
export async function importFile(
	server: IsolationServer,
	name: string,
	text: string
): Promise<{ status: number; code: string; id?: string }> {
	const form = new FormData();
	form.append('file', new Blob([text], { type: 'text/plain' }), name);
	const response = await fetch(`${server.url}/api/stories`, {
		method: 'POST',
		headers: admin,
		body: form
	});
	const body = (await response.json()) as {
		stories?: Array<{ id: string }>;
		error?: { code: string };
	};
	return { status: response.status, code: body.error?.code ?? 'ok', id: body.stories?.[0]?.id };
}

/** "201 ×3, 429 ×7": how many answers of each kind. */
function tally(answers: Array<string | number>): string {
	const counts = new Map<string, number>();
	for (const answer of answers) counts.set(String(answer), (counts.get(String(answer)) ?? 0) + 1);
	return [...counts].map(([answer, count]) => `${answer} ×${count}`).join(', ');
}

/** Runs `task` for 0…count-1, `parallel` at a time, until done or `budgetMs` is spent. */
async function flood<T>(
	count: number,
	parallel: number,
	budgetMs: number,
	task: (index: number) => Promise<T>
): Promise<T[]> {
	const results: T[] = [];
	const until = performance.now() + budgetMs;
	let next = 0;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < count && performance.now() < until) results.push(await task(next++));
		})
	);
	return results;
}

function importAttack(name: string, file: string, text: () => string): Attack {
	return {
		name,
		async run({ server }) {
			const answer = await importFile(server, file, text());
			return `${answer.status} ${answer.code}`;
		}
	};
}

// In this order: the wrong-token flood leaves the address throttled (429 at the door, which a
// stock client retries), so the revoked-link tabs go before it.
export const ATTACKS: Attack[] = [
	importAttack('Markdown "*" × 50,000 + "a"', 'stars.md', () => '*'.repeat(50_000) + 'a'),
	importAttack('Markdown "*" × 20,000 + "a"', 'stars.md', () => '*'.repeat(20_000) + 'a'),
	importAttack('Markdown of 200,000 URLs', 'urls.md', () =>
		'https://example.org/a '.repeat(200_000)
	),
	importAttack('Markdown of 100,000 ">"', 'quotes.md', () => '>'.repeat(100_000) + ' x\n'),
	importAttack(
		'Markdown table of 4.8 MB',
		'table.md',
		() => '| a | b |\n|---|---|\n' + '| x | y |\n'.repeat(530_000)
	),
	importAttack('1,000,000 one-character lines (2 MB)', 'lines.txt', () => 'a\n'.repeat(1_000_000)),
	importAttack(
		'HTML 10,000 deep <blockquote><div>',
		'deep.html',
		() => `<html><body>${'<blockquote><div>'.repeat(10_000)}x</body></html>`
	),
	{
		name: '50 concurrent exports of a 9.8 MB story',
		async run({ server, bigStoryId }) {
			const answers = await Promise.all(
				Array.from({ length: 50 }, async () => {
					const response = await fetch(
						`${server.url}/api/stories/${bigStoryId}/export?format=docx`,
						{ headers: admin }
					);
					await response.arrayBuffer();
					return response.status;
				})
			);
			return tally(answers);
		}
	},
	{
		name: '1,900 comments in 20 s from one commenter link',
		async run({ server, smallStoryId, commenterToken }) {
			const answers = await flood(1_900, 10, 20_000, async (index) => {
				const response = await fetch(`${server.url}/api/stories/${smallStoryId}/comments`, {
					method: 'POST',
					headers: {
						authorization: `Bearer ${commenterToken}`,
						'content-type': 'application/json'
					},
					body: JSON.stringify({ start: 0, end: 4, body: `Flood ${index}` })
				});
				await response.arrayBuffer();
				return response.status;
			});
			return tally(answers);
		}
	},
	{
		name: '6,667 WebSockets from one address',
		async run({ server, smallStoryId }) {
			const open: WebSocket[] = [];
			const answers = await flood(
				6_667,
				50,
				30_000,
				(index) =>
					new Promise<string>((resolve) => {
						const room = storyRoom(smallStoryId);
						const ws = new WebSocket(`${server.wsUrl}/${room}?token=${BENCH_ADMIN_TOKEN}`);
						ws.once('open', () => {
							open.push(ws);
							resolve('101');
						});
						ws.once('unexpected-response', (_request, response) => {
							resolve(String(response.statusCode));
							response.resume();
						});
						ws.once('error', () => resolve(`error ${index > 0 ? '' : 'first'}`.trim()));
					})
			);
			for (const ws of open) ws.terminate();
			return tally(answers);
		}
	},
	{
		name: '20 stock clients on a revoked link, 15 s',
		async run({ server, smallStoryId, revokedToken }) {
			let attempts = 0;
			class Counting extends WebSocket {
				constructor(...args: ConstructorParameters<typeof WebSocket>) {
					super(...args);
					attempts++;
				}
			}
			// Every stock provider listens for the process's exit.
			process.setMaxListeners(64);
			const tabs = Array.from(
				{ length: 20 },
				() =>
					new WebsocketProvider(server.wsUrl, storyRoom(smallStoryId), new Y.Doc(), {
						params: { token: revokedToken },
						WebSocketPolyfill: Counting as unknown as typeof globalThis.WebSocket,
						disableBc: true
					})
			);
			await new Promise((resolve) => setTimeout(resolve, 15_000));
			for (const tab of tabs) tab.destroy();
			return `${attempts} attempts (${(attempts / 20).toFixed(1)} per tab)`;
		}
	},
	{
		name: '10,000 wrong tokens in 12 s from one address',
		async run({ server, smallStoryId }) {
			const answers = await flood(10_000, 50, 12_000, async (index) => {
				const response = await fetch(`${server.url}/api/stories/${smallStoryId}`, {
					headers: { authorization: `Bearer wrong-${index}-${'x'.repeat(30)}` }
				});
				await response.arrayBuffer();
				return response.status;
			});
			return tally(answers);
		}
	},
	{
		name: 'a POST body trickled at 10 bytes/s',
		async run({ server }) {
			const url = new URL(server.url);
			const socket = connect(Number(url.port), url.hostname);
			let answer = '';
			socket.setEncoding('utf8');
			socket.on('data', (chunk: string) => (answer += chunk));
			socket.on('error', () => {});
			const started = performance.now();
			socket.write(
				'POST /api/stories HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n'
			);
			const trickle = setInterval(() => socket.writable && socket.write('aaaaaaaaaa'), 1_000);
			const closedAfter = await new Promise<number>((resolve) => {
				const cap = setTimeout(() => resolve(Number.POSITIVE_INFINITY), 120_000);
				socket.once('close', () => {
					clearTimeout(cap);
					resolve(performance.now() - started);
				});
			});
			clearInterval(trickle);
			socket.destroy();
			const status = /^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 'no answer';
			return `${status}, cut after ${(closedAfter / 1000).toFixed(1)} s`;
		}
	}
];
