/**
 * The History panel's state for one story: its versions, and what the sheet shows instead of
 * the live editor while someone looks back (two versions compared, or who wrote what).
 */
import type {
	AuthorshipResponse,
	BulkAction,
	DiffResponse,
	HistoryAuthor,
	VersionSummary
} from '#shared/api/types';
import { personKey } from './markedText';
import { personColor } from './versionLabels';
import {
	compareVersions,
	listVersions,
	nameVersion,
	readAuthorship,
	renameVersion,
	restoreVersion,
	saveVersionBefore
} from '$lib/collab/historyApi';
import { ApiError } from '$lib/collab/storiesApi';

/** What the sheet shows while looking back. `from`/`to`: version ids, `baseline` or `current`. */
export type HistoryView =
	| { kind: 'compare'; from: string; to: string; diff: DiffResponse | null; error: string | null }
	| { kind: 'authorship'; data: AuthorshipResponse | null; error: string | null };

/** How long a bulk action waits for its version before going ahead (offline, say). */
const SAVE_BEFORE_TIMEOUT_MS = 5000;
/** While the panel is open, the list follows versions made by the server (pauses, other people). */
const REFRESH_MS = 30_000;

const messageOf = (error: unknown) =>
	error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';

export class HistoryState {
	open = $state(false);
	versions = $state.raw<VersionSummary[]>([]);
	loading = $state(false);
	error = $state<string | null>(null);
	view = $state.raw<HistoryView | null>(null);
	/** A short message after an action ("Version named."), cleared after a while. */
	notice = $state<string | null>(null);
	/** The version being restored (its button shows progress); null otherwise. */
	restoring = $state<string | null>(null);

	#timer: ReturnType<typeof setInterval> | undefined;
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;
	/** Each person keeps one colour in every view while the desk is open, in order of first sight. */
	// Not reactive on purpose: filled while rendering, it never needs to re-render anything.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #colours = new Map<string, string>();
	/** Only the newest answer of a kind is shown (a slow old one must not replace it). */
	#asked = 0;

	constructor(readonly storyId: string) {}

	toggle(open = !this.open): void {
		this.open = open;
		clearInterval(this.#timer);
		if (!open) return;
		void this.refresh();
		this.#timer = setInterval(() => void this.refresh(), REFRESH_MS);
	}

	async refresh(): Promise<void> {
		this.loading = true;
		try {
			this.versions = await listVersions(this.storyId);
			this.error = null;
		} catch (error) {
			this.error = messageOf(error);
		} finally {
			this.loading = false;
		}
	}

	async name(name: string): Promise<boolean> {
		return this.#act(async () => {
			await nameVersion(this.storyId, name);
			this.say(`Saved as “${name.trim()}”.`);
		});
	}

	async rename(versionId: string, name: string | null): Promise<boolean> {
		return this.#act(async () => {
			await renameVersion(this.storyId, versionId, name);
		});
	}

	/** Restores a version on top of the current text; everyone sees it live. */
	async restore(versionId: string): Promise<boolean> {
		this.restoring = versionId;
		try {
			return await this.#act(async () => {
				await restoreVersion(this.storyId, versionId);
				this.view = null;
				this.say('Restored. The text before it is saved as a version: restore that to undo.');
			});
		} finally {
			this.restoring = null;
		}
	}

	async compare(from: string, to = 'current'): Promise<void> {
		const asked = ++this.#asked;
		void this.refresh();
		this.view = { kind: 'compare', from, to, diff: null, error: null };
		try {
			const diff = await compareVersions(this.storyId, from, to);
			if (asked === this.#asked) this.view = { kind: 'compare', from, to, diff, error: null };
		} catch (error) {
			if (asked === this.#asked) {
				this.view = { kind: 'compare', from, to, diff: null, error: messageOf(error) };
			}
		}
	}

	async showAuthorship(): Promise<void> {
		const asked = ++this.#asked;
		void this.refresh();
		this.view = { kind: 'authorship', data: null, error: null };
		try {
			const data = await readAuthorship(this.storyId);
			if (asked === this.#asked) this.view = { kind: 'authorship', data, error: null };
		} catch (error) {
			if (asked === this.#asked)
				this.view = { kind: 'authorship', data: null, error: messageOf(error) };
		}
	}

	/** Back to the live story. */
	closeView(): void {
		this.#asked++;
		this.view = null;
	}

	/**
	 * Saves the story before a bulk action changes it, so the action can be taken back from
	 * History. Never blocks the action for long: offline, it goes ahead after a few seconds.
	 */
	async saveBefore(action: BulkAction): Promise<void> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<void>(
			(resolve) => (timer = setTimeout(resolve, SAVE_BEFORE_TIMEOUT_MS))
		);
		try {
			await Promise.race([saveVersionBefore(this.storyId, action).then(() => undefined), timeout]);
		} catch {
			// Not saved (offline, or no longer allowed): the action still runs, and can be undone.
		} finally {
			clearTimeout(timer);
		}
		if (this.open) void this.refresh();
	}

	colourOf(author: HistoryAuthor): string {
		const key = personKey(author);
		let colour = this.#colours.get(key);
		if (!colour) this.#colours.set(key, (colour = personColor(this.#colours.size)));
		return colour;
	}

	say(message: string): void {
		this.notice = message;
		clearTimeout(this.#noticeTimer);
		this.#noticeTimer = setTimeout(() => (this.notice = null), 6000);
	}

	destroy(): void {
		clearInterval(this.#timer);
		clearTimeout(this.#noticeTimer);
	}

	async #act(action: () => Promise<void>): Promise<boolean> {
		try {
			await action();
			this.error = null;
			await this.refresh();
			return true;
		} catch (error) {
			this.error = messageOf(error);
			return false;
		}
	}
}
