import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyedBuckets } from '../../../../server/auth/TokenBucket';

describe('KeyedBuckets shared with a fleet', () => {
	beforeEach(() => vi.useFakeTimers({ now: 0 }));
	afterEach(() => vi.useRealTimers());

	it('reports what it spent, and only what it spent', () => {
		const buckets = new KeyedBuckets(3, 3 / 60);
		const spent: Array<[string, number]> = [];
		buckets.onSpend = (key, amount) => spent.push([key, amount]);
		expect(buckets.take('a')).toBe(true);
		expect(buckets.take('a', 5)).toBe(false);
		expect(buckets.takeOnCredit('b', 4)).toBe(true);
		expect(spent).toEqual([
			['a', 1],
			['b', 4]
		]);
	});

	it('charges what another process spent, into debt at most one bucket deep, then refills', () => {
		const buckets = new KeyedBuckets(3, 3 / 60);
		buckets.charge('a', 2);
		expect(buckets.take('a')).toBe(true);
		expect(buckets.take('a')).toBe(false);
		buckets.charge('a', 100);
		// Three tokens of debt, refilled one every 20 s: 80 s until one is there to take.
		expect(buckets.secondsUntil('a')).toBe(80);
		vi.advanceTimersByTime(80_000);
		expect(buckets.take('a')).toBe(true);
	});
});
