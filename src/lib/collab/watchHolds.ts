import { CloseCode } from '#shared/protocol/closeCodes';
import type { RoomConnection } from './RoomConnection';
import { retryDelayMs } from './retryDelay';

/** Why the server is holding this room's edits back (see CloseCode). */
export type HoldKind = 'notSaved' | 'slowDown' | 'busy' | 'full';

export interface Hold {
	kind: HoldKind;
	/** The server's own words, e.g. "not saved: the disk is full; retrying". */
	reason: string;
}

const KIND_OF: Partial<Record<number, HoldKind>> = {
	[CloseCode.notSaved]: 'notSaved',
	[CloseCode.slowDown]: 'slowDown',
	[CloseCode.tryAgainLater]: 'busy',
	[CloseCode.storyFull]: 'full'
};

/** A connection open this long without being held again means the server took our edits. */
const STEADY_MS = 5_000;
/** After a "story full" refusal, the next local edit (e.g. a deletion) tries again this soon. */
const FULL_RETRY_AFTER_EDIT_MS = 1_500;

/**
 * Follows one room's closes that mean "later, not now" and takes over its reconnecting from
 * y-websocket (whose backoff stops at 2.5 s and restarts at every sync): a full disk or a rate
 * limit is waited out doubling from 2 s to a minute; a full story is retried once the person
 * edits (deleting text is what makes room). Returns the cleanup.
 */
export function watchHolds(
	room: RoomConnection,
	onHold: (hold: Hold) => void,
	onRelease: () => void
): () => void {
	const { provider, doc, persistence } = room;
	let attempts = 0;
	let held = false;
	let full = false;
	let retryTimer: ReturnType<typeof setTimeout> | undefined;
	let steadyTimer: ReturnType<typeof setTimeout> | undefined;

	const reconnectAfter = (ms: number) => {
		clearTimeout(retryTimer);
		retryTimer = setTimeout(() => provider.connect(), ms);
	};
	const handleClose = (event: CloseEvent | null) => {
		clearTimeout(steadyTimer);
		const kind = event ? KIND_OF[event.code] : undefined;
		if (!event || !kind) return;
		held = true;
		full = kind === 'full';
		onHold({ kind, reason: event.reason });
		// After y-websocket has finished with this close (it schedules its own retry next).
		queueMicrotask(() => {
			provider.disconnect();
			if (!full) reconnectAfter(retryDelayMs(attempts++));
		});
	};
	const handleStatus = ({ status }: { status: string }) => {
		clearTimeout(steadyTimer);
		if (status !== 'connected' || !held) return;
		steadyTimer = setTimeout(() => {
			held = full = false;
			attempts = 0;
			onRelease();
		}, STEADY_MS);
	};
	const handleUpdate = (_update: Uint8Array, origin: unknown) => {
		// The person's own edit: remote ones come from the provider, the device copy from IndexedDB.
		const local = origin !== provider && origin !== persistence;
		if (full && local) reconnectAfter(FULL_RETRY_AFTER_EDIT_MS);
	};
	provider.on('connection-close', handleClose);
	provider.on('status', handleStatus);
	doc.on('update', handleUpdate);
	return () => {
		clearTimeout(retryTimer);
		clearTimeout(steadyTimer);
		provider.off('connection-close', handleClose);
		provider.off('status', handleStatus);
		doc.off('update', handleUpdate);
	};
}
