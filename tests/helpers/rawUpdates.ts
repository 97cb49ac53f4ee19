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
