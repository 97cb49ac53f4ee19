/**
 * Which of a room's sequence numbers this process has applied to its doc: everything up to a
 * watermark, plus runs beyond it that arrived early. A run that does not start right after the
 * watermark means something between was missed (or is late): `missing` says so.
 */
export class AppliedSeqs {
	#through: number;
	/** Applied runs beyond the watermark, from → to, not touching it. */
	readonly #ahead = new Map<number, number>();

	constructor(through: number) {
		this.#through = through;
	}

	/** Every sequence number up to this one is applied: a snapshot up to here loses nothing. */
	get through(): number {
		return this.#through;
	}

	/** True when the whole run is applied already. */
	covers(from: number, to: number): boolean {
		if (to <= this.#through) return true;
		for (const [start, end] of this.#ahead) if (start <= from && to <= end) return true;
		return false;
	}

	/** Records a run as applied. */
	add(from: number, to: number): void {
		if (to <= this.#through) return;
		if (from <= this.#through + 1) {
			this.#through = to;
		} else {
			this.#ahead.set(from, Math.max(to, this.#ahead.get(from) ?? 0));
		}
		this.#absorb();
	}

	/** Whether a gap lies between the watermark and a run applied beyond it. */
	get missing(): boolean {
		return this.#ahead.size > 0;
	}

	/** The newest sequence number applied, counting runs beyond the watermark. */
	get newest(): number {
		let newest = this.#through;
		for (const end of this.#ahead.values()) newest = Math.max(newest, end);
		return newest;
	}

	/** Folds runs that now touch the watermark into it. */
	#absorb(): void {
		for (let moved = true; moved;) {
			moved = false;
			for (const [start, end] of this.#ahead) {
				if (start > this.#through + 1) continue;
				this.#ahead.delete(start);
				this.#through = Math.max(this.#through, end);
				moved = true;
			}
		}
	}
}
