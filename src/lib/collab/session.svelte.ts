import { createSubscriber } from 'svelte/reactivity';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { CloseCode } from '#shared/protocol/closeCodes';
import type { CollabUser } from './identity';
import { forgetStory } from './rememberedStories';
import { collabBase, RoomConnection } from './RoomConnection';
import { forgetToken, storyToken } from './storyTokens';
import { watchHolds, type Hold } from './watchHolds';
import { watchPeople } from './watchPeople';
import { isRole, type Role } from '#shared/protocol/roles';
import { presenceColor } from '#shared/protocol/presenceColor';

/** What the connection pill shows. */
export type ConnectionStatus =
	'connecting' | 'connected' | 'reconnecting' | 'held' | 'offline' | 'closed';

/** Someone in the story now, as read from awareness. */
export interface Peer extends CollabUser {
	clientId: number;
	isSelf: boolean;
	/** Stamped by the server from the person's link (never the client's claim). */
	role?: Role;
}

/** If neither the server nor this device has answered by then, show the editor anyway. */
const LOAD_GRACE_MS = 4000;

function isCollabUser(value: unknown): value is CollabUser {
	if (typeof value !== 'object' || value === null) return false;
	const user = value as Record<string, unknown>;
	return (
		typeof user.id === 'string' && typeof user.name === 'string' && typeof user.color === 'string'
	);
}

/**
 * Both rooms of one story (`story:<id>` for the text, `notes:<id>` for what reviewers add), with
 * the connection state and the people present exposed as runes.
 *
 * The browser's online/offline events drive the providers directly: browsers keep an open
 * WebSocket alive when the network is emulated as offline, and an offline edit must stay local
 * until the network is really back.
 */
export class CollabSession {
	readonly storyId: string;
	readonly story: RoomConnection;
	readonly notes: RoomConnection;

	/** True once the text is known: from the server, or from this device's copy. */
	loaded = $state(false);
	/** True when the server said the story no longer exists. */
	gone = $state(false);
	/** The server refused this browser's link (revoked or expired: 4401) or an action (4403). */
	denied = $state<'unauthorized' | 'forbidden' | null>(null);
	/** The server found the story's saved data damaged (4409): it will not open until repaired. */
	damaged = $state(false);
	/**
	 * The server is holding edits back (disk full, too many comments, story at its size limit):
	 * they are kept on this device and sent again later. Null when nothing is held.
	 */
	held = $state<Hold | null>(null);
	/** True once this device's copy of the text has been read. */
	savedLocally = $state(false);
	/**
	 * The role the server last stamped on this browser's presence: set when the owner changes
	 * the link's role while the story is open (null until then: the story's role applies).
	 */
	stampedRole = $state<Role | null>(null);
	/** Likewise the name, once the owner renamed the link while the story is open. */
	stampedName = $state<string | null>(null);

	#online = $state(true);
	#socket = $state<'connected' | 'connecting' | 'disconnected'>('connecting');
	#everConnected = $state(false);
	/** The last attempt to reach the server failed (and none has succeeded since). */
	#unreachable = $state(false);
	#cleanup: Array<() => void> = [];
	/** The link this session connected with. */
	#token: string | null = null;

