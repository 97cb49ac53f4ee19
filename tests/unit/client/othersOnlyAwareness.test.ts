import { describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { othersOnlyAwareness } from '../../../src/lib/editor/othersOnlyAwareness';

function twoPeople() {
	const mine = new Awareness(new Y.Doc());
	const theirs = new Awareness(new Y.Doc());
	const hearTheirs = () =>
		applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
	return { mine, theirs, hearTheirs };
}

describe('othersOnlyAwareness', () => {
	it("passes on changes to others' state and not those to this person's own", () => {
		const { mine, theirs, hearTheirs } = twoPeople();
		const seen = othersOnlyAwareness(mine);
		const listener = vi.fn();
		seen.on('change', listener);
		mine.setLocalStateField('cursor', { anchor: 1, head: 1 });
		mine.setLocalStateField('cursor', { anchor: 2, head: 2 });
		expect(listener).not.toHaveBeenCalled();
		theirs.setLocalStateField('cursor', { anchor: 5, head: 5 });
		hearTheirs();
		expect(listener).toHaveBeenCalledTimes(1);
		expect(listener.mock.calls[0]![0].added).toEqual([theirs.clientID]);
		// The awareness itself still tells everyone else about every change.
		const everything = vi.fn();
		mine.on('change', everything);
		mine.setLocalStateField('cursor', { anchor: 3, head: 3 });
		expect(everything).toHaveBeenCalledTimes(1);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	it('is the awareness in everything else, and off removes the filtered listener', () => {
		const { mine, theirs, hearTheirs } = twoPeople();
		const seen = othersOnlyAwareness(mine);
		seen.setLocalStateField('user', { name: 'Ada' });
		expect(mine.getLocalState()).toEqual({ user: { name: 'Ada' } });
		expect(seen.clientID).toBe(mine.clientID);
		const updates = vi.fn();
		seen.on('update', updates);
		seen.setLocalStateField('cursor', { anchor: 1, head: 1 });
		expect(updates).toHaveBeenCalledTimes(1);
		const listener = vi.fn();
		seen.on('change', listener);
		seen.off('change', listener);
		theirs.setLocalStateField('cursor', { anchor: 5, head: 5 });
		hearTheirs();
		expect(listener).not.toHaveBeenCalled();
		expect(seen.getStates().get(theirs.clientID)).toEqual({ cursor: { anchor: 5, head: 5 } });
	});
});
