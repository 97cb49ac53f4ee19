import type { ReviewItem } from './reviewItems';

/*
 * Rough pixel sizes of a margin card's parts at the margin's type size (review.css), measured
 * on rendered cards (a one-message thread: 141 px; a one-word suggestion: 118 px). Only cards
 * near the viewport are rendered; the others are laid out with these estimates, and a card's
 * measured height replaces its estimate once it is rendered. The closer the estimate, the less
 * the cards already on screen move when that happens.
 */
const CARD_FRAME = 27; // padding and borders
const CARD_GAP = 9; // between the card's rows
const QUOTE_LINE = 22;
const QUOTE_CHARS_PER_LINE = 30;
const MESSAGE_HEADER = 23;
const MESSAGE_GAP = 5; // between a message's header and body
const MESSAGES_GAP = 11; // between messages
const BODY_LINE = 19;
const BODY_CHARS_PER_LINE = 48;
const OWN_ACTIONS = 20; // Edit / Delete under your own messages
const BUTTON_ROW = 27;
const HINT = 36; // a badge and a sentence (detached, stale, decided)

/** What a card for `item` probably measures, in pixels, without rendering it. */
export function estimateCardHeight(item: ReviewItem, yourId: string | null = null): number {
	if (item.kind === 'thread') {
		const { thread } = item;
		const quote = lines(thread.anchor.quote.length, QUOTE_CHARS_PER_LINE) * QUOTE_LINE;
		let messages = 0;
		for (const message of thread.messages) {
			if (messages > 0) messages += MESSAGES_GAP;
			messages += MESSAGE_HEADER + MESSAGE_GAP;
			messages += lines(message.body.length, BODY_CHARS_PER_LINE) * BODY_LINE;
			if (message.author.id === yourId) messages += OWN_ACTIONS;
		}
		const detached = thread.anchor.detached ? HINT + BUTTON_ROW + 2 * CARD_GAP : 0;
		return CARD_FRAME + quote + detached + messages + BUTTON_ROW + 2 * CARD_GAP;
	}
	const { suggestion } = item;
	const change = suggestion.original.length + suggestion.replacement.length + 12;
	const pending = suggestion.status === 'open' || suggestion.status === 'stale';
	let height = CARD_FRAME + MESSAGE_HEADER + CARD_GAP;
	height += lines(change, QUOTE_CHARS_PER_LINE) * QUOTE_LINE;
	if (suggestion.status !== 'open') height += CARD_GAP + HINT;
	if (pending) height += CARD_GAP + BUTTON_ROW;
	return height;
}

function lines(chars: number, perLine: number): number {
	return Math.max(1, Math.ceil(chars / perLine));
}
