import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { writeSyncStep1, writeUpdate } from 'y-protocols/sync';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { paceRemoteUpdates } from '../../../src/lib/collab/paceRemoteUpdates';

// The provider never dials (connect: false): the frames are built by hand and handed to its
// sync handler, as y-websocket does with each message from the server.

const MESSAGE_SYNC = 0;

function room() {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider('ws://127.0.0.1:9', 'story:pace', doc, {
		connect: false,
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	provider.synced = true;
	return { doc, provider, text: doc.getText('t') };
}

/** What a collaborator's doc sends when they type `letters` at the end, one update per call. */
function collaborator() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return {
		type(letters: string): Uint8Array {
			const text = doc.getText('t');
			text.insert(text.length, letters);
			return updates.at(-1)!;
		},
		stateVector: () => Y.encodeStateVector(doc)
	};
}

function receive(provider: WebsocketProvider, write: (encoder: encoding.Encoder) => void) {
	const frame = encoding.createEncoder();
	write(frame);
	const reply = encoding.createEncoder();
	encoding.writeVarUint(reply, MESSAGE_SYNC);
	provider.messageHandlers[MESSAGE_SYNC]!(
		reply,
		decoding.createDecoder(encoding.toUint8Array(frame)),
		provider,
		true,
		MESSAGE_SYNC
	);
	return encoding.toUint8Array(reply);
}

const receiveUpdate = (provider: WebsocketProvider, update: Uint8Array) =>
	receive(provider, (encoder) => writeUpdate(encoder, update));

const pressKey = () => window.dispatchEvent(new Event('keydown'));
const nextFrames = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('paceRemoteUpdates', () => {
	beforeEach(() => {
		vi.stubGlobal('window', new EventTarget());
		vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 5));
		vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
	});
	afterEach(() => vi.unstubAllGlobals());

	it('applies a change at once while this person is not typing', () => {
		const { provider, text } = room();
		const stop = paceRemoteUpdates(provider);
		receiveUpdate(provider, collaborator().type('Gulls'));
		expect(text.toString()).toBe('Gulls');
		stop();
		provider.destroy();
	});

	it('holds changes while this person types and applies them all after their key is drawn', async () => {
		const { provider, text } = room();
		const stop = paceRemoteUpdates(provider, { maxDelayMs: 10_000 });
		const them = collaborator();
		pressKey();
		receiveUpdate(provider, them.type('Gu'));
		receiveUpdate(provider, them.type('lls'));
		expect(text.toString()).toBe('');
		pressKey();
		await nextFrames();
		expect(text.toString()).toBe('Gulls');
		stop();
		provider.destroy();
	});

	it('holds none longer than maxDelayMs, and keeps the order of other messages', async () => {
		const { provider, text } = room();
		const stop = paceRemoteUpdates(provider, { maxDelayMs: 20 });
		const them = collaborator();
		pressKey();
		receiveUpdate(provider, them.type('Tide'));
		expect(text.toString()).toBe('');
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(text.toString()).toBe('Tide');

		pressKey();
		receiveUpdate(provider, them.type(' out'));
		// The server asks what this doc has: the held change is applied before the answer.
		const reply = receive(provider, (encoder) => writeSyncStep1(encoder, new Y.Doc()));
		expect(text.toString()).toBe('Tide out');
		expect(reply.length).toBeGreaterThan(2);
		stop();
		provider.destroy();
	});

	it('applies what it holds when stopped, and gives the provider its own handler back', () => {
		const { provider, text } = room();
		const own = provider.messageHandlers[MESSAGE_SYNC];
		const stop = paceRemoteUpdates(provider, { maxDelayMs: 10_000 });
		pressKey();
		receiveUpdate(provider, collaborator().type('Nets'));
		expect(text.toString()).toBe('');
		stop();
		expect(text.toString()).toBe('Nets');
		expect(provider.messageHandlers[MESSAGE_SYNC]).toBe(own);
		provider.destroy();
	});

	it('applies a damaged change as y-websocket would: logged, and the next one still lands', () => {
		const { provider, text } = room();
		const stop = paceRemoteUpdates(provider, { maxDelayMs: 10_000 });
		const them = collaborator();
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		pressKey();
		receiveUpdate(provider, new Uint8Array([0xff, 0xff, 0xff]));
		stop();
		expect(error).toHaveBeenCalled();
		const again = paceRemoteUpdates(provider);
		receiveUpdate(provider, them.type('Still here'));
		expect(text.toString()).toBe('Still here');
		again();
		provider.destroy();
	});
});
