import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** The WebSocket base for this page's origin: rooms live at `<base>/<room>`. */
export function collabBase(location: Location): string {
	const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
	return `${scheme}://${location.host}/collab`;
}

/** The longest a room waits for this device's copy before it dials the server anyway. */
const LOCAL_COPY_WAIT_MS = 1_500;

/**
 * One Yjs room as the browser sees it: the document, its live connection to the server and its
 * copy in IndexedDB, so edits made offline survive a reload and merge when the server is back.
 */
export class RoomConnection {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly persistence: IndexeddbPersistence;
	#destroyed = false;

	/**
	 * @param room   the room name, e.g. `story:<id>`
	 * @param base   the WebSocket base from {@link collabBase}
	 * @param connect whether to dial the server at once (false while the browser is offline)
	 * @param token  the story's share-link token (sent as `?token=`)
	 */
	constructor(room: string, base: string, connect: boolean, token: string | null = null) {
		this.persistence = new IndexeddbPersistence(`galley:${room}`, this.doc);
		this.provider = new WebsocketProvider(base, room, this.doc, {
			connect: false,
			// No second path between this browser's tabs: every update and caret went to a
			// BroadcastChannel as well as the server (a quarter to half a millisecond a keystroke
			// at novel length, with no other tab listening). Tabs meet on the server, which
			// decides what each may see.
			disableBc: true,
			...(token && { params: { token } })
		});
		if (connect) this.#connectOnceCopyRead();
	}

	/**
	 * Dials the server once this device's copy is in the doc (or after LOCAL_COPY_WAIT_MS, should
	 * IndexedDB be slow or missing). The first sync then asks only for what the copy lacks, not
	 * the whole story again; and y-indexeddb, which saves the doc whole when it opens, does not
	 * have to encode a story (and 10,000 threads) that arrived from the server before it did.
	 */
	#connectOnceCopyRead(): void {
		let dialled = false;
		const dial = () => {
			if (dialled || this.#destroyed) return;
			dialled = true;
			clearTimeout(timer);
			this.provider.connect();
		};
		const timer = setTimeout(dial, LOCAL_COPY_WAIT_MS);
		void this.persistence.whenSynced.then(dial, dial);
	}

	/** Forgets the local copy: used when the server says the story is gone. */
	async clearLocalCopy(): Promise<void> {
		await this.persistence.clearData();
	}

	destroy(): void {
		this.#destroyed = true;
		this.provider.destroy();
		void this.persistence.destroy();
		this.doc.destroy();
	}
}
