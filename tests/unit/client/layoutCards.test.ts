import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutCards, layoutCardTops, type CardBox } from '../../../src/lib/review/layoutCards';

const GAP = 10;

function overlaps(cards: CardBox[], tops: Map<string, number>): boolean {
	const placed = cards
		.map((card) => ({ top: tops.get(card.id)!, bottom: tops.get(card.id)! + card.height }))
		.sort((a, b) => a.top - b.top);
	return placed.some((card, i) => i > 0 && card.top < placed[i - 1]!.bottom + GAP - 1e-9);
}

describe('layoutCards', () => {
	it('keeps cards level with their passages when there is room', () => {
		const cards = [
			{ id: 'a', top: 0, height: 50 },
			{ id: 'b', top: 200, height: 50 }
		];
		expect([...layoutCards(cards, null, GAP)]).toEqual([
			['a', 0],
			['b', 200]
		]);
	});

	it('pushes later cards down when passages are close', () => {
		const cards = [
			{ id: 'a', top: 100, height: 80 },
			{ id: 'b', top: 120, height: 40 }
		];
		const tops = layoutCards(cards, null, GAP);
		expect(tops.get('a')).toBe(100);
		expect(tops.get('b')).toBe(190);
	});

	it('keeps the focused card beside its passage and moves earlier cards up', () => {
		const cards = [
			{ id: 'a', top: 100, height: 80 },
			{ id: 'b', top: 120, height: 40 }
		];
		const tops = layoutCards(cards, 'b', GAP);
		expect(tops.get('b')).toBe(120);
		expect(tops.get('a')).toBe(30);
	});

	it('never places a card above the margin, giving up the pin when it must', () => {
		const cards = [
			{ id: 'a', top: 0, height: 100 },
			{ id: 'b', top: 20, height: 40 }
		];
		const tops = layoutCards(cards, 'b', GAP);
		expect(tops.get('a')).toBe(0);
		expect(tops.get('b')).toBe(110);
	});

	it('never overlaps, never goes above zero, and pins the focused card when it can', () => {
		const card = fc.record({ top: fc.nat(5000), height: fc.integer({ min: 1, max: 400 }) });
		fc.assert(
			fc.property(fc.array(card, { minLength: 1, maxLength: 40 }), fc.nat(), (raw, pick) => {
				const cards = raw.map((box, i) => ({ id: `c${i}`, ...box })).sort((a, b) => a.top - b.top);
				const focused = cards[pick % cards.length]!;
				const tops = layoutCards(cards, focused.id, GAP);
				expect(overlaps(cards, tops)).toBe(false);
				for (const top of tops.values()) expect(top).toBeGreaterThanOrEqual(0);
				// Room above the focused card for everything before it: it stays put.
				const before = cards.slice(0, cards.indexOf(focused));
				const needed = before.reduce((sum, box) => sum + box.height + GAP, 0);
				if (needed <= focused.top) expect(tops.get(focused.id)).toBe(focused.top);
			})
		);
	});
});

describe('layoutCardTops', () => {
	it('gives increasing tops in input order, as cardWindow needs', () => {
		const card = fc.record({ top: fc.nat(5000), height: fc.integer({ min: 1, max: 400 }) });
		fc.assert(
			fc.property(fc.array(card, { maxLength: 60 }), fc.nat(), (raw, pick) => {
				const cards = raw.map((box, i) => ({ id: `c${i}`, ...box })).sort((a, b) => a.top - b.top);
				const focused = cards.length > 0 ? cards[pick % cards.length]!.id : null;
				const tops = layoutCardTops(cards, focused, GAP);
				expect(tops).toEqual(cards.map((box) => layoutCards(cards, focused, GAP).get(box.id)));
				for (let i = 1; i < tops.length; i++) {
					expect(tops[i]!).toBeGreaterThanOrEqual(tops[i - 1]! + cards[i - 1]!.height + GAP);
				}
			})
		);
	});
});
