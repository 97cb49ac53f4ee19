import { describe, expect, it } from 'vitest';
import { estimateCardHeight } from '../../../src/lib/review/cardHeight';
import type { ReviewItem } from '../../../src/lib/review/reviewItems';

const author = { id: 'carol', name: 'Carol' };
const at = '2026-12-01T10:00:00.000Z';

function thread(bodies: string[], quote = 'harbour'): ReviewItem {
	return {
		kind: 'thread',
		id: 't',
		from: 1,
		to: 8,
		thread: {
			id: 't',
			status: 'open',
			anchor: { start: 0, end: quote.length, quote, detached: false },
			messages: bodies.map((body, i) => ({ id: `m${i}`, author, body, createdAt: at }))
		}
	};
}

describe('estimateCardHeight', () => {
	// Measured in Chromium at the margin's width (1400 px window): 141 px and 118 px.
	it('is close to what the usual cards measure', () => {
		expect(estimateCardHeight(thread(['Is this the word you want?']))).toBeCloseTo(141, -1);
		const suggestion: ReviewItem = {
			kind: 'suggestion',
			id: 's',
			from: 1,
			to: 5,
			suggestion: {
				id: 's',
				status: 'open',
				start: 0,
				end: 4,
				original: 'lamp',
				replacement: 'lantern',
				author,
				createdAt: at,
				detached: false
			}
		};
		expect(estimateCardHeight(suggestion)).toBeCloseTo(118, -1);
	});

	it('grows with replies, long bodies, long quotes and your own messages', () => {
		const one = estimateCardHeight(thread(['Short.']));
		expect(estimateCardHeight(thread(['Short.', 'Another.']))).toBeGreaterThan(one);
		expect(estimateCardHeight(thread(['word '.repeat(60)]))).toBeGreaterThan(one);
		expect(estimateCardHeight(thread(['Short.'], 'a quote '.repeat(12)))).toBeGreaterThan(one);
		expect(estimateCardHeight(thread(['Short.']), 'carol')).toBeGreaterThan(one);
	});
});
