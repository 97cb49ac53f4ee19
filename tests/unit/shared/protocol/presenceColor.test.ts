import { describe, expect, it } from 'vitest';
import {
	colorFor,
	isPresenceColor,
	NEUTRAL_PRESENCE_COLOR,
	PRESENCE_PALETTE,
	presenceColor
} from '#shared/protocol/presenceColor';

describe('presence colours', () => {
	it('lets only #rrggbb through to a style', () => {
		expect(isPresenceColor('#1f7A72')).toBe(true);
		for (const value of ['red', '#fff', '#1f7a72;', ' #1f7a72', 'url(x)', '#1f7a72\n', 42, null]) {
			expect(isPresenceColor(value)).toBe(false);
			expect(presenceColor(value)).toBe(NEUTRAL_PRESENCE_COLOR);
		}
		expect(presenceColor('red;background:url(x);x:', '#123456')).toBe('#123456');
	});

	it('derives a stable palette colour from an id', () => {
		expect(colorFor('link-abc')).toBe(colorFor('link-abc'));
		expect(PRESENCE_PALETTE).toContain(colorFor('__proto__'));
	});
});
