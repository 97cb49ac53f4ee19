import type { VersionKind } from '../storage/DocumentStore';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** How automatic versions thin out with age (see README, History). */
export const THINNING = {
	/** Younger than this: every version is kept. */
	keepAllMs: DAY_MS,
	/** Younger than this (and older than keepAllMs): the newest version of each hour. */
	hourlyMs: 7 * DAY_MS
} as const;

export interface ThinnableVersion {
	id: string;
	createdAt: string;
	kind: VersionKind;
	name: string | null;
}

/** Never thinned: named versions (by hand or named since) and the import, the baseline. */
export function keptForGood(version: ThinnableVersion): boolean {
	return version.name !== null || version.kind === 'named' || version.kind === 'import';
}

/**
 * The ids of the versions to drop at `now`: automatic versions are all kept for a day, then
 * the newest of each hour for a week, then the newest of each day. Named versions and the
 * import are never dropped, nor is the newest version. Pure: the same list gives the same ids.
 */
export function versionsToThin(versions: readonly ThinnableVersion[], now: number): string[] {
	const newest = [...versions].sort(
		(a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1)
	);
	const seenBuckets = new Set<string>();
	const drop: string[] = [];
	newest.forEach((version, index) => {
		if (keptForGood(version)) return;
		const at = Date.parse(version.createdAt);
		const age = now - at;
		if (!(age >= THINNING.keepAllMs)) return; // also keeps versions dated in the future
		const bucket =
			age < THINNING.hourlyMs ? `h${Math.floor(at / HOUR_MS)}` : `d${Math.floor(at / DAY_MS)}`;
		// Newest first: the first version seen in a bucket is its newest, the one kept.
		if (index > 0 && seenBuckets.has(bucket)) drop.push(version.id);
		else seenBuckets.add(bucket);
	});
	return drop;
}
