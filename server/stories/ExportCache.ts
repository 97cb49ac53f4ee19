import type { ExportFile } from '../formats/exportStory';

/** Bytes of exports kept by default: a few large novels in every format. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Finished exports by content key (the story's state, its notes, the options: see
 * StoryService.exportFile), least recently used first out, bounded in bytes. The same export
 * asked for many times, or many times at once, is made once: a request for a key being made
 * waits for that making.
 */
export class ExportCache {
	readonly #done = new Map<string, ExportFile>();
	readonly #making = new Map<string, Promise<ExportFile>>();
	#bytes = 0;

	constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

	async get(key: string, make: () => Promise<ExportFile>): Promise<ExportFile> {
		const done = this.#done.get(key);
		if (done) {
			// Most recently used goes last.
			this.#done.delete(key);
			this.#done.set(key, done);
			return done;
		}
		const making = this.#making.get(key);
		if (making) return making;
		const made = make().finally(() => this.#making.delete(key));
		this.#making.set(key, made);
		this.#keep(key, await made);
		return made;
	}

	#keep(key: string, file: ExportFile): void {
		const size = sizeOf(file);
		if (size > this.maxBytes / 4) return; // one huge export would push out everything else
		this.#done.set(key, file);
		this.#bytes += size;
		for (const [oldest, old] of this.#done) {
			if (this.#bytes <= this.maxBytes) break;
			this.#done.delete(oldest);
			this.#bytes -= sizeOf(old);
		}
	}
}

function sizeOf(file: ExportFile): number {
	return typeof file.body === 'string' ? file.body.length * 2 : file.body.byteLength;
}
