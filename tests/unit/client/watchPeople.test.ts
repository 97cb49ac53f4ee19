import { describe, expect, it, vi } from 'vitest';
import {
	Awareness,
	applyAwarenessUpdate,
	encodeAwarenessUpdate,
	removeAwarenessStates
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { watchPeople } from '../../../src/lib/collab/watchPeople';

describe('watchPeople', () => {
	it('tells of people joining, renaming and leaving, and not of carets moving', () => {
		const mine = new Awareness(new Y.Doc());
		const theirs = new Awareness(new Y.Doc());
		mine.setLocalStateField('user', { id: 'a', name: 'Ada' });
		const hear = () =>
			applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
		const onChange = vi.fn();
		const stop = watchPeople(mine, onChange);

		mine.setLocalStateField('cursor', { anchor: 1, head: 1 });
		mine.setLocalStateField('cursor', { anchor: 2, head: 2 });
		expect(onChange).not.toHaveBeenCalled();

		theirs.setLocalStateField('user', { id: 'b', name: 'Bo' });
		hear();
		expect(onChange).toHaveBeenCalledTimes(1);
		theirs.setLocalStateField('cursor', { anchor: 5, head: 5 });
		hear();
		expect(onChange).toHaveBeenCalledTimes(1);
		theirs.setLocalStateField('user', { id: 'b', name: 'Bo Jones' });
		hear();
		expect(onChange).toHaveBeenCalledTimes(2);
		mine.setLocalStateField('user', { id: 'a', name: 'Ada L.' });
		expect(onChange).toHaveBeenCalledTimes(3);
		removeAwarenessStates(mine, [theirs.clientID], 'timeout');
		expect(onChange).toHaveBeenCalledTimes(4);

		stop();
		mine.setLocalStateField('user', { id: 'a', name: 'Ada' });
		expect(onChange).toHaveBeenCalledTimes(4);
	});
});
