/** Key of one keystroke: the typing client's Yjs id and the clock of its character. */
export function editKey(client: number, clock: number): number {
	// Client ids are below 2^32 and clocks of a benchmark run far below 2^20: exact in a double.
	return client * 1_048_576 + clock;
}

/** Edit-to-arrival latency over every (keystroke, observer in its room) pair of a window. */
export interface LatencySummary {
	/** Pairs measured (keystrokes sent in the window × observers in their room). */
	pairs: number;
	/** Pairs that had not arrived when the drain period ended; counted as infinitely late. */
	undelivered: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

/** Where an observer recorded each edit's arrival. */
export interface ArrivalLog {
	room: number;
	arrivals: Map<number, number>;
}

/** Nearest-rank percentile of an ascending array; Infinity entries stand for undelivered edits. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank]!;
}

/** Pairs each keystroke with its arrival at every observer of its room. */
export function summariseLatency(sends: Float64Array[], observers: ArrivalLog[]): LatencySummary {
	const latencies: number[] = [];
	for (const records of sends) {
		for (let i = 0; i < records.length; i += 4) {
			const room = records[i]!;
			const key = editKey(records[i + 1]!, records[i + 2]!);
			const sentAt = records[i + 3]!;
			for (const observer of observers) {
				if (observer.room !== room) continue;
				const arrivedAt = observer.arrivals.get(key);
				latencies.push(arrivedAt === undefined ? Infinity : arrivedAt - sentAt);
			}
		}
	}
	latencies.sort((a, b) => a - b);
	return {
		pairs: latencies.length,
		undelivered: latencies.filter((l) => l === Infinity).length,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		max: latencies.length ? latencies[latencies.length - 1]! : Number.NaN
	};
}

/** True when every keystroke of `sends` has arrived at every observer of its room. */
export function allArrived(sends: Float64Array[], observers: ArrivalLog[]): boolean {
	for (const records of sends) {
		for (let i = 0; i < records.length; i += 4) {
			const key = editKey(records[i + 1]!, records[i + 2]!);
			for (const observer of observers) {
				if (observer.room === records[i] && !observer.arrivals.has(key)) return false;
			}
		}
	}
	return true;
}
