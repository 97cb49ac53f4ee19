import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Connection } from '../../../../server/collab/Connection';
import { decodeClientMessage } from '../../../../server/collab/messages';
import { UpdatePipeline, type PipelineRoom } from '../../../../server/collab/UpdatePipeline';
import type { DocumentStore } from '../../../../server/storage/DocumentStore';

/** A connection that applies every update frame it is sent to a doc of its own. */
function peer() {
	const doc = new Y.Doc();
	const frames: Uint8Array[] = [];
	const connection = {
		access: null,
		send(frame: Uint8Array) {
			frames.push(frame);
			const message = decodeClientMessage(frame);
			if (message.kind === 'update') Y.applyUpdate(doc, message.update);
		}
	};
	return { connection: connection as unknown as Connection, frames, doc };
}

/** An update typing `text` at the end of `doc`'s text. */
function typed(doc: Y.Doc, text: string): Uint8Array {
	const before = Y.encodeStateVector(doc);
	doc.getText('t').insert(doc.getText('t').length, text);
	return Y.encodeStateAsUpdate(doc, before);
}

describe('UpdatePipeline in a fleet', () => {
	it('relays the others’ held updates merged into its batch, to its sender too', async () => {
		const writer = peer();
		const reader = peer();
		const roomDoc = new Y.Doc();
		let seq = 0;
		const store = {
			appendUpdates: vi.fn(async (_room: string, updates: Uint8Array[]) => (seq += updates.length))
		} as unknown as DocumentStore;
		const room: PipelineRoom = {
			name: 'story:held',
			doc: roomDoc,
			connections: new Set([writer.connection, reader.connection]),
			crowd: 2,
			store,
			log: pino({ level: 'silent' }),
			compactAfterUpdates: 1_000,
			live: true
		};
		// Another process's edit, applied to the room's doc and held for the next relay.
		const elsewhere = new Y.Doc();
		const held = [typed(elsewhere, 'Elsewhere. ')];
		Y.applyUpdate(roomDoc, held[0]!);
		const pipeline = new UpdatePipeline(
			room,
			{
				afterApply: () => {},
				afterBroadcast: () => {},
				fail: (error) => {
					throw error;
				},
				accepted: () => {},
				takeNewWriters: () => undefined,
				learnWriters: () => {},
				takeHeld: () => held.splice(0)
			},
			{ updates: 0, lastSeq: 0 }
		);
		const mine = new Y.Doc();
		expect(pipeline.submit(writer.connection, typed(mine, 'Here.')).ok).toBe(true);
		await vi.waitFor(() => expect(reader.frames).toHaveLength(1));
		await pipeline.idle();
		// One frame each: the reader gets both edits, the writer the other process's only.
		const text = () => roomDoc.getText('t').toString();
		expect(text()).toContain('Elsewhere. ');
		expect(text()).toContain('Here.');
		expect(reader.doc.getText('t').toString()).toBe(text());
		expect(writer.frames).toHaveLength(1);
		Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(mine));
		expect(writer.doc.getText('t').toString()).toBe(text());
		// Nothing held: the writer's own batch does not come back to it.
		expect(pipeline.submit(writer.connection, typed(mine, ' Again.')).ok).toBe(true);
		await vi.waitFor(() => expect(reader.frames).toHaveLength(2));
		await pipeline.idle();
		expect(writer.frames).toHaveLength(1);
		expect(reader.doc.getText('t').toString()).toBe(text());
	});
});
