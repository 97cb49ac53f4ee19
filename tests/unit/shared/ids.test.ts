import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/shared/ids';
import { isStoryId } from '../../../src/lib/shared/protocol/rooms';

describe('newId', () => {
	it('gives letters and digits only, so a command line never reads an id as an option', () => {
		const ids = Array.from({ length: 2000 }, () => newId());
		for (const id of ids) {
			expect(id).toMatch(/^[A-Za-z0-9]{12}$/);
			expect(isStoryId(id)).toBe(true);
		}
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('honours the length asked for', () => {
		expect(newId(16)).toHaveLength(16);
		expect(newId(1)).toMatch(/^[A-Za-z0-9]$/);
	});

	it('draws every character evenly', () => {
		const counts = new Map<string, number>();
		for (const char of Array.from({ length: 2000 }, () => newId(31)).join('')) {
			counts.set(char, (counts.get(char) ?? 0) + 1);
		}
		expect(counts.size).toBe(62);
		// 62,000 draws: 1,000 expected each; a bias towards the first 8 would show as ~1,250.
		for (const count of counts.values()) expect(count).toBeGreaterThan(850);
		for (const count of counts.values()) expect(count).toBeLessThan(1150);
	});
});
