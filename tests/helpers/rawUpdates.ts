import * as encoding from 'lib0/encoding';

/**
 * A Yjs v1 update holding one GC struct: `length` clocks of `client` starting at `clock`, with no
 * content behind them. No editor sends this for someone else's id; an attacker does, to make the
 * server believe it has that client's edits (so their real ones would be dropped) or to push a
 * clock out of range.
 */
export function forgedGcUpdate(client: number, clock: number, length: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1); // one client block
	encoding.writeVarUint(encoder, 1); // one struct in it
	encoding.writeVarUint(encoder, client);
	encoding.writeVarUint(encoder, clock);
	encoding.writeUint8(encoder, 0); // info 0: a GC struct
	encoding.writeVarUint(encoder, length);
	encoding.writeVarUint(encoder, 0); // empty delete set
	return encoding.toUint8Array(encoder);
}

/**
 * A Yjs v1 update of one GC struct (clock 0, length 1) for each of `count` new client ids from
 * `firstClient` up, written in descending client order as Yjs writes them (`ascending` for the
 * order Yjs never writes, which Y.mergeUpdates silently truncates).
 */
export function manyClientsUpdate(
	count: number,
	firstClient = 1_000_000,
	ascending = false
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, count);
	for (let step = 0; step < count; step++) {
		const index = ascending ? step : count - 1 - step;
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint(encoder, firstClient + index);
		encoding.writeVarUint(encoder, 0);
		encoding.writeUint8(encoder, 0);
		encoding.writeVarUint(encoder, 1);
	}
	encoding.writeVarUint(encoder, 0);
	return encoding.toUint8Array(encoder);
}
