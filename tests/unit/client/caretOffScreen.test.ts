import { describe, expect, it } from 'vitest';
import { caretOffScreen } from '../../../src/lib/editor/caretOffScreen';

/** A view whose caret is drawn at [top, bottom] in the window. */
const caretAt = (top: number, bottom: number) => ({
	coordsAtPos: () => ({ top, bottom, left: 80, right: 80 })
});

describe('caretOffScreen', () => {
	it('asks for no scroll while the caret is inside the window, even on its last line', () => {
		// Where ProseMirror leaves a caret it scrolled down to, give or take a fraction of a pixel.
		expect(caretOffScreen(caretAt(873.4, 895.4), 1, 900)).toBe(false);
		expect(caretOffScreen(caretAt(873, 899.9), 1, 900)).toBe(false);
		expect(caretOffScreen(caretAt(0, 22), 1, 900)).toBe(false);
	});

	it('asks for a scroll once the caret is past either edge, or cannot be placed', () => {
		expect(caretOffScreen(caretAt(880, 902), 1, 900)).toBe(true);
		expect(caretOffScreen(caretAt(-3, 19), 1, 900)).toBe(true);
		const broken = {
			coordsAtPos: () => {
				throw new RangeError('Position 9 out of range');
			}
		};
		expect(caretOffScreen(broken, 9, 900)).toBe(true);
	});
});
