import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReviewWriteBudget } from '../../../../server/review/ReviewWriteBudget';

afterEach(() => vi.useRealTimers());

describe('ReviewWriteBudget', () => {
	it('allows the per-minute burst one at a time, then says how long to wait', () => {
		vi.useFakeTimers();
		const budget = new ReviewWriteBudget(3);
		for (let i = 0; i < 3; i++) expect(budget.spend('link-a')).toEqual({ ok: true });
		expect(budget.spend('link-a')).toEqual({ ok: false, waitSeconds: 20 });
		expect(budget.spend('link-b')).toEqual({ ok: true });
		vi.advanceTimersByTime(20_000);
		expect(budget.spend('link-a')).toEqual({ ok: true });
	});

	it('passes a batch larger than the budget whole, then holds the link until the debt is paid', () => {
		vi.useFakeTimers();
		const budget = new ReviewWriteBudget(60); // one a second
		expect(budget.spend('offline', 100)).toEqual({ ok: true });
		expect(budget.spend('offline')).toEqual({ ok: false, waitSeconds: 41 });
		vi.advanceTimersByTime(40_000);
		expect(budget.spend('offline').ok).toBe(false);
		vi.advanceTimersByTime(1_000);
		expect(budget.spend('offline').ok).toBe(true);
		expect(budget.spend('offline', 0)).toEqual({ ok: true });
	});

	it('words its refusal with the limit and the wait', () => {
		expect(new ReviewWriteBudget(60).refusal(12)).toBe(
			'At most 60 comments, replies and suggestions a minute per link: try again in 12 s.'
		);
	});
});
