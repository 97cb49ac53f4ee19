import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import { storyRoom } from '#shared/protocol/rooms';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import {
	applyReceived,
	connectClient,
	connectRaw,
	syncStep1,
	synced,
	updateMessage
} from '../helpers/wsClients';

// MAX_STORY_BYTES bounds what edits can grow a story's text to. An edit that would pass it is
// refused with 4413 and a reason the desk shows (final for a stock client: no retry storm), and
// nothing of it is stored; deleting always works and makes room; the limit holds after a kill -9.

const LIMIT = 4096;
const OPENING = 'The harbour was quiet. '.repeat(100).trim(); // 2,299 bytes

let server: RunningServer;
let storyId: string;

beforeAll(async () => {
	server = await startServer({ env: { MAX_STORY_BYTES: String(LIMIT) } });
	storyId = await createStory(server.url, 'Nearly full', `${OPENING}\n`);
});

afterAll(() => server?.dispose());

/** A raw socket synced by hand: its doc holds the story; edits to it are sent as update frames. */
async function rawWriter(expected = OPENING) {
	const raw = await connectRaw(server.wsUrl, storyRoom(storyId));
	const doc = new Y.Doc();
	raw.ws.send(syncStep1(doc));
	await vi.waitFor(() => {
		applyReceived(raw, doc);
		expect(firstParagraphText(doc).toString()).toBe(expected);
	});
	const send = (edit: (text: Y.XmlText) => void) => {
		const before = Y.encodeStateVector(doc);
		edit(firstParagraphText(doc));
		raw.ws.send(updateMessage(Y.encodeStateAsUpdate(doc, before)));
	};
	return { raw, doc, send };
}

describe('a story at its size limit', () => {
	it('refuses a hand-made frame that adds text past the limit with 4413, and stores none of it', async () => {
		const { raw, send } = await rawWriter();
		send((text) => text.insert(text.length, ' And then the sea rose.'.repeat(80))); // 1,840 bytes
		const closed = await raw.closed;
		expect(closed.code).toBe(CloseCode.storyFull);
		expect(closed.reason).toBe(
			'the story has reached its size limit of 4 KB of text: delete some to make room'
		);
		expect(await exportText(server.url, storyId)).toBe(`${OPENING}\n`);
	});

	it('counts UTF-8 bytes: text that fits in characters but not in bytes is refused', async () => {
		const { raw, send } = await rawWriter();
		send((text) => text.insert(0, '“é”'.repeat(300))); // 900 characters, 2,400 bytes
		expect((await raw.closed).code).toBe(CloseCode.storyFull);
		expect(await exportText(server.url, storyId)).toBe(`${OPENING}\n`);
	});

	it('lets a stock client delete, then add what fits; a stock client refused stops retrying', async () => {
		const editor = connectClient(server.wsUrl, storyRoom(storyId));
		try {
			await synced(editor);
			const text = firstParagraphText(editor.doc);
			text.delete(0, 1000);
			text.insert(0, 'Fits. ');
			const expected = text.toString();
			await vi.waitFor(async () =>
				expect(await exportText(server.url, storyId)).toBe(`${expected}\n`)
			);
			expect(editor.provider.wsconnected).toBe(true);

			const closes: number[] = [];
			editor.provider.on('closed', ({ code }: { code: number }) => closes.push(code));
			text.insert(text.length, ' More and more.'.repeat(200)); // 3,000 bytes: past the limit
			await vi.waitFor(() => expect(closes).toEqual([CloseCode.storyFull]));
			// Final: the provider does not come back on its own (a bounded wait on purpose).
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(editor.provider.wsconnected).toBe(false);
			expect(closes).toEqual([CloseCode.storyFull]);
			expect(await exportText(server.url, storyId)).toBe(`${expected}\n`);

			// After a kill -9 the story holds what was accepted, and the limit still holds.
			await server.kill('SIGKILL');
			await server.restart();
			expect(await exportText(server.url, storyId)).toBe(`${expected}\n`);
			const { raw, send } = await rawWriter(expected);
			send((doc) => doc.insert(0, 'x'.repeat(LIMIT)));
			expect((await raw.closed).code).toBe(CloseCode.storyFull);
		} finally {
			editor.destroy();
		}
	});
});
