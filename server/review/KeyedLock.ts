/**
 * Runs tasks one at a time per key, in the order they arrive: e.g. accepting a suggestion reads
 * its status, edits the story and then marks it, and a second accept must not start before the
 * first one's mark is visible. A failed task does not block the ones after it. Keys with
 * nothing queued hold no memory.
 */
export class KeyedLock {
	/** Per key, the promise of its last queued task, settled (never rejected) when it ends. */
	readonly #tails = new Map<string, Promise<void>>();

	run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const result = (this.#tails.get(key) ?? Promise.resolve()).then(task);
		const tail = result.then(
			() => undefined,
			() => undefined
		);
		this.#tails.set(key, tail);
		void tail.then(() => {
			if (this.#tails.get(key) === tail) this.#tails.delete(key);
		});
		return result;
	}

	/** Keys with a task queued or running (for tests). */
	get size(): number {
		return this.#tails.size;
	}
}
