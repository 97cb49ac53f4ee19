import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe as suite, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import {
	awarenessMessage,
	connectClient,
	connectRaw,
	startHarness,
	storedDoc,
	synced,
	updateMessage,
	type Client,
	type Harness
} from './collabHarness';

const ROOM = 'story:bad-frames';
const MAX_MESSAGE_BYTES = 64 * 1024;

let harness: Harness;
let good: Client;

beforeEach(async () => {
	harness = await startHarness({ maxMessageBytes: MAX_MESSAGE_BYTES });
	good = connectClient(harness.url, ROOM);
	await synced(good);
	good.text.insert(0, 'kept');
	await vi.waitFor(async () =>
		expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toBe('kept')
	);
});

afterEach(async () => {
	good.destroy();
	await harness.dispose();
});

/** Sends `frame` from a fresh raw client and returns how the server closed it. */
async function closeFor(frame: Uint8Array | string, options: { binary?: boolean } = {}) {
	const hostile = await connectRaw(harness.url, ROOM);
	hostile.ws.send(frame, { binary: options.binary ?? typeof frame !== 'string' });
	return hostile.closed;
}

/** The good client is still connected, still edits, and the store holds exactly its edits. */
async function expectRoomUntouched(expected = 'kept'): Promise<void> {
	expect(good.provider.wsconnected).toBe(true);
	const stored = await storedDoc(harness.store, ROOM);
	expect(stored.getText('text').toString()).toBe(expected);
	expect([...Y.decodeStateVector(Y.encodeStateVector(stored)).keys()]).toEqual([good.doc.clientID]);
	good.text.insert(good.text.length, '!');
	await vi.waitFor(async () =>
		expect((await storedDoc(harness.store, ROOM)).getText('text').toString()).toBe(`${expected}!`)
	);
}

function varUints(...values: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const value of values) encoding.writeVarUint(encoder, value);
	return encoding.toUint8Array(encoder);
}

function nested(depth: number): string {
	return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

suite('bad frames close only their sender', () => {
	it('undecodable bytes → 1002', async () => {
		expect((await closeFor(new Uint8Array([0xff, 0xff, 0xff]))).code).toBe(CloseCode.protocolError);
		await expectRoomUntouched();
	});

	it('a truncated sync message → 1002', async () => {
		expect((await closeFor(varUints(0, 2, 50, 1, 2))).code).toBe(CloseCode.protocolError);
		await expectRoomUntouched();
	});

	it('an unknown message type → 1002 with the type in the reason', async () => {
		const closed = await closeFor(varUints(7));
		expect(closed).toEqual({ code: CloseCode.protocolError, reason: 'unknown message type 7' });
		await expectRoomUntouched();
	});

	it('an unknown sync message type → 1002', async () => {
		expect((await closeFor(varUints(0, 9, 0))).code).toBe(CloseCode.protocolError);
		await expectRoomUntouched();
	});

	it('a text frame → 1002', async () => {
		expect((await closeFor('hello')).code).toBe(CloseCode.protocolError);
		await expectRoomUntouched();
	});

	it('an update whose bytes are garbage → 1002', async () => {
		const closed = await closeFor(updateMessage(new Uint8Array([5, 200, 3, 9, 9])));
		expect(closed.code).toBe(CloseCode.protocolError);
		await expectRoomUntouched();
	});

	it('a frame over maxMessageBytes → 1009', async () => {
		const doc = new Y.Doc();
		doc.getText('text').insert(0, 'x'.repeat(MAX_MESSAGE_BYTES + 10));
		expect((await closeFor(updateMessage(Y.encodeStateAsUpdate(doc)))).code).toBe(
			CloseCode.messageTooBig
		);
		await expectRoomUntouched();
	});

	it('an update missing an earlier update of its own client → 1007', async () => {
		const doc = new Y.Doc();
		doc.getText('text').insert(0, 'a');
		const before = Y.encodeStateVector(doc);
		doc.getText('text').insert(1, 'b');
		const second = Y.encodeStateAsUpdate(doc, before);
		expect((await closeFor(updateMessage(second))).code).toBe(CloseCode.invalidData);
		await expectRoomUntouched();
	});

	it('an update depending on another client the server lacks → 1007', async () => {
		const unknown = new Y.Doc();
		unknown.getText('text').insert(0, 'unseen');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(unknown));
		const before = Y.encodeStateVector(doc);
		doc.getText('text').insert(3, '!');
		const dependent = Y.encodeStateAsUpdate(doc, before);
		expect((await closeFor(updateMessage(dependent))).code).toBe(CloseCode.invalidData);
		await expectRoomUntouched();
	});

	it('a delete of content the server never saw → 1007', async () => {
		const doc = new Y.Doc();
		doc.getText('text').insert(0, 'abc');
		doc.getText('text').delete(1, 1);
		// Only the delete set: its structs are "already known" per the state vector we pass.
		const deletesOnly = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
		expect((await closeFor(updateMessage(deletesOnly))).code).toBe(CloseCode.invalidData);
		await expectRoomUntouched();
	});

	it('an awareness state over 16 KB → 1008', async () => {
		const big = JSON.stringify({ name: 'x'.repeat(17 * 1024) });
		expect((await closeFor(awarenessMessage(12345, 1, big))).code).toBe(CloseCode.policyViolation);
		await expectRoomUntouched();
	});

	it('an awareness state nested deeper than 6 levels → 1008', async () => {
		expect((await closeFor(awarenessMessage(12345, 1, nested(7)))).code).toBe(
			CloseCode.policyViolation
		);
		await expectRoomUntouched();
	});

	it('an awareness state that is not JSON → 1007', async () => {
		expect((await closeFor(awarenessMessage(12345, 1, '{"name":'))).code).toBe(
			CloseCode.invalidData
		);
		await expectRoomUntouched();
	});

	it("an awareness update taking over another connection's client id → 1008", async () => {
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(1));
		const clock = good.provider.awareness.meta.get(good.doc.clientID)!.clock;
		const takeover = awarenessMessage(good.doc.clientID, clock + 5000, '{"name":"mallory"}');
		expect((await closeFor(takeover)).code).toBe(CloseCode.policyViolation);
		expect(harness.collab.presence(ROOM)).toBe(1);
		await expectRoomUntouched();
	});

	it('keeps a client that only echoes or relays awareness of others', async () => {
		await vi.waitFor(() => expect(harness.collab.presence(ROOM)).toBe(1));
		const echo = await connectRaw(harness.url, ROOM);
		const clock = good.provider.awareness.meta.get(good.doc.clientID)!.clock;
		echo.ws.send(awarenessMessage(good.doc.clientID, clock, '{}'));
		echo.ws.send(awarenessMessage(good.doc.clientID, clock, 'null'));
		// Another tab of the same browser relays the good client's next state a moment early.
		echo.ws.send(awarenessMessage(good.doc.clientID, clock + 1, '{"relayed":true}'));
		echo.ws.send(updateMessage(Y.encodeStateAsUpdate(good.doc)));
		await expectRoomUntouched();
		expect(echo.ws.readyState).toBe(echo.ws.OPEN);
		expect(harness.collab.presence(ROOM)).toBe(1);
		echo.ws.close();
	});
});
