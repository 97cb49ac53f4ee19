import { describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { awarenessForCarets } from '../../../src/lib/editor/awarenessForCarets';

function twoPeople() {
	const mine = new Awareness(new Y.Doc());
	const theirs = new Awareness(new Y.Doc());
	const hearTheirs = () =>
		applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
	return { mine, theirs, hearTheirs };
}

describe('awarenessForCarets', () => {
	it("passes on changes to others' state and not those to this person's own", () => {
		const { mine, theirs, hearTheirs } = twoPeople();
		const seen = awarenessForCarets(mine);
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
		const seen = awarenessForCarets(mine);
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

	it("does not send this person's caret again when it has not moved in the text", () => {
		const { mine } = twoPeople();
		const story = new Y.Doc();
		const text = story.getText('story');
		text.insert(0, 'The harbour at dusk.');
		const caretAt = (index: number) => ({
			anchor: Y.createRelativePositionFromTypeIndex(text, index),
			head: Y.createRelativePositionFromTypeIndex(text, index)
		});
		const seen = awarenessForCarets(mine);
		const updates = vi.fn();
		mine.on('update', updates);
		seen.setLocalStateField('cursor', caretAt(4));
		expect(updates).toHaveBeenCalledTimes(1);
		// Someone else types before the caret: the same place in the text, written anew.
		text.insert(0, 'Look: ');
		seen.setLocalStateField('cursor', caretAt(10));
		expect(updates).toHaveBeenCalledTimes(1);
		// A caret that did move is sent, and so is leaving (null) and any other field.
		seen.setLocalStateField('cursor', caretAt(11));
		expect(updates).toHaveBeenCalledTimes(2);
		seen.setLocalStateField('cursor', null);
		expect(updates).toHaveBeenCalledTimes(3);
		seen.setLocalStateField('user', { name: 'Ada' });
		seen.setLocalStateField('user', { name: 'Ada' });
		expect(mine.getLocalState()).toEqual({ cursor: null, user: { name: 'Ada' } });
	});
});
