import type pino from 'pino';
import * as Y from 'yjs';
import type { StoredDocument } from '../storage/DocumentStore';

/**
 * Rebuilds a room's doc from its snapshot and logged updates. An update that fails to apply is
 * skipped and logged rather than losing the whole room.
 */
export function docFromStored(stored: StoredDocument, log: pino.Logger): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	const updates = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
	doc.transact(() => {
		for (const update of updates) {
			try {
				Y.applyUpdate(doc, update);
			} catch (error) {
				log.error({ err: error }, 'a stored update failed to apply');
			}
		}
	});
	if (doc.store.pendingStructs || doc.store.pendingDs) {
		log.error('stored document has updates with missing dependencies');
	}
	return doc;
}
