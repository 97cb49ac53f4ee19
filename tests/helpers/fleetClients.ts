import * as Y from 'yjs';
import type { RunningServer } from './startServer';
import { firstParagraphText } from './stories';
import { connectClient, synced, type Client } from './wsClients';

/**
 * Clients of a story on the processes of a fleet, remembered so a test can close them all
 * (`closeAll` in afterEach).
 */
export function fleetClients() {
	const clients: Client[] = [];
	return {
		/** A synced WebsocketProvider client of the story on `server` (with `doc`, if given). */
		async join(server: RunningServer, storyId: string, doc?: Y.Doc): Promise<Client> {
			const client = connectClient(server.wsUrl, `story:${storyId}`, doc);
			clients.push(client);
			await synced(client);
			return client;
		},
		closeAll(): void {
			for (const client of clients.splice(0)) client.destroy();
		}
	};
}

/** The first paragraph's text as the client has it. */
export const textOf = (client: Client) => firstParagraphText(client.doc).toString();

/** `/healthz` of a process: its status and body. */
export async function health(server: RunningServer) {
	const response = await fetch(`${server.url}/healthz`);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
