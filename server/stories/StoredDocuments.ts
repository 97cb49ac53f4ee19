import * as Y from 'yjs';
import type { DocumentStore } from '../storage/DocumentStore';
import type { LiveDocuments } from './LiveDocuments';

/** LiveDocuments straight from storage, for the CLI: nobody is present and no room is loaded. */
export class StoredDocuments implements LiveDocuments {
	constructor(private readonly store: DocumentStore) {}

	async readDocument(room: string): Promise<Y.Doc> {
		const stored = await this.store.loadDocument(room);
		const doc = new Y.Doc({ gc: true });
		doc.transact(() => {
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(doc, update);
		});
		return doc;
	}

	presence(): number {
		return 0;
	}

	async dropRoom(): Promise<void> {}
}
