import * as decoding from 'lib0/decoding';
import { messageYjsUpdate } from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** y-websocket's message type for document sync (its handlers are indexed by it). */
const MESSAGE_SYNC = 0;

export interface PaceOptions {
	/** This person counts as typing for this long after their last key. */
	typingMs?: number;
	/** No change from someone else waits longer than this, typing or not. */
	maxDelayMs?: number;
}

/**
 * Applies others' changes between this person's keystrokes instead of at any moment. Each change
 * that arrives is a whole editor update (a few milliseconds at novel length); landing just before
 * a key, it made the key wait, so typing beside a collaborator was slower than typing alone.
 * While this person types, others' changes are held and applied together once the next
 * keystroke has been drawn (in the next frame, the pause before the following key), or after
 * `maxDelayMs` at the latest. Otherwise, and for every other message (the first sync above
 * all), nothing changes.
 *
 * Only when they are applied changes: every change is applied, in the order received, by the
 * same y-websocket provider as origin (so it is not sent back, and is saved on this device as
 * before). Returns the cleanup, which applies anything still held.
 */
export function paceRemoteUpdates(
	provider: WebsocketProvider,
	{ typingMs = 1000, maxDelayMs = 250 }: PaceOptions = {}
): () => void {
	let lastKey = -Infinity;
	let held: Uint8Array[] = [];
	let timer: ReturnType<typeof setTimeout> | undefined;
	let frame = 0;

	const applyHeld = () => {
		clearTimeout(timer);
		cancelAnimationFrame(frame);
		timer = undefined;
		frame = 0;
		if (held.length === 0) return;
		const updates = held;
		held = [];
		try {
			const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
			Y.applyUpdate(provider.doc, update, provider);
		} catch (error) {
			// As y-websocket itself does with an update it cannot apply.
			console.error('Caught error while handling a Yjs update', error);
		}
	};

	/**
	 * Applies what is held in the frame after the one now being drawn (this key's): the key is
	 * on screen first, and the next key is rarely typed within those 16 ms.
	 */
	const afterPaint = () => {
		if (frame || held.length === 0) return;
		frame = requestAnimationFrame(() => {
			frame = requestAnimationFrame(applyHeld);
		});
	};

	const onKey = () => {
		lastKey = performance.now();
		afterPaint();
	};

	const handleSync = provider.messageHandlers[MESSAGE_SYNC]!;
	provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, room, emitSynced, messageType) => {
		const typing = performance.now() - lastKey < typingMs;
		if (typing && room.synced) {
			const peek = decoding.clone(decoder);
			if (decoding.readVarUint(peek) === messageYjsUpdate) {
				held.push(decoding.readVarUint8Array(peek));
				timer ??= setTimeout(applyHeld, maxDelayMs);
				return;
			}
		}
		// Anything else keeps its place after what is held.
		applyHeld();
		handleSync(encoder, decoder, room, emitSynced, messageType);
	};

	// Capture, so no handler that stops the event hides a key; beforeinput for IME and dictation.
	const options = { capture: true, passive: true };
	window.addEventListener('keydown', onKey, options);
	window.addEventListener('beforeinput', onKey, options);
	const onStatus = ({ status }: { status: string }) => {
		if (status !== 'connected') applyHeld();
	};
	provider.on('status', onStatus);
	return () => {
		window.removeEventListener('keydown', onKey, options);
		window.removeEventListener('beforeinput', onKey, options);
		provider.off('status', onStatus);
		provider.messageHandlers[MESSAGE_SYNC] = handleSync;
		applyHeld();
	};
}
