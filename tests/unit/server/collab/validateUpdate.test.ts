import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import { MAX_CLOCK, validateUpdate } from '../../../../server/collab/validateUpdate';
import { forgedGcUpdate, manyClientsUpdate } from '../../../helpers/rawUpdates';

/** Runs `change` on `doc` and returns just the update it produced. */
function change(doc: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
	const before = Y.encodeStateVector(doc);
	fn(doc);
	return Y.encodeStateAsUpdate(doc, before);
}

function insert(doc: Y.Doc, index: number, text: string): Uint8Array {
	return change(doc, (d) => d.getText('t').insert(index, text));
}

/** A v1 update of string items, one client block each: [client, clock, origin, text]. */
function handWritten(items: Array<[number, number, [number, number], string]>): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, items.length);
	for (const [client, clock, [originClient, originClock], text] of items) {
		encoding.writeVarUint(encoder, 1); // structs in this block
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, clock);
		encoding.writeUint8(encoder, 0x80 | 4); // has origin | ContentString
		encoding.writeVarUint(encoder, originClient);
		encoding.writeVarUint(encoder, originClock);
		encoding.writeVarString(encoder, text);
	}
	encoding.writeVarUint(encoder, 0); // empty delete set
	return encoding.toUint8Array(encoder);
}

describe('validateUpdate', () => {
	it('accepts an update that applies cleanly and reports the clocks it advances', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const update = insert(client, 0, 'hello');
		const check = validateUpdate(update, server, null);
		expect(check).toEqual({
			ok: true,
			advances: new Map([[client.clientID, 5]]),
			changesDoc: true,
			structs: [expect.objectContaining({ length: 5 })],
			deletes: expect.objectContaining({ clients: new Map() })
		});
	});

	it('refuses client blocks in an order Yjs never writes (merging would drop some)', () => {
		const server = new Y.Doc();
		expect(validateUpdate(manyClientsUpdate(3, 10, true), server, null)).toMatchObject({
			ok: false,
			code: CloseCode.invalidData,
			reason: 'update lists its clients out of order'
		});
		const check = validateUpdate(manyClientsUpdate(3, 10), server, null);
		expect(check.ok && [...check.advances.keys()].sort()).toEqual([10, 11, 12]);
	});

	it('refuses a struct that pushes a clock beyond what an editor can reach', () => {
		const server = new Y.Doc();
		const forged = forgedGcUpdate(12345, 0, MAX_CLOCK + 1);
		expect(validateUpdate(forged, server, null)).toMatchObject({
			ok: false,
			code: CloseCode.invalidData,
			reason: 'update claims a clock no editor can reach'
		});
		expect(validateUpdate(forgedGcUpdate(12345, 0, 1000), server, null)).toMatchObject({
			ok: true
		});
	});

	it('accepts an update depending on one accepted but not applied yet', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const first = insert(client, 0, 'a');
		const second = insert(client, 1, 'b');
		expect(validateUpdate(second, server, null)).toMatchObject({ ok: false });
		const firstCheck = validateUpdate(first, server, null);
		if (!firstCheck.ok) throw new Error('first update refused');
		expect(validateUpdate(second, server, firstCheck.advances)).toMatchObject({ ok: true });
	});

	it('refuses a gap in its own client clock', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		insert(client, 0, 'a');
		const second = insert(client, 1, 'b');
		expect(validateUpdate(second, server, null)).toMatchObject({
			ok: false,
			code: CloseCode.invalidData
		});
	});

	it("refuses an origin in another client's content the server lacks", () => {
		const server = new Y.Doc();
		const other = new Y.Doc();
		const otherUpdate = insert(other, 0, 'xyz');
		const client = new Y.Doc();
		Y.applyUpdate(client, otherUpdate);
		const dependent = insert(client, 1, '!');
		expect(validateUpdate(dependent, server, null)).toMatchObject({ ok: false });
		Y.applyUpdate(server, otherUpdate);
		expect(validateUpdate(dependent, server, null)).toMatchObject({ ok: true });
	});

	it('refuses a child whose parent (a nested type) the server lacks', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const createMap = change(client, (d) => d.getMap('m').set('child', new Y.Map()));
		const fillMap = change(client, () =>
			(client.getMap('m').get('child') as Y.Map<number>).set('k', 1)
		);
		expect(validateUpdate(fillMap, server, null)).toMatchObject({ ok: false });
		Y.applyUpdate(server, createMap);
		expect(validateUpdate(fillMap, server, null)).toMatchObject({ ok: true });
	});

	it('accepts a merged update whose parts depend on each other across clients', () => {
		const server = new Y.Doc();
		const a = new Y.Doc();
		const b = new Y.Doc();
		const fromA = insert(a, 0, 'abc');
		Y.applyUpdate(b, fromA);
		const fromB = insert(b, 1, '-');
		expect(validateUpdate(Y.mergeUpdates([fromB, fromA]), server, null)).toMatchObject({
			ok: true
		});
	});

	it('refuses deletes of content the server does not know', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const created = insert(client, 0, 'abc');
		const deleted = change(client, (d) => d.getText('t').delete(0, 2));
		expect(validateUpdate(deleted, server, null)).toMatchObject({ ok: false });
		Y.applyUpdate(server, created);
		expect(validateUpdate(deleted, server, null)).toMatchObject({ ok: true, changesDoc: true });
	});

	it('says when an update changes nothing (a sync step 2 of known state)', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		Y.applyUpdate(server, insert(client, 0, 'abc'));
		Y.applyUpdate(
			server,
			change(client, (d) => d.getText('t').delete(0, 1))
		);
		const full = Y.encodeStateAsUpdate(client);
		expect(validateUpdate(full, server, null)).toMatchObject({ ok: true, changesDoc: false });
		expect(validateUpdate(Y.encodeStateAsUpdate(new Y.Doc()), server, null)).toMatchObject({
			ok: true,
			changesDoc: false
		});
	});

	it('accepts an update overlapping what the server has, reporting only the new part', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		Y.applyUpdate(server, insert(client, 0, 'ab'));
		insert(client, 2, 'cd');
		const check = validateUpdate(Y.encodeStateAsUpdate(client), server, null);
		expect(check).toMatchObject({ ok: true, changesDoc: true });
		if (check.ok) expect(check.advances.get(client.clientID)).toBe(4);
	});

	it('refuses structs whose origins point at each other (a cycle Yjs would park forever)', () => {
		const cyclic = handWritten([
			[1, 0, [2, 0], 'a'],
			[2, 0, [1, 0], 'b']
		]);
		const applied = new Y.Doc();
		Y.applyUpdate(applied, cyclic);
		expect(applied.store.pendingStructs).not.toBeNull();
		expect(validateUpdate(cyclic, new Y.Doc(), null)).toMatchObject({
			ok: false,
			code: CloseCode.invalidData
		});
	});

	it('refuses a struct pointing at a later clock of its own client', () => {
		expect(validateUpdate(handWritten([[1, 0, [1, 5], 'a']]), new Y.Doc(), null)).toMatchObject({
			ok: false,
			code: CloseCode.invalidData
		});
	});

	it('refuses bytes that are not an update with a protocol error', () => {
		const server = new Y.Doc();
		for (const bytes of [[1], [5, 200, 3, 9, 9], [1, 1, 1, 0, 0xff]]) {
			expect(validateUpdate(new Uint8Array(bytes), server, null)).toMatchObject({
				ok: false,
				code: CloseCode.protocolError
			});
		}
	});

	it('accepts every update once its dependencies arrived, never leaving pending structs', () => {
		// Deliver a random two-writer history in random order, retrying refused updates: whatever
		// is accepted must integrate completely, and in the end everything is accepted.
		for (let round = 0; round < 30; round++) {
			const writers = [new Y.Doc(), new Y.Doc()];
			const updates: Uint8Array[] = [];
			for (let step = 0; step < 12; step++) {
				const writer = writers[step % 2]!;
				const text = writer.getText('t');
				const update =
					text.length > 2 && step % 3 === 0
						? change(writer, () => text.delete(1, 1))
						: insert(writer, Math.floor(Math.random() * (text.length + 1)), `${step}`);
				updates.push(update);
				for (const other of writers) if (other !== writer) Y.applyUpdate(other, update);
			}
			const server = new Y.Doc();
			let waiting = [...updates].sort(() => Math.random() - 0.5);
			while (waiting.length > 0) {
				const refused = waiting.filter((update) => {
					if (!validateUpdate(update, server, null).ok) return true;
					Y.applyUpdate(server, update);
					expect(server.store.pendingStructs).toBeNull();
					expect(server.store.pendingDs).toBeNull();
					return false;
				});
				expect(refused.length).toBeLessThan(waiting.length);
				waiting = refused;
			}
			expect(server.getText('t').toString()).toBe(writers[0]!.getText('t').toString());
		}
	});
});
