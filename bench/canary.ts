import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText } from '#shared/model/storyDoc';
import { storyRoom } from '#shared/protocol/rooms';

/** Latencies seen by a canary: two editors in a story of their own. */
export interface Canary {
	/** Milliseconds from one editor's keystroke to the other seeing it, in order of arrival. */
	readonly latencies: number[];
	/** Keystrokes sent and not yet seen (a frozen server leaves them here). */
	waiting(): number;
	/** Stops typing and disconnects both. */
	stop(): void;
}

function editor(wsUrl: string, storyId: string, token: string): WebsocketProvider {
	return new WebsocketProvider(wsUrl, storyRoom(storyId), new Y.Doc(), {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
}

/** Where the typist types: the text of the story's first paragraph. */
function firstText(doc: Y.Doc): Y.XmlText {
	const paragraph = doc.getXmlFragment(STORY_FIELD).get(0) as Y.XmlElement;
	return paragraph.get(0) as Y.XmlText;
}

/**
 * Two editors in `storyId` (opened with `token`): one types a numbered mark every `everyMs`, the
 * other records how long each takes to arrive, so a test or bench can tell whether other work
 * froze the rooms. The story must start with a paragraph of text.
 */
export function startCanary(wsUrl: string, storyId: string, token: string, everyMs = 200): Canary {
	const typist = editor(wsUrl, storyId, token);
	const watcher = editor(wsUrl, storyId, token);
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
		if (!typist.synced || !watcher.synced) return;
		const mark = `[${++count}]`;
		sentAt.set(mark, performance.now());
		firstText(typist.doc).insert(0, mark);
	}, everyMs);
	return {
		latencies,
		waiting: () => sentAt.size,
		stop() {
			clearInterval(timer);
			for (const provider of [typist, watcher]) {
				provider.destroy();
				provider.doc.destroy();
			}
		}
	};
}

/** The `p`th percentile of `values` (0 when there are none). */
export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
