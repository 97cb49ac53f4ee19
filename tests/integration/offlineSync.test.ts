import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText } from '#shared/model/storyDoc';
import { CloseCode } from '#shared/protocol/closeCodes';
import { tokenFor } from '../helpers/links';
import { createStory, exportText } from '../helpers/stories';
import { startServer, type RunningServer } from '../helpers/startServer';
import {
	connectClient,
	connectRaw,
	synced,
	updateMessage,
	type Client
} from '../helpers/wsClients';

// An editor who typed more than MAX_MESSAGE_BYTES while offline comes back: y-websocket sends the
// offline work as one sync step 2, which a writer may send up to MAX_WRITER_MESSAGE_BYTES (and
// the byte-rate limiter's burst covers it). Viewers, commenters in the story, non-document
// messages and anything over the writer limit still get 1009.

const MAX_MESSAGE_BYTES = 64 * 1024;
const MAX_WRITER_MESSAGE_BYTES = 512 * 1024;
const ENV = {
	MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
	MAX_WRITER_MESSAGE_BYTES: String(MAX_WRITER_MESSAGE_BYTES),
	// Far below the offline sync: only the burst of one writer-sized message lets it through.
	WS_BYTES_PER_SECOND: String(16 * 1024)
};

let server: RunningServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await server?.dispose();
	server = undefined;
});

function exported(running: RunningServer, id: string): Promise<string> {
	return exportText(running, id);
}

function connect(running: RunningServer, id: string, role: 'editor' | 'viewer'): Client {
	const client = connectClient(running.wsUrl, `story:${id}`, new Y.Doc(), tokenFor(id, role));
	clients.push(client);
	return client;
}

/** Paragraphs of prose, as an editor would type or paste them, until `bytes` of text. */
function writeParagraphs(doc: Y.Doc, bytes: number): void {
	const fragment = doc.getXmlFragment(STORY_FIELD);
	let written = 0;
	for (let index = 0; written < bytes; index++) {
		const text = `Paragraph ${index}: the rain fell on the harbour and nobody came. `.repeat(20);
		const paragraph = new Y.XmlElement('paragraph');
		fragment.push([paragraph]);
		paragraph.push([new Y.XmlText(text)]);
		written += text.length;
	}
}

function syncStep2Message(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** A document message of about `bytes` (one new root text: refused by size before anything else). */
function bigUpdate(bytes: number): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('x').insert(0, 'x'.repeat(bytes));
	return Y.encodeStateAsUpdate(doc);
}

describe('a long offline session comes back', () => {
	it("an editor's offline work over MAX_MESSAGE_BYTES syncs whole, also after kill -9 and a restart", async () => {
		server = await startServer({ env: ENV });
		const id = await createStory(server.url, 'Offline', 'Before the storm.');
		const editor = connect(server, id, 'editor');
		const viewer = connect(server, id, 'viewer');
		await Promise.all([synced(editor), synced(viewer)]);

		editor.provider.disconnect();
		const serverState = Y.encodeStateVector(viewer.doc);
		writeParagraphs(editor.doc, 3 * MAX_MESSAGE_BYTES);
		const offlineWork = Y.encodeStateAsUpdate(editor.doc, serverState);
		expect(offlineWork.byteLength).toBeGreaterThan(2 * MAX_MESSAGE_BYTES);
		expect(offlineWork.byteLength).toBeLessThan(MAX_WRITER_MESSAGE_BYTES);
		const text = readStoryText(editor.doc);

		editor.provider.connect();
		await vi.waitFor(async () => expect(await exported(server!, id)).toBe(text), {
			timeout: 15_000
		});
		await vi.waitFor(() => expect(readStoryText(viewer.doc)).toBe(text));
		expect(editor.provider.wsconnected).toBe(true);

		// Durable before relayed: a kill -9 loses none of it, and a graceful restart neither.
		await server.kill('SIGKILL');
		await server.restart();
		expect(await exported(server, id)).toBe(text);
		expect(await server.kill('SIGTERM')).toBe(0);
		await server.restart();
		expect(await exported(server, id)).toBe(text);
	});

	it('still closes with 1009: viewers, commenters in the story, other messages, past the writer limit', async () => {
		server = await startServer({ env: ENV });
		const id = await createStory(server.url, 'Guarded', 'Nothing gets in.');
		const room = `story:${id}`;
		const good = connect(server, id, 'editor');
		await synced(good);
		const over = bigUpdate(2 * MAX_MESSAGE_BYTES);

		const cases: Array<[string, 'viewer' | 'commenter' | 'editor', Uint8Array]> = [
			['a viewer’s sync step 2', 'viewer', syncStep2Message(over)],
			['a viewer’s update', 'viewer', updateMessage(over)],
			['a commenter’s update to the story', 'commenter', updateMessage(over)],
			// Not a document message: an editor's sync step 1 keeps MAX_MESSAGE_BYTES.
			['an editor’s sync step 1', 'editor', new Uint8Array([0, 0, ...updateMessage(over)])],
			[
				'an editor’s update past the writer limit',
				'editor',
				updateMessage(bigUpdate(MAX_WRITER_MESSAGE_BYTES + 1024))
			]
		];
		for (const [what, role, frame] of cases) {
			const hostile = await connectRaw(server.wsUrl, room, tokenFor(id, role));
			hostile.ws.send(frame);
			expect((await hostile.closed).code, what).toBe(CloseCode.messageTooBig);
		}
		expect(await exported(server, id)).toBe('Nothing gets in.');
		expect(good.provider.wsconnected).toBe(true);
	});
});
