/** A margin card: where its passage is (desired top) and how tall it is, in pixels. */
export interface CardBox {
	id: string;
	top: number;
	height: number;
}

/**
 * Places margin cards level with their passages without letting any two overlap. The focused
 * card sits exactly beside its passage; cards after it are pushed down and cards before it
 * pushed up as far as needed (never above the top of the margin). Input in passage order.
 */
export function layoutCards(
	cards: readonly CardBox[],
	focusedId: string | null,
	gap = 10
): Map<string, number> {
	const tops = layoutCardTops(cards, focusedId, gap);
	return new Map(cards.map((card, i) => [card.id, tops[i]!]));
}

/**
 * `layoutCards` as an array of tops in input order: increasing, so the cards near the viewport
 * can be found by binary search (see cardWindow). Linear time, no allocation per card.
 */
export function layoutCardTops(
	cards: readonly CardBox[],
	focusedId: string | null,
	gap = 10
): number[] {
	const tops = cards.map((card) => Math.max(0, card.top));
	const focused = focusedId === null ? -1 : cards.findIndex((card) => card.id === focusedId);
	const pin = focused >= 0 ? focused : 0;
	for (let i = pin + 1; i < cards.length; i++) {
		tops[i] = Math.max(tops[i]!, tops[i - 1]! + cards[i - 1]!.height + gap);
	}
	for (let i = pin - 1; i >= 0; i--) {
		tops[i] = Math.min(tops[i]!, tops[i + 1]! - gap - cards[i]!.height);
	}
	// Pushed above the margin's top: give up on the pin and push everything down instead.
	if (tops.length > 0 && tops[0]! < 0) {
		tops[0] = 0;
		for (let i = 1; i < cards.length; i++) {
			tops[i] = Math.max(tops[i]!, tops[i - 1]! + cards[i - 1]!.height + gap);
		}
	}
	return tops;
}
