/** Why the store could not write, in the terms an operator acts on. */
export type StoreFaultKind = 'disk_full' | 'read_only' | 'io_error' | 'unreachable' | 'store_error';

export interface StoreFault {
	kind: StoreFaultKind;
	/** One line for /healthz, the log and the people whose edits were not saved. */
	reason: string;
}

const REASON: Record<StoreFaultKind, string> = {
	disk_full: 'the disk is full',
	read_only: 'the data folder cannot be written',
	io_error: 'the disk reported an error',
	unreachable: 'the database cannot be reached',
	store_error: 'the database refused the write'
};

/**
 * What kind of failure a write error is, from SQLite's result codes (better-sqlite3's `code`,
 * e.g. SQLITE_FULL, SQLITE_IOERR_WRITE), Postgres SQLSTATEs (pg's `code`, e.g. 53100) or Node's
 * errno names (ENOSPC from fs writes, ECONNREFUSED from a Postgres that is down).
 */
export function describeStoreFault(error: unknown): StoreFault {
	const code = String((error as { code?: unknown } | null)?.code ?? '');
	const kind = kindOf(code);
	return { kind, reason: REASON[kind] };
}

function kindOf(code: string): StoreFaultKind {
	if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') {
		return 'disk_full';
	}
	// Postgres: connection exceptions (08…), shutting down (57P0…), or no answer at all.
	if (
		code.startsWith('08') ||
		code.startsWith('57P0') ||
		code === 'ECONNREFUSED' ||
		code === 'ECONNRESET' ||
		code === 'ETIMEDOUT'
	) {
		return 'unreachable';
	}
	if (
		code.startsWith('SQLITE_READONLY') ||
		code.startsWith('SQLITE_CANTOPEN') ||
		code.startsWith('SQLITE_PERM') ||
		code === 'EROFS' ||
		code === 'EACCES' ||
		code === 'EPERM' ||
		code === '25006'
	) {
		return 'read_only';
	}
	if (code.startsWith('SQLITE_IOERR') || code === 'EIO' || code === '58030') return 'io_error';
	return 'store_error';
}
