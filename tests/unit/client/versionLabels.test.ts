import { describe, expect, it } from 'vitest';
import { peopleList, versionTitle, wordsDelta } from '../../../src/lib/history/versionLabels';

describe('version labels', () => {
	it('reads words gained and lost, and lists people', () => {
		expect(wordsDelta(12)).toBe('+12 words');
		expect(wordsDelta(-1)).toBe('−1 word');
		expect(wordsDelta(0)).toBe('same length');
		expect(peopleList(['Sam'])).toBe('Sam');
		expect(peopleList(['Sam', 'Ada'])).toBe('Sam and Ada');
		expect(peopleList(['Sam', 'Ada', 'Lee', 'Kim'])).toBe('Sam, Ada and 2 others');
		expect(versionTitle({ name: null, kind: 'before-fix-all' })).toBe('Before “Fix all”');
		expect(versionTitle({ name: 'Sent to beta readers', kind: 'auto' })).toBe(
			'Sent to beta readers'
		);
	});
});
