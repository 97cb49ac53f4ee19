import type { DecorationAttrs } from '@tiptap/pm/view';
import { presenceColor } from '#shared/protocol/presenceColor';

interface CaretUser {
	name?: unknown;
	color?: unknown;
}

/** Only `#rrggbb` reaches a style: a presence state is another client's data, not CSS. */
function colorOf(user: CaretUser): string {
	return presenceColor(user.color);
}

/**
 * Another person's caret: a thin coloured bar with their name in a small flag above it. The
 * flag is a widget inside the text, so it is hidden from assistive tech (the header lists who
 * is here) and never selectable.
 */
export function renderCaret(user: CaretUser): HTMLElement {
	const color = colorOf(user);
	const caret = document.createElement('span');
	caret.className = 'collaboration-carets__caret';
	caret.style.setProperty('--caret-color', color);
	caret.setAttribute('aria-hidden', 'true');

	const label = document.createElement('span');
	label.className = 'collaboration-carets__label';
	label.textContent = typeof user.name === 'string' && user.name ? user.name : 'Someone';
	caret.append(label);
	return caret;
}

/** A light wash of the person's colour over what they have selected. */
export function renderSelection(user: CaretUser): DecorationAttrs {
	return {
		nodeName: 'span',
		class: 'collaboration-carets__selection',
		style: `background-color: ${colorOf(user)}2e`
	};
}
