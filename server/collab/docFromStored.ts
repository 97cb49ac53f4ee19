import * as Y from 'yjs';
import type { DamagedRow, StoredDocument } from '../storage/DocumentStore';
import type { DocumentState } from '../stories/LiveDocuments';

/**
 * A room whose stored rows do not read back as written. It is never served (not even empty) and
 * never compacted, so the damaged bytes are never overwritten.
 */
export class DamagedDocumentError extends Error {
	constructor(
		readonly room: string,
		readonly rows: readonly DamagedRow[]
	) {
		super(`The saved data of ${room} is damaged (${describeDamage(rows)}).`);
		this.name = 'DamagedDocumentError';
	}
}

/** One line naming the damaged rows, e.g. `snapshot: checksum mismatch…; update 12: …`. */
export function describeDamage(rows: readonly DamagedRow[]): string {
	return rows
		.map((row) => `${row.kind === 'snapshot' ? 'snapshot' : `update ${row.seq}`}: ${row.reason}`)
		.join('; ');
}

/**
 * Rebuilds a room's doc from its snapshot and logged updates and says which rows are damaged:
 * those the store found changed since written (checksum), plus the first that does not apply
 * cleanly in Yjs (it throws, or leaves structs or deletes pending: every stored update was
 * checked to apply whole, so a row that needs missing parts is a cut or altered one). A damaged
 * room's doc is partial: use it for nothing but the report.
 */
export function inspectStored(stored: StoredDocument): { doc: Y.Doc; damaged: DamagedRow[] } {
	const damaged = [...stored.damaged];
	const doc = new Y.Doc({ gc: true });
	const rows: Array<{ kind: DamagedRow['kind']; seq: number | null; bytes: Uint8Array }> = [];
	if (stored.snapshot) rows.push({ kind: 'snapshot', seq: null, bytes: stored.snapshot });
	stored.updates.forEach((bytes, index) =>
		rows.push({ kind: 'update', seq: stored.updateSeqs[index] ?? null, bytes })
	);
	// One transaction for all rows: a long log loads as fast as before (pending parts are
	// still recorded per row).
	doc.transact(() => {
		for (const row of rows) {
			const reason = applyRow(doc, row.bytes);
			if (reason === null) continue;
			if (!damaged.some((known) => known.kind === row.kind && known.seq === row.seq)) {
				damaged.push({ kind: row.kind, seq: row.seq, reason });
			}
			break; // what follows may only be missing what this row held
		}
	});
	return { doc, damaged };
}

/** Null when the row applied whole; else why not. */
function applyRow(doc: Y.Doc, bytes: Uint8Array): string | null {
	try {
		Y.applyUpdate(doc, bytes);
	} catch (error) {
		return `does not decode (${error instanceof Error ? error.message : String(error)})`;
	}
	if (doc.store.pendingStructs || doc.store.pendingDs) {
		return 'decodes only in part: it refers to content that is not stored';
	}
	return null;
}

/**
 * A room's stored rows in the order they apply (snapshot, then the log), unread; throws
 * DamagedDocumentError when the store found a row changed since it was written.
 */
export function storedRows(room: string, stored: StoredDocument): DocumentState {
	if (stored.damaged.length > 0) throw new DamagedDocumentError(room, stored.damaged);
	return {
		parts: stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates,
		seq: stored.lastSeq
	};
}

/** The room's doc from storage; throws DamagedDocumentError when any stored row is damaged. */
export function docFromStored(room: string, stored: StoredDocument): Y.Doc {
	const { doc, damaged } = inspectStored(stored);
	if (damaged.length > 0) {
		doc.destroy();
		throw new DamagedDocumentError(room, damaged);
	}
	return doc;
}
