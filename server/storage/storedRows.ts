import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { isLastOwnerLink } from '#shared/protocol/policy';
import type { Role } from '#shared/protocol/roles';
import type { LogTail } from './DocumentLog';
import type { LinkRecord, StoryRecord, VersionKind, VersionRecord } from './StoryCatalog';

/** Row shapes and encodings shared by the SQLite and Postgres adapters, so both store alike. */

export interface StoryRow {
	id: string;
	title: string;
	words: number;
	created_at: string;
	updated_at: string;
}

export const STORY_COLUMNS = 'id, title, words, created_at, updated_at';

export function toStory(row: StoryRow): StoryRecord {
	return {
		id: row.id,
		title: row.title,
		words: row.words,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export interface VersionRow {
	id: string;
	story_id: string;
	created_at: string;
	name: string | null;
	kind: string;
	authors: string;
	words: number;
	words_delta: number;
	state_bytes: number;
}

export const VERSION_COLUMNS =
	'id, story_id, created_at, name, kind, authors, words, words_delta, state_bytes';

export function toVersion(row: VersionRow): VersionRecord {
	return {
		id: row.id,
		storyId: row.story_id,
		createdAt: row.created_at,
		name: row.name,
		kind: row.kind as VersionKind,
		authors: JSON.parse(row.authors) as string[],
		words: row.words,
		wordsDelta: row.words_delta,
		storedBytes: row.state_bytes
	};
}

export interface LinkRow {
	id: string;
	story_id: string;
	role: string;
	name: string;
	created_at: string;
	expires_at: string | null;
	revoked_at: string | null;
}

export const LINK_COLUMNS = 'id, story_id, role, name, created_at, expires_at, revoked_at';

export function toLink(row: LinkRow): LinkRecord {
	return {
		id: row.id,
		storyId: row.story_id,
		role: row.role,
		name: row.name,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		revokedAt: row.revoked_at
	};
}

/** better-sqlite3 and pg bind Buffers; wrap other Uint8Arrays without copying. */
export function toBuffer(bytes: Uint8Array): Buffer {
	return Buffer.isBuffer(bytes)
		? bytes
		: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Why a row whose checksum does not match is damaged. */
export const CHECKSUM_MISMATCH = 'checksum mismatch: the bytes changed after they were written';

/** The checksum stored with every snapshot and update (CRC-32: a flipped byte or a cut always shows). */
export function rowChecksum(bytes: Uint8Array): number {
	return crc32(bytes);
}

/** True when the row has no checksum (written before checksums) or its bytes still match it. */
export function intact(bytes: Uint8Array, checksum: number | null): boolean {
	return checksum === null || rowChecksum(bytes) === checksum;
}

/** A version's state (V2) is stored deflated (a story's compresses ~8×), with a CRC-32. */
export function packVersionState(state: Uint8Array): { state: Buffer; checksum: number } {
	const packed = deflateRawSync(state);
	return { state: packed, checksum: rowChecksum(packed) };
}

/** The state packVersionState stored; throws when its bytes changed since. */
export function unpackVersionState(
	row: { id: string; story_id: string; state: Uint8Array },
	checksum: number
): Uint8Array {
	if (rowChecksum(row.state) !== checksum) {
		throw new Error(`version ${row.id} of story ${row.story_id} is damaged (checksum mismatch)`);
	}
	return inflateRawSync(row.state);
}

/** A link is working until it is revoked or its expiry (ISO 8601, compared as text) has passed. */
export function linkWorks(link: Pick<LinkRecord, 'revokedAt' | 'expiresAt'>, now: string): boolean {
	return link.revokedAt === null && (link.expiresAt === null || link.expiresAt > now);
}

/**
 * Why a working link may not be revoked (`newRole` null) or given `newRole`, judged on the
 * story's working links; null when it may. The last-owner rule is the shared policy's.
 */
export function linkChangeRefusal(
	working: readonly LinkRecord[],
	linkId: string,
	newRole: string | null
): 'not-found' | 'last-owner' | null {
	if (!working.some((link) => link.id === linkId)) return 'not-found';
	const roles = working.map((link) => ({ id: link.id, role: link.role as Role }));
	if (newRole !== 'owner' && isLastOwnerLink(roles, linkId)) return 'last-owner';
	return null;
}

/**
 * A room's log after `afterSeq` as read (see DocumentLog.updatesSince); throws when a row's
 * bytes do not match their checksum.
 */
export function logTail(
	room: string,
	snapshot: { snapshot: Uint8Array; checksum: number | null; snapshot_seq: number } | null,
	rows: ReadonlyArray<{ seq: number; data: Uint8Array; checksum: number | null }>,
	afterSeq: number
): LogTail {
	if (snapshot && !intact(snapshot.snapshot, snapshot.checksum)) {
		throw new Error(`${room}: the snapshot is damaged (${CHECKSUM_MISMATCH})`);
	}
	for (const row of rows) {
		if (!intact(row.data, row.checksum)) {
			throw new Error(`${room}: update ${row.seq} is damaged (${CHECKSUM_MISMATCH})`);
		}
	}
	const last = rows.length > 0 ? rows[rows.length - 1]!.seq : (snapshot?.snapshot_seq ?? afterSeq);
	return {
		snapshot: snapshot?.snapshot ?? null,
		updates: rows.map((row) => row.data),
		updateSeqs: rows.map((row) => row.seq),
		lastSeq: Math.max(last, afterSeq)
	};
}
