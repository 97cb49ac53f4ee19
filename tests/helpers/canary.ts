import * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { storyRoom } from '#shared/protocol/rooms';
import { tokenFor } from './links';
import { firstParagraphText } from './stories';
import { connectClient } from './wsClients';

/** Latencies seen by a canary: two editors in a story of their own. */
export interface Canary {
	/** Milliseconds from one editor's keystroke to the other seeing it, in order of arrival. */
	readonly latencies: number[];
	/** Keystrokes sent and not yet seen (a frozen server leaves them here). */
	waiting(): number;
	/** Stops typing and disconnects both. */
	stop(): void;
}

/**
 * Two editors in `storyId`: one types a numbered mark every `everyMs`, the other records how long
 * each takes to arrive, so a test can tell whether other work froze the rooms.
 */
export function startCanary(wsUrl: string, storyId: string, everyMs = 200): Canary {
	const room = storyRoom(storyId);
	const typist = connectClient(wsUrl, room, new Y.Doc(), tokenFor(storyId, 'editor'));
	const watcher = connectClient(wsUrl, room, new Y.Doc(), tokenFor(storyId, 'editor'));
	const latencies: number[] = [];
	const sentAt = new Map<string, number>();
	watcher.doc.on('update', () => {
		const text = readStoryText(watcher.doc);
		for (const [mark, at] of sentAt) {
			if (!text.includes(mark)) continue;
			latencies.push(performance.now() - at);
			sentAt.delete(mark);
		}
	});
	let count = 0;
	const timer = setInterval(() => {
		if (!typist.provider.synced || !watcher.provider.synced) return;
		const mark = `[${++count}]`;
		sentAt.set(mark, performance.now());
		firstParagraphText(typist.doc).insert(0, mark);
	}, everyMs);
	return {
		latencies,
		waiting: () => sentAt.size,
		stop() {
			clearInterval(timer);
			typist.destroy();
			watcher.destroy();
		}
	};
}

/** The `p`th percentile of `values` (0 when there are none). */
export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
