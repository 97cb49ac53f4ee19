import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';

const MESSAGE_SYNC = 0;
const TYPING = Symbol('typing');

/**
 * A person typing in a story over the y-websocket protocol: does the real sync handshake, then
 * types into its own copy (inserting, backspacing, moving to another paragraph) and sends each
 * keystroke's update as a provider would. Like the collab bench's LightClient it never applies
 * what others send (its edits only reference items it knows, which stays valid Yjs), so it can
 * type fast on a small machine; `onUpdate` sees every update it receives (the observer's use).
 */
export class Typist {
	readonly doc = new Y.Doc();
	/** Called with each keystroke's client id, clock and send time. */
	onSend: ((client: number, clock: number, at: number) => void) | null = null;
	/** Called with each update received after the handshake. */
	onUpdate: ((update: Uint8Array) => void) | null = null;
	private ws: WebSocket | null = null;
	private synced = false;
	private text: Y.XmlText | null = null;
	private cursor = 0;
	private typed = 0;

	constructor(
		readonly url: string,
		private readonly random: () => number
	) {
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== TYPING || this.ws?.readyState !== WebSocket.OPEN) return;
			const meta = Y.parseUpdateMeta(update);
			const clock = meta.from.get(this.doc.clientID) ?? -1;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeUpdate(encoder, update);
			const at = performance.now();
			this.ws.send(encoding.toUint8Array(encoder));
			if (clock >= 0) this.onSend?.(this.doc.clientID, clock, at);
		});
	}

	connect(): Promise<void> {
		return new Promise((resolve, reject) => {
			const ws = new WebSocket(this.url);
			this.ws = ws;
			ws.on('open', () => {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_SYNC);
				syncProtocol.writeSyncStep1(encoder, this.doc);
				ws.send(encoding.toUint8Array(encoder));
			});
			ws.on('message', (data: Buffer) => {
				const decoder = decoding.createDecoder(new Uint8Array(data));
				if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
				if (!this.synced) {
					const encoder = encoding.createEncoder();
					encoding.writeVarUint(encoder, MESSAGE_SYNC);
					const type = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
					if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
					if (type === syncProtocol.messageYjsSyncStep2) {
						this.synced = true;
						this.moveToRandomParagraph();
						resolve();
					}
					return;
				}
				const syncType = decoding.readVarUint(decoder);
				if (syncType === syncProtocol.messageYjsUpdate) {
					this.onUpdate?.(decoding.readVarUint8Array(decoder));
				}
			});
			ws.on('error', (error) => {
				if (!this.synced) reject(error);
			});
			ws.on('close', (code, reason) => {
				if (!this.synced) reject(new Error(`closed before sync: ${code} ${reason.toString()}`));
			});
		});
	}

	/** One keystroke: mostly a letter or space, sometimes a backspace or a move elsewhere. */
	type(): void {
		if (!this.text) return;
		const roll = this.random();
		if (roll < 0.02) return this.moveToRandomParagraph();
		this.doc.transact(() => {
			if (roll < 0.12 && this.cursor > 0) {
				this.text!.delete(--this.cursor, 1);
			} else {
				const char = this.typed++ % 6 === 5 ? ' ' : String.fromCharCode(97 + (this.typed % 26));
				this.text!.insert(this.cursor++, char);
			}
		}, TYPING);
	}

	close(): Promise<void> {
		const ws = this.ws;
		if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
		return new Promise((resolve) => {
			ws.once('close', () => resolve());
			ws.close();
		});
	}

	private moveToRandomParagraph(): void {
		const fragment = this.doc.getXmlFragment(STORY_FIELD);
		for (let tries = 0; tries < 20; tries++) {
			const block = fragment.get(Math.floor(this.random() * fragment.length));
			const text = block instanceof Y.XmlElement ? block.get(0) : null;
			if (text instanceof Y.XmlText) {
				this.text = text;
				this.cursor = Math.floor(this.random() * (text.length + 1));
				return;
			}
		}
	}
}
