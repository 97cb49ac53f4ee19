import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage } from '../../../../server/collab/messages';
import { CoalescedRelay } from '../../../../server/fleet/CoalescedRelay';

/** Updates typing `words` one after another into one Y.Text, each its own update. */
function typedUpdates(words: string[]): Uint8Array[] {
	const doc = new Y.Doc();
	const text = doc.getText('t');
	return words.map((word) => {
		const before = Y.encodeStateVector(doc);
		text.insert(text.length, word);
		return Y.encodeStateAsUpdate(doc, before);
	});
}

/** A client that records frames and what its own doc shows after applying them. */
function receiver() {
	const doc = new Y.Doc();
	const frames: Uint8Array[] = [];
	return {
		frames,
		text: () => doc.getText('t').toString(),
		send(frame: Uint8Array) {
			frames.push(frame);
			const message = decodeClientMessage(frame);
			if (message.kind !== 'update') throw new Error(`not an update frame: ${message.kind}`);
			Y.applyUpdate(doc, message.update);
		}
	};
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedRelay', () => {
	it('sends the updates of one turn as one frame, to every receiver', async () => {
		const a = receiver();
		const b = receiver();
		const relay = new CoalescedRelay(() => [a, b]);
		for (const update of typedUpdates(['one ', 'two ', 'three'])) relay.push(update);
		expect(a.frames).toHaveLength(0);
		await nextTurn();
		expect(a.frames).toHaveLength(1);
		expect(b.frames).toHaveLength(1);
		expect(a.text()).toBe('one two three');
		expect(b.text()).toBe('one two three');
	});

	it('sends a later turn’s updates in a frame of their own, to whoever is there then', async () => {
		const receivers = [receiver()];
		const relay = new CoalescedRelay(() => receivers);
		const [first, second] = typedUpdates(['first ', 'second']);
		relay.push(first!);
		await nextTurn();
		const late = receiver();
		receivers.push(late);
		relay.push(second!);
		await nextTurn();
		expect(receivers[0]!.frames).toHaveLength(2);
		expect(receivers[0]!.text()).toBe('first second');
		expect(late.frames).toHaveLength(1);
	});

	it('holds updates for a batch of this process on its way, 20 ms at most', () => {
		vi.useFakeTimers();
		try {
			const a = receiver();
			const relay = new CoalescedRelay(
				() => [a],
				() => true
			);
			const [one, two] = typedUpdates(['one ', 'two ']);
			// Someone else's, typed on a doc of its own (the receiver never gets the two above).
			const [three] = typedUpdates(['three']);
			relay.push(one!);
			vi.advanceTimersByTime(10);
			relay.push(two!);
			// The batch carries them: it takes what is held, and no frame of their own follows.
			expect(relay.take()).toEqual([one, two]);
			vi.advanceTimersByTime(30);
			expect(a.frames).toHaveLength(0);
			// No batch comes in time: they leave on their own.
			relay.push(three!);
			vi.advanceTimersByTime(19);
			expect(a.frames).toHaveLength(0);
			vi.advanceTimersByTime(1);
			expect(a.frames).toHaveLength(1);
			expect(a.text()).toBe('three');
		} finally {
			vi.useRealTimers();
		}
	});

	it('sends nothing after dispose', async () => {
		const a = receiver();
		const relay = new CoalescedRelay(() => [a]);
		relay.push(typedUpdates(['dropped'])[0]!);
		relay.dispose();
		await nextTurn();
		expect(a.frames).toHaveLength(0);
	});
});
