import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import { storyRoom } from '#shared/protocol/rooms';
import { api } from '../helpers/apiClient';
import { ownerOf, tokenOf } from '../helpers/links';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory } from '../helpers/stories';

// Twenty tabs left open on a link the owner revoked, each a stock y-websocket provider with its
// default settings. An HTTP 401 at the upgrade used to be retried by each of them every 2.5 s,
// forever (460 attempts a minute from 20 tabs); a 4401 close is final for the stock client, so
// each tab tries once and stops, and says why.

const TABS = 20;
/** Long enough for the old behaviour to retry six times (100, 200, 400… ms, then every 2.5 s). */
const WATCH_MS = 6_000;

let server: RunningServer;
let storyId: string;

beforeAll(async () => {
	server = await startServer();
	storyId = await createStory(server.url, 'Shared once', 'Words for a few.\n');
});

afterAll(() => server?.dispose());

describe('tabs on a revoked link', () => {
	it('each try once, get 4401 with a reason, and stop', async () => {
		const owner = api(server).as(ownerOf(storyId));
		const made = await owner.post(`/api/stories/${storyId}/links`, { role: 'editor' });
		expect(made.status).toBe(201);
		const revoked = await owner.delete(`/api/stories/${storyId}/links/${made.body.id}`);
		expect(revoked.status).toBe(204);
		const token = tokenOf(made.body.url);

		let attempts = 0;
		class CountingWebSocket extends WebSocket {
			constructor(...args: ConstructorParameters<typeof WebSocket>) {
				super(...args);
				attempts++;
			}
		}
		const closes: Array<{ code: number; reason: string }> = [];
		const tabs = Array.from({ length: TABS }, () => {
			const provider = new WebsocketProvider(server.wsUrl, storyRoom(storyId), new Y.Doc(), {
				params: { token },
				WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
				disableBc: true
			});
			provider.on('closed', (event: { code: number; reason: string }) => closes.push(event));
			return provider;
		});
		try {
			// A bounded wait on purpose: what must not happen is a retry within WATCH_MS.
			await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
			expect(attempts).toBe(TABS);
			expect(closes).toHaveLength(TABS);
			for (const close of closes) {
				expect(close).toEqual({
					code: CloseCode.unauthorized,
					reason: 'this link no longer works'
				});
			}
			expect(tabs.every((provider) => !provider.shouldConnect)).toBe(true);
		} finally {
			for (const provider of tabs) provider.destroy();
		}
	});
});