	#subscribePeers = createSubscriber((update) =>
		watchPeople(this.story.provider.awareness, update)
	);

	constructor(storyId: string, user: CollabUser) {
		this.storyId = storyId;
		this.#online = navigator.onLine;
		const base = collabBase(location);
		const token = storyToken(storyId);
		this.#token = token;
		this.story = new RoomConnection(storyRoom(storyId), base, this.#online, token);
		this.notes = new RoomConnection(notesRoom(storyId), base, this.#online, token);
		this.#publish(user);
		this.#watchStory();
		this.#watchDamage();
		this.#watchNetwork();
		this.#watchOwnStamp();
		this.#watchHolds();
	}

	/** Connected / connecting / reconnecting / offline (or closed for good), for the status pill. */
	get status(): ConnectionStatus {
		if (this.gone || this.denied || this.damaged) return 'closed';
		if (!this.#online) return 'offline';
		if (this.held) return 'held';
		if (this.#socket === 'connected') return 'connected';
		// The browser's online flag is only a hint (captive portals, and some browsers report
		// "online" after a reload without a network): never reached the server means offline.
		if (this.#unreachable && !this.#everConnected) return 'offline';
		return this.#everConnected ? 'reconnecting' : 'connecting';
	}

	/** Why the connection is closed for good (null while it is not), in the pill's words. */
	get closedBecause(): string | null {
		if (this.gone) return 'this story no longer exists';
		if (this.damaged) return "this story's saved data is damaged";
		if (this.denied === 'unauthorized') return 'this link no longer works';
		if (this.denied === 'forbidden') return 'refused by the server';
		return null;
	}

	/** Everyone in the story now, yourself first, one entry per person (not per tab). */
	get peers(): Peer[] {
		this.#subscribePeers();
		const awareness = this.story.provider.awareness;
		const self = awareness.clientID;
		// No prototype: an id is another client's data, and "__proto__" must be just a key.
		const byPerson: Record<string, Peer> = Object.create(null);
		for (const [clientId, state] of awareness.getStates()) {
			const user: unknown = state.user;
			if (!isCollabUser(user)) continue;
			if (byPerson[user.id]?.isSelf) continue;
			const role = (user as { role?: unknown }).role;
			byPerson[user.id] = {
				id: user.id,
				name: user.name,
				color: presenceColor(user.color),
				clientId,
				isSelf: clientId === self,
				...(isRole(role) && { role })
			};
		}
		return Object.values(byPerson).sort(
			(a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name)
		);
	}

	/** Publishes who you are to everyone in both rooms (the server stamps name and role). */
	#publish(user: CollabUser): void {
		this.story.provider.awareness.setLocalStateField('user', user);
		this.notes.provider.awareness.setLocalStateField('user', user);
	}

	destroy(): void {
		for (const cleanup of this.#cleanup) cleanup();
		this.#cleanup = [];
		this.story.destroy();
		this.notes.destroy();
	}

	/**
	 * Both rooms' "not now" closes (see watchHolds): the story's hold is what the desk says while
	 * there is one (unsaved text matters most), else the notes'.
	 */
	#watchHolds(): void {
		const holds = { story: null as Hold | null, notes: null as Hold | null };
		for (const key of ['story', 'notes'] as const) {
			const stop = watchHolds(
				this[key],
				(hold) => {
					holds[key] = hold;
					this.held = holds.story ?? holds.notes;
				},
				() => {
					holds[key] = null;
					this.held = holds.story ?? holds.notes;
				}
			);
			this.#cleanup.push(stop);
		}
	}

	/** The server restamps our presence when our link's role or name changes: follow it at once. */
	#watchOwnStamp(): void {
		const awareness = this.story.provider.awareness;
		const onChange = () => {
			const user: unknown = awareness.getLocalState()?.user;
			if (typeof user !== 'object' || user === null) return;
			const { role, name } = user as { role?: unknown; name?: unknown };
			if (isRole(role) && role !== this.stampedRole) this.stampedRole = role;
			if (this.stampedRole && typeof name === 'string' && name !== this.stampedName) {
				this.stampedName = name;
			}
		};
		awareness.on('change', onChange);
		this.#cleanup.push(() => awareness.off('change', onChange));
	}

	#watchStory(): void {
		const { provider, persistence, doc } = this.story;

		const handleStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }) => {
			this.#socket = status;
			if (status === 'connected') {
				this.#everConnected = true;
				this.#unreachable = false;
			}
		};
		const handleUnreachable = () => {
			if (this.#socket !== 'connected') this.#unreachable = true;
		};
		const handleSync = (synced: boolean) => {
			if (synced) this.loaded = true;
		};
		const handleClosed = ({ code }: { code: number }) => {
			if (code === CloseCode.unauthorized || code === CloseCode.forbidden) {
				// Reconnecting would only be refused again: stop both rooms.
				this.denied = code === CloseCode.unauthorized ? 'unauthorized' : 'forbidden';
				this.story.provider.disconnect();
				this.notes.provider.disconnect();
				// A revoked or expired link is useless: the next visit tries another one held.
				if (code === CloseCode.unauthorized && this.#token) forgetToken(this.storyId, this.#token);
				return;
			}
			if (code !== CloseCode.notFound) return;
			this.gone = true;
			forgetStory(this.storyId);
			void this.story.clearLocalCopy();
			void this.notes.clearLocalCopy();
		};
		provider.on('status', handleStatus);
		provider.on('sync', handleSync);
		provider.on('closed', handleClosed);
		provider.on('connection-error', handleUnreachable);
		provider.on('connection-close', handleUnreachable);
		this.#cleanup.push(() => {
			provider.off('connection-error', handleUnreachable);
			provider.off('connection-close', handleUnreachable);
			provider.off('status', handleStatus);
			provider.off('sync', handleSync);
			provider.off('closed', handleClosed);
		});

		let graceTimer: ReturnType<typeof setTimeout> | undefined;
		void persistence.whenSynced.then(() => {
			this.savedLocally = true;
			// A device copy with text is enough to start proofreading; an empty one waits for the
			// server a little, so a first visit does not flash an empty page.
			const hasCopy = doc.store.clients.size > 0;
			if (hasCopy || !this.#online) this.loaded = true;
			else graceTimer = setTimeout(() => (this.loaded = true), LOAD_GRACE_MS);
		});
		this.#cleanup.push(() => clearTimeout(graceTimer));
	}

	/**
	 * Either room's saved data damaged: stop both (retrying would only be refused again). The
	 * copy on this device is kept: it may be what the story is repaired from.
	 */
	#watchDamage(): void {
		for (const { provider } of [this.story, this.notes]) {
			const handleClosed = ({ code }: { code: number }) => {
				if (code !== CloseCode.storyDamaged) return;
				this.damaged = true;
				this.story.provider.disconnect();
				this.notes.provider.disconnect();
			};
			provider.on('closed', handleClosed);
			this.#cleanup.push(() => provider.off('closed', handleClosed));
		}
	}

	#watchNetwork(): void {
		const handleOnline = () => {
			this.#online = true;
			if (this.damaged) return;
			this.story.provider.connect();
			this.notes.provider.connect();
		};
		const handleOffline = () => {
			this.#online = false;
			this.story.provider.disconnect();
			this.notes.provider.disconnect();
		};
		window.addEventListener('online', handleOnline);
		window.addEventListener('offline', handleOffline);
		this.#cleanup.push(() => {
			window.removeEventListener('online', handleOnline);
			window.removeEventListener('offline', handleOffline);
		});
	}
}
