import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DeletionRecord } from '../storage/DocumentStore';

/** Deleted ranges by Yjs client id: `[clock, length]` pairs (what an update's delete set holds). */
export type DeletedRanges = ReadonlyMap<number, ReadonlyArray<{ clock: number; len: number }>>;

/** A delete set as bytes: client count, then per client its id, range count and ranges. */
export function encodeDeleteSet(ranges: DeletedRanges): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, ranges.size);
	for (const [client, list] of ranges) {
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, list.length);
		for (const { clock, len } of list) {
			encoding.writeVarUint(encoder, clock);
			encoding.writeVarUint(encoder, len);
		}
	}
	return encoding.toUint8Array(encoder);
}

export function decodeDeleteSet(
	bytes: Uint8Array
): Map<number, Array<{ clock: number; len: number }>> {
	const decoder = decoding.createDecoder(bytes);
	const ranges = new Map<number, Array<{ clock: number; len: number }>>();
	const clients = decoding.readVarUint(decoder);
	for (let index = 0; index < clients; index++) {
		const client = decoding.readVarUint(decoder);
		const count = decoding.readVarUint(decoder);
		const list = ranges.get(client) ?? [];
		for (let range = 0; range < count; range++) {
			list.push({ clock: decoding.readVarUint(decoder), len: decoding.readVarUint(decoder) });
		}
		ranges.set(client, list);
	}
	return ranges;
}

/**
 * The accepted updates of one group commit, grouped by writer, as deletion records: each
 * writer's delete sets merged into one (empty ones left out).
 */
export function deletionRecords(
	accepted: ReadonlyArray<{ writer: string | null; deletes: { clients: DeletedRanges } | null }>
): DeletionRecord[] {
	const byWriter = new Map<string, Map<number, Array<{ clock: number; len: number }>>>();
	for (const { writer, deletes } of accepted) {
		if (writer === null || !deletes || deletes.clients.size === 0) continue;
		let merged = byWriter.get(writer);
		if (!merged) byWriter.set(writer, (merged = new Map()));
		for (const [client, list] of deletes.clients) {
			if (list.length === 0) continue;
			const into = merged.get(client);
			if (into) into.push(...list);
			else merged.set(client, [...list]);
		}
	}
	const records: DeletionRecord[] = [];
	for (const [writer, ranges] of byWriter) {
		if (ranges.size > 0) records.push({ writer, deleteSet: encodeDeleteSet(ranges) });
	}
	return records;
}

/**
 * Who deleted a character: the log read into sorted ranges per client. When two writers'
 * deletes overlap (both deleted the same text concurrently), the first one logged wins.
 */
export class DeletionIndex {
	readonly #byClient = new Map<
		number,
		{ ranges: Array<{ clock: number; end: number; writer: string }>; reach: number[] }
	>();

	constructor(log: readonly DeletionRecord[]) {
		const collected = new Map<number, Array<{ clock: number; end: number; writer: string }>>();
		for (const record of log) {
			for (const [client, list] of decodeDeleteSet(record.deleteSet)) {
				let ranges = collected.get(client);
				if (!ranges) collected.set(client, (ranges = []));
				for (const { clock, len } of list) {
					ranges.push({ clock, end: clock + len, writer: record.writer });
				}
			}
		}
		for (const [client, ranges] of collected) {
			// Stable: among ranges starting at the same clock the first logged stays first.
			ranges.sort((a, b) => a.clock - b.clock);
			// reach[i]: the furthest end of ranges 0..i, so a lookup stops where nothing earlier covers.
			const reach: number[] = [];
			let furthest = 0;
			for (const range of ranges) reach.push((furthest = Math.max(furthest, range.end)));
			this.#byClient.set(client, { ranges, reach });
		}
	}

	/** The writer who deleted the item with this id, or null when the log does not say. */
	deleter(client: number, clock: number): string | null {
		const entry = this.#byClient.get(client);
		if (!entry) return null;
		const { ranges, reach } = entry;
		// Last range starting at or before clock, then back over earlier ones that may cover it.
		let low = 0;
		let high = ranges.length - 1;
		let index = -1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			if (ranges[middle]!.clock <= clock) {
				index = middle;
				low = middle + 1;
			} else high = middle - 1;
		}
		let found: string | null = null;
		for (let at = index; at >= 0 && reach[at]! > clock; at--) {
			if (ranges[at]!.end > clock) found = ranges[at]!.writer;
		}
		return found;
	}
}
