import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/ids/newId';
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
	});
});
