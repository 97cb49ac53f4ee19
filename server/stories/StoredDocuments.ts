import type * as Y from 'yjs';
import { docFromStored, storedRows } from '../collab/docFromStored';
import type { DocumentStore } from '../storage/DocumentStore';
import type { DocumentState, LiveDocuments } from './LiveDocuments';

/** LiveDocuments straight from storage, for the CLI: nobody is present and no room is loaded. */
export class StoredDocuments implements LiveDocuments {
	constructor(private readonly store: DocumentStore) {}

	/** Throws DamagedDocumentError when a stored row of the room is damaged. */
	async readDocument(room: string): Promise<Y.Doc> {
		return docFromStored(room, await this.store.loadDocument(room));
	}

	async readState(room: string): Promise<DocumentState> {
		return storedRows(room, await this.store.loadDocument(room));
	}

	presence(): number {
		return 0;
	}

	async dropRoom(): Promise<void> {}
}
