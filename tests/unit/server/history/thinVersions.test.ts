import { describe, expect, it } from 'vitest';
import { versionsToThin, type ThinnableVersion } from '../../../../server/history/thinVersions';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-07T12:00:00.000Z');

function version(
	id: string,
	ageMs: number,
	extra: Partial<ThinnableVersion> = {}
): ThinnableVersion {
	return { id, createdAt: new Date(NOW - ageMs).toISOString(), kind: 'auto', name: null, ...extra };
}

describe('versionsToThin', () => {
	it('keeps every version of the last day', () => {
		const versions = Array.from({ length: 50 }, (_, index) =>
			version(`v${index}`, index * 20 * 60_000)
		);
		expect(versionsToThin(versions, NOW)).toEqual([]);
	});

	it('keeps the newest of each hour after a day, and of each day after a week', () => {
		const versions = [
			version('new', 0),
			// Two in one hour, two days ago: the newer stays.
			version('hourNewer', 48 * HOUR + 10 * 60_000),
			version('hourOlder', 48 * HOUR + 50 * 60_000),
			// Two on one day, ten days ago (hours apart): the newer stays.
			version('dayNewer', 240 * HOUR + 2 * HOUR),
			version('dayOlder', 240 * HOUR + 5 * HOUR)
		];
		// NOW is noon UTC: 10:00 and 07:00 ten days ago are the same UTC day.
		expect(versionsToThin(versions, NOW).sort()).toEqual(['dayOlder', 'hourOlder']);
	});

	it('never drops named versions, the import or the newest version', () => {
		const versions = [
			version('newest', 30 * 24 * HOUR),
			version('named', 30 * 24 * HOUR + 60_000, { kind: 'named', name: 'Sent to beta readers' }),
			version('renamed', 30 * 24 * HOUR + 120_000, { name: 'Kept' }),
			version('import', 30 * 24 * HOUR + 180_000, { kind: 'import' }),
			version('auto', 30 * 24 * HOUR + 240_000)
		];
		expect(versionsToThin(versions, NOW)).toEqual(['auto']);
	});

	it('is pure: the same versions give the same answer, in any order', () => {
		const versions = Array.from({ length: 200 }, (_, index) =>
			version(`v${index}`, index * 37 * 60_000)
		);
		const once = versionsToThin(versions, NOW);
		expect(versionsToThin([...versions].reverse(), NOW)).toEqual(once);
		expect(once.length).toBeGreaterThan(0);
		// What is left has at most one version per hour bucket beyond a day.
		const kept = versions.filter((v) => !once.includes(v.id));
		const hours = kept
			.filter((v) => NOW - Date.parse(v.createdAt) >= 24 * HOUR)
			.map((v) => Math.floor(Date.parse(v.createdAt) / HOUR));
		expect(new Set(hours).size).toBe(hours.length);
	});
});
