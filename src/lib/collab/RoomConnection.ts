import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** The WebSocket base for this page's origin: rooms live at `<base>/<room>`. */
export function collabBase(location: Location): string {
	const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
	return `${scheme}://${location.host}/collab`;
}

/**
 * One Yjs room as the browser sees it: the document, its live connection to the server and its
 * copy in IndexedDB, so edits made offline survive a reload and merge when the server is back.
 */
export class RoomConnection {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly persistence: IndexeddbPersistence;

	/**
	 * @param room   the room name, e.g. `story:<id>`
	 * @param base   the WebSocket base from {@link collabBase}
	 * @param connect whether to dial the server at once (false while the browser is offline)
	 * @param token  the story's share-link token (sent as `?token=`)
	 */
	constructor(room: string, base: string, connect: boolean, token: string | null = null) {
		this.persistence = new IndexeddbPersistence(`galley:${room}`, this.doc);
		this.provider = new WebsocketProvider(base, room, this.doc, {
			connect,
			...(token && { params: { token } })
		});
	}

	/** Forgets the local copy: used when the server says the story is gone. */
	async clearLocalCopy(): Promise<void> {
		await this.persistence.clearData();
	}

	destroy(): void {
		this.provider.destroy();
		void this.persistence.destroy();
		this.doc.destroy();
	}
}
