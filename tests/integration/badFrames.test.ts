import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText } from '#shared/model/storyDoc';
import { CloseCode } from '#shared/protocol/closeCodes';
import { openSqliteStore } from '../../server/storage/SqliteStore';
import { startServer, type RunningServer } from '../helpers/startServer';
import {
	awarenessMessage,
	connectClient,
	connectRaw,
	synced,
	updateMessage,
	type Client
} from '../helpers/wsClients';
import { createStory } from '../helpers/stories';

const MAX_MESSAGE_BYTES = 64 * 1024;

let server: RunningServer;
let room: string;
let good: Client;

beforeAll(async () => {
	// Writers' larger limit for offline work has its own tests (offlineSync.test.ts).
	const limit = String(MAX_MESSAGE_BYTES);
	server = await startServer({
		env: { MAX_MESSAGE_BYTES: limit, MAX_WRITER_MESSAGE_BYTES: limit }
	});
	room = `story:${await createStory(server, 'Untouched', 'Untouched.')}`;
	good = connectClient(server.wsUrl, room);
	await synced(good);
	await vi.waitFor(() => expect(good.provider.awareness.getStates().size).toBe(1));
});

afterAll(async () => {
	good?.destroy();
	await server?.dispose();
});

/** The room as the server stored it, read through a second connection to its database. */
async function stored(): Promise<Y.Doc> {
	const store = openSqliteStore(server.dataDir);
	try {
		const { snapshot, updates } = await store.loadDocument(room);
		const doc = new Y.Doc();
		for (const update of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(doc, update);
		return doc;
	} finally {
		await store.close();
	}
}

/** Sends `frame` from a fresh raw client; resolves with how the server closed it. */
async function closeFor(frame: Uint8Array) {
	const before = Y.encodeStateVector(await stored());
	const hostile = await connectRaw(server.wsUrl, room);
	hostile.ws.send(frame);
	const closed = await hostile.closed;
	// Only the sender went: the good client is still connected and still edits, and nothing of
	// the bad frame reached the store.
	expect(good.provider.wsconnected).toBe(true);
	const after = await stored();
	expect(Y.encodeStateVector(after)).toEqual(before);
	expect(readStoryText(after)).toBe(readStoryText(good.doc));
	return closed;
}

function varUints(...values: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const value of values) encoding.writeVarUint(encoder, value);
	return encoding.toUint8Array(encoder);
}

/** An update typed on top of what the good client has, by a client the server never heard from. */
function dependentUpdate(): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(good.doc));
	const paragraph = doc.getXmlFragment(STORY_FIELD).get(0) as Y.XmlElement;
	(paragraph.get(0) as Y.XmlText).insert(0, 'first ');
	const before = Y.encodeStateVector(doc);
	(paragraph.get(0) as Y.XmlText).insert(0, 'second ');
	return Y.encodeStateAsUpdate(doc, before);
}

describe('hostile frames against the real server', () => {
	it('undecodable bytes → 1002', async () => {
		expect((await closeFor(new Uint8Array([0xff, 0xff, 0xff]))).code).toBe(CloseCode.protocolError);
	});

	it('an unknown message type → 1002', async () => {
		expect(await closeFor(varUints(9))).toEqual({
			code: CloseCode.protocolError,
			reason: 'unknown message type 9'
		});
	});

	it('a frame over MAX_MESSAGE_BYTES → 1009', async () => {
		const doc = new Y.Doc();
		doc.getText('x').insert(0, 'x'.repeat(MAX_MESSAGE_BYTES));
		expect((await closeFor(updateMessage(Y.encodeStateAsUpdate(doc)))).code).toBe(
			CloseCode.messageTooBig
		);
	});

	it('an update with missing dependencies (pending structs) → 1007', async () => {
		expect((await closeFor(updateMessage(dependentUpdate()))).code).toBe(CloseCode.invalidData);
	});

	it('an awareness state over 16 KB → 1008', async () => {
		const huge = JSON.stringify({ user: { name: 'x'.repeat(20_000) } });
		expect((await closeFor(awarenessMessage(99, 1, huge))).code).toBe(CloseCode.policyViolation);
	});

	it('an awareness state nested too deep → 1008', async () => {
		const deep = '{"a":'.repeat(20) + '1' + '}'.repeat(20);
		expect((await closeFor(awarenessMessage(99, 1, deep))).code).toBe(CloseCode.policyViolation);
	});

	it('leaves the good client able to edit afterwards', async () => {
		const paragraph = good.doc.getXmlFragment(STORY_FIELD).get(0) as Y.XmlElement;
		(paragraph.get(0) as Y.XmlText).insert(0, 'Still ');
		await vi.waitFor(async () => expect(readStoryText(await stored())).toBe('Still Untouched.'));
		expect(good.provider.awareness.getStates().size).toBe(1);
	});
});
