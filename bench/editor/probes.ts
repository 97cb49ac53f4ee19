/**
 * Code that runs inside the page (passed to Playwright's addInitScript / evaluate, so each
 * function must be self-contained). Times are `performance.now()`: milliseconds since the
 * document's navigation started.
 *
 * "After paint" is the usual approximation: a message posted from a requestAnimationFrame
 * callback is delivered once that frame's rendering (style, layout, paint, commit) is done.
 */

/** Milestones of opening the story, each the time after the first frame that showed it. */
export interface OpenMarks {
	/** `.ProseMirror` exists (the editor was created, maybe still empty). */
	editorCreated?: number;
	/** The editor holds every block of the story. */
	editorShown?: number;
	firstCard?: number;
	/**
	 * The review is shown: the review bar counts every item, and (when there are any) the
	 * margin shows cards. Only the cards near the viewport are rendered, so this is not "every
	 * card is in the DOM".
	 */
	reviewShown?: number;
	responseEnd?: number;
	domContentLoaded?: number;
	/**
	 * Long animation frames (> 50 ms, rendering and rAF callbacks included, which the older
	 * Long Tasks API leaves out) until the story was open: count, total and longest.
	 */
	longFrames?: number;
	longFrameMs?: number;
	longestFrameMs?: number;
}

/** What the open probe waits for. */
export interface OpenExpectation {
	/** Top-level blocks of the story. */
	blocks: number;
	/** Review items (threads and suggestions); 0 for a story without any. */
	cards: number;
	/** The review bar's counts once every item is read, e.g. "200 comments · 200 suggestions". */
	counts: string;
}

/** Installed before any of the page's scripts: watches every frame until the story is open. */
export function installOpenProbe(expected: OpenExpectation): void {
	const marks: OpenMarks = {};
	const seen: Record<string, boolean> = {};
	(window as unknown as { __open: OpenMarks }).__open = marks;
	let longFrames = 0;
	let longFrameMs = 0;
	let longestFrameMs = 0;
	try {
		new PerformanceObserver((list) => {
			if (marks.longFrames !== undefined) return;
			for (const entry of list.getEntries()) {
				longFrames++;
				longFrameMs += entry.duration;
				longestFrameMs = Math.max(longestFrameMs, entry.duration);
			}
		}).observe({ type: 'long-animation-frame', buffered: true });
	} catch {
		// No Long Animation Frames API in this browser.
	}
	const afterPaint = (name: keyof OpenMarks) => {
		if (seen[name]) return;
		seen[name] = true;
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			marks[name] = performance.now();
		};
		channel.port2.postMessage(null);
	};
	const frame = () => {
		const root = document.querySelector('.ProseMirror');
		if (root) afterPaint('editorCreated');
		if (root && root.childElementCount >= expected.blocks) afterPaint('editorShown');
		const cards = document.querySelectorAll('[data-review-card]').length;
		if (cards > 0) afterPaint('firstCard');
		const counts = document.querySelector('.review-bar .counts')?.textContent?.trim();
		if (counts === expected.counts && (expected.cards === 0 || cards > 0)) {
			afterPaint('reviewShown');
		}
		if (seen.editorShown && seen.reviewShown) {
			const navigation = performance.getEntriesByType('navigation')[0] as
				PerformanceNavigationTiming | undefined;
			marks.responseEnd = navigation?.responseEnd;
			marks.domContentLoaded = navigation?.domContentLoadedEventEnd;
			// Frames end after their paint: let the observer hear about the last one first.
			setTimeout(() => {
				marks.longFrameMs = longFrameMs;
				marks.longestFrameMs = longestFrameMs;
				marks.longFrames = longFrames;
			}, 100);
			return;
		}
		requestAnimationFrame(frame);
	};
	requestAnimationFrame(frame);
}

/** One keystroke: when the key went down, when its input was handled, when it was painted. */
export interface KeyMark {
	key: string;
	/** The keydown event's timestamp. */
	down: number;
	/** A task posted from the `input` event ran: all synchronous and microtask work is done. */
	handled?: number;
	/** The first frame after the input was painted. */
	painted?: number;
}

/** Starts recording keystrokes (printable keys and Backspace) into `window.__keys`. */
export function installKeyProbe(): void {
	const keys: KeyMark[] = [];
	const waiting: Array<{ count: number; resolve: () => void }> = [];
	const page = window as unknown as {
		__keys: KeyMark[];
		__painted: (count: number) => Promise<void>;
	};
	page.__keys = keys;
	/** Resolves once `count` keystrokes have been painted (the runner waits on it between keys). */
	page.__painted = (count) =>
		new Promise((resolve) => {
			waiting.push({ count, resolve });
			settle();
		});
	const settle = () => {
		const painted = keys.filter((mark) => mark.painted !== undefined).length;
		for (const wait of waiting.splice(0)) {
			if (painted >= wait.count) wait.resolve();
			else waiting.push(wait);
		}
	};
	let current: KeyMark | null = null;
	const afterPaint = (mark: KeyMark) =>
		requestAnimationFrame(() => {
			const channel = new MessageChannel();
			channel.port1.onmessage = () => {
				mark.painted ??= performance.now();
				settle();
			};
			channel.port2.postMessage(null);
		});
	const timed = new WeakSet<KeyMark>();
	const handledAfter = (mark: KeyMark) => {
		if (timed.has(mark)) return;
		timed.add(mark);
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			mark.handled ??= performance.now();
		};
		channel.port2.postMessage(null);
		afterPaint(mark);
	};
	window.addEventListener(
		'keydown',
		(event) => {
			if (event.key.length !== 1 && event.key !== 'Backspace') return;
			current = { key: event.key, down: event.timeStamp };
			keys.push(current);
		},
		true
	);
	// A key the editor handled itself (prevented) gets no input event: time it from here.
	window.addEventListener('keydown', (event) => {
		const mark = current;
		if (!mark || mark.down !== event.timeStamp || !event.defaultPrevented) return;
		handledAfter(mark);
	});
	// Nor does a character the editor took at keypress (suggesting mode): time it from there.
	window.addEventListener('keypress', (event) => {
		if (current && event.defaultPrevented) handledAfter(current);
	});
	window.addEventListener(
		'input',
		() => {
			if (current) handledAfter(current);
		},
		true
	);
	const events: TimedEvent[] = [];
	(window as unknown as { __events: TimedEvent[] }).__events = events;
	try {
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries() as PerformanceEventTiming[]) {
				events.push({
					name: entry.name,
					start: entry.startTime,
					duration: entry.duration,
					interaction: entry.interactionId
				});
			}
		}).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
	} catch {
		// No Event Timing in this browser.
	}
}

/** An Event Timing entry (only those of 16 ms or more are reported). */
export interface TimedEvent {
	name: string;
	start: number;
	duration: number;
	interaction: number;
}
