/**
 * Where the renderer's main thread spends its time while typing, from a Chromium trace
 * (category devtools.timeline). Each event's self time (its duration minus its children's) goes
 * to one bucket: rendering work by its kind (style, layout, paint, commit, GC), anything else by
 * the task that ran it (a key event and the browser's own editing, microtasks such as
 * ProseMirror's DOM observer and Svelte's effects, timers, animation frames).
 */

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	/** Thread (CPU) time of the event, when the trace has it. */
	tdur?: number;
	pid: number;
	tid: number;
	args?: { name?: string; data?: { type?: string } };
}

export interface TraceRow {
	bucket: string;
	/** Milliseconds per key typed (the whole typing window, pauses included, divided by keys). */
	msPerKey: number;
}

const RENDERING: Record<string, string> = {
	UpdateLayoutTree: 'style recalculation',
	Layout: 'layout',
	PrePaint: 'paint (pre-paint, paint, layerize)',
	Paint: 'paint (pre-paint, paint, layerize)',
	Layerize: 'paint (pre-paint, paint, layerize)',
	Commit: 'commit to the compositor',
	MinorGC: 'garbage collection',
	MajorGC: 'garbage collection',
	'IntersectionObserverController::computeIntersections': 'intersection observers'
};

function taskBucket(event: TraceEvent): string | null {
	switch (event.name) {
		case 'TimerFire':
			return 'timers (debounced work: anchors, margin, word count)';
		case 'FireAnimationFrame':
			return 'animation frame callbacks';
		case 'RunMicrotasks':
			return 'microtasks (ProseMirror DOM observer → transaction, Yjs, Svelte effects)';
		case 'EventDispatch': {
			const type = event.args?.data?.type ?? '?';
			if (['keydown', 'keypress', 'textInput', 'beforeinput', 'input', 'keyup'].includes(type)) {
				return 'key events (handlers and the browser inserting the text)';
			}
			return `event: ${type}`;
		}
		default:
			return null;
	}
}

/** Buckets of main-thread self time, in ms per key, most first. */
export function summarizeTrace(json: string, keys: number): TraceRow[] {
	const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
	const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
	const mainThreads = new Set(
		events
			.filter((event) => event.ph === 'M' && event.name === 'thread_name')
			.filter((event) => event.args?.name === 'CrRendererMain')
			.map((event) => `${event.pid}:${event.tid}`)
	);
	const byThread = new Map<string, TraceEvent[]>();
	for (const event of events) {
		const thread = `${event.pid}:${event.tid}`;
		if (event.ph !== 'X' || event.dur === undefined || !mainThreads.has(thread)) continue;
		const list = byThread.get(thread) ?? [];
		list.push(event);
		byThread.set(thread, list);
	}
	const totals = new Map<string, number>();
	for (const list of byThread.values()) {
		// Parents before children: earlier start first, longer first at the same start.
		list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
		const stack: Array<{ event: TraceEvent; childTime: number }> = [];
		const close = (entry: { event: TraceEvent; childTime: number }) => {
			const self = entry.event.dur! - entry.childTime;
			const ancestors = stack.map((open) => open.event);
			const bucket =
				RENDERING[entry.event.name] ??
				[entry.event, ...ancestors.reverse()].map(taskBucket).find((found) => found !== null) ??
				'other work in tasks (input routing, IPC: not broken down by the trace)';
			totals.set(bucket, (totals.get(bucket) ?? 0) + Math.max(0, self) / 1000);
			const parent = stack.at(-1);
			if (parent) parent.childTime += entry.event.dur!;
		};
		for (const event of list) {
			while (stack.length > 0 && stack.at(-1)!.event.ts + stack.at(-1)!.event.dur! <= event.ts) {
				close(stack.pop()!);
			}
			stack.push({ event, childTime: 0 });
		}
		while (stack.length > 0) close(stack.pop()!);
	}
	return [...totals]
		.map(([bucket, ms]) => ({ bucket, msPerKey: ms / keys }))
		.filter((row) => row.msPerKey >= 0.05)
		.sort((a, b) => b.msPerKey - a.msPerKey);
}

/**
 * The main thread's CPU time per key: the thread time of its tasks (nested events are counted
 * in their task). Unlike the wall-clock buckets above, it does not grow when other processes
 * take the core away from the page, so it compares builds on a busy machine.
 */
export function traceCpuPerKey(json: string, keys: number): number {
	const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
	const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
	const mainThreads = new Set(
		events
			.filter((event) => event.ph === 'M' && event.name === 'thread_name')
			.filter((event) => event.args?.name === 'CrRendererMain')
			.map((event) => `${event.pid}:${event.tid}`)
	);
	const tasks = events
		.filter((event) => event.ph === 'X' && event.dur !== undefined)
		.filter((event) => mainThreads.has(`${event.pid}:${event.tid}`))
		.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
	let cpu = 0;
	let end = -Infinity;
	for (const task of tasks) {
		if (task.ts < end) continue;
		end = task.ts + task.dur!;
		cpu += task.tdur ?? task.dur!;
	}
	return cpu / 1000 / keys;
}
