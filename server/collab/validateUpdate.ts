import * as Y from 'yjs';
import { CloseCode, type CloseCodeValue } from '#shared/protocol/closeCodes';

/** Clocks of accepted updates that are not applied to the doc yet (client → next clock). */
export type PendingClocks = ReadonlyMap<number, number>;

export type UpdateCheck =
	| {
			ok: true;
			/** Clients whose known clock this update moves forward, with the new clock. */
			advances: Map<number, number>;
			/** False when applying the update would change nothing (e.g. a sync step 2 we already had). */
			changesDoc: boolean;
			/** The update's structs as decoded (for checks that read its content). */
			structs: Struct[];
			/** The update's delete set as decoded. */
			deletes: DeleteSet;
	  }
	| { ok: false; code: CloseCodeValue; reason: string };

export type Struct = Y.Item | Y.GC | Y.Skip;
export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

interface ClientStructs {
	structs: Struct[];
	next: number;
}

const SAME_CLIENT_FORWARD = -1;

/**
 * The highest clock a client id may reach: one tab's session would have to type about a billion
 * characters. A forged struct that claims more (a GC run of 2^52) would push the clock past what
 * JavaScript numbers count exactly.
 */
export const MAX_CLOCK = 2 ** 30;

function refused(code: CloseCodeValue, reason: string): UpdateCheck {
	return { ok: false, code, reason };
}

/**
 * Decides, before anything is applied, whether `update` would integrate completely into `doc`
 * once the accepted-but-unapplied updates (`pending`) are applied. Yjs parks an update with
 * missing dependencies as "pending structs" or a "pending delete set" forever and would persist
 * and relay it; we refuse such an update instead.
 *
 * This replays Yjs's own integration order (integrateStructs: per-client clock order, jumping to
 * another client's structs when an origin, right origin or parent is missing, a stack for the
 * detour) without touching the doc, so cyclic or dangling references are caught in linear time.
 * It also refuses references to the same client's later clocks, which Yjs does not check and
 * would crash on, and deletions beyond the known state.
 */
export function validateUpdate(
	update: Uint8Array,
	doc: Y.Doc,
	pending: PendingClocks | null
): UpdateCheck {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		return refused(CloseCode.protocolError, 'update could not be decoded');
	}

	const byClient = groupByClient(decoded.structs);
	if (byClient === null) return refused(CloseCode.invalidData, 'update repeats a client block');
	if (byClient === OUT_OF_ORDER) {
		return refused(CloseCode.invalidData, 'update lists its clients out of order');
	}

	const simulated = new Map<number, number>();
	const clockOf = (client: number): number =>
		simulated.get(client) ?? Math.max(Y.getState(doc.store, client), pending?.get(client) ?? 0);

	const clientOrder = [...byClient.values()];
	let clientIndex = 0;
	const nextStruct = (): Struct | null => {
		while (clientIndex < clientOrder.length) {
			const refs = clientOrder[clientIndex]!;
			if (refs.next < refs.structs.length) return refs.structs[refs.next++]!;
			clientIndex++;
		}
		return null;
	};

	const stack: Struct[] = [];
	let head = nextStruct();
	while (head !== null) {
		if (!(head instanceof Y.Skip)) {
			const client = head.id.client;
			const known = clockOf(client);
			if (head.id.clock > known) {
				return refused(CloseCode.invalidData, 'update depends on changes the server does not have');
			}
			const missing = head instanceof Y.Item ? missingDependency(head, clockOf) : null;
			if (missing === SAME_CLIENT_FORWARD) {
				return refused(CloseCode.invalidData, 'update refers to later changes of its own client');
			}
			if (missing !== null) {
				const refs = byClient.get(missing);
				if (!refs || refs.next >= refs.structs.length) {
					return refused(
						CloseCode.invalidData,
						'update depends on changes the server does not have'
					);
				}
				stack.push(head);
				head = refs.structs[refs.next++]!;
				continue;
			}
			const end = head.id.clock + head.length;
			if (end > MAX_CLOCK) {
				return refused(CloseCode.invalidData, 'update claims a clock no editor can reach');
			}
			if (end > known) simulated.set(client, end);
		}
		head = stack.pop() ?? nextStruct();
	}

	for (const [client, deletions] of decoded.ds.clients) {
		const known = clockOf(client);
		for (const deletion of deletions) {
			if (deletion.clock + deletion.len > known) {
				return refused(CloseCode.invalidData, 'update deletes content the server does not have');
			}
		}
	}

	return {
		ok: true,
		advances: simulated,
		changesDoc: simulated.size > 0 || deletesSomethingNew(doc, decoded.ds),
		structs: decoded.structs,
		deletes: decoded.ds
	};
}

const OUT_OF_ORDER = 'out of order';

/**
 * Structs per client in update order; null when a client appears in two separate blocks, and
 * OUT_OF_ORDER when the blocks are not in descending client order. Yjs always writes them so,
 * and Y.mergeUpdates (with which the room merges a batch to apply and relay it) silently drops
 * structs of an update that is not: the relayed doc would differ from the stored log.
 */
function groupByClient(structs: Struct[]): Map<number, ClientStructs> | null | typeof OUT_OF_ORDER {
	const byClient = new Map<number, ClientStructs>();
	let current: ClientStructs | null = null;
	let currentClient = -1;
	let expectedClock = 0;
	for (const struct of structs) {
		const { client, clock } = struct.id;
		if (current === null || client !== currentClient || clock !== expectedClock) {
			// Yjs keeps only the last block of a client and silently drops the others.
			if (byClient.has(client)) return null;
			if (current !== null && client > currentClient) return OUT_OF_ORDER;
			current = { structs: [], next: 0 };
			byClient.set(client, current);
			currentClient = client;
		}
		current.structs.push(struct);
		expectedClock = clock + struct.length;
	}
	return byClient;
}

/**
 * The client whose content `item` needs but the known state lacks (Item.getMissing), or
 * SAME_CLIENT_FORWARD when it points at its own client's clock at or after itself.
 */
function missingDependency(item: Y.Item, clockOf: (client: number) => number): number | null {
	const parent = item.parent instanceof Y.ID ? item.parent : null;
	for (const ref of [item.origin, item.rightOrigin, parent]) {
		if (ref === null) continue;
		if (ref.client === item.id.client) {
			if (ref.clock >= item.id.clock) return SAME_CLIENT_FORWARD;
		} else if (ref.clock >= clockOf(ref.client)) {
			return ref.client;
		}
	}
	return null;
}

/** True when the delete set removes something the doc still has (or content not applied yet). */
function deletesSomethingNew(doc: Y.Doc, ds: DeleteSet): boolean {
	for (const [client, deletions] of ds.clients) {
		const structs = doc.store.clients.get(client);
		const docClock = Y.getState(doc.store, client);
		for (const deletion of deletions) {
			if (deletion.len === 0) continue;
			const end = deletion.clock + deletion.len;
			if (!structs || end > docClock) return true;
			for (let index = Y.findIndexSS(structs, deletion.clock); index < structs.length; index++) {
				const struct = structs[index]!;
				if (struct.id.clock >= end) break;
				if (!struct.deleted) return true;
			}
		}
	}
	return false;
}
