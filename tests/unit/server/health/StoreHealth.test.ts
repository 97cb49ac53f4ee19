import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreHealth } from '../../../../server/health/StoreHealth';
import { StoreWriteError, WatchedStore } from '../../../../server/health/WatchedStore';
import { describeStoreFault } from '../../../../server/storage/storeFault';
import { SqliteStore } from '../../../../server/storage/SqliteStore';

/** A real pino logger writing into an array of parsed lines. */
function capturedLogger() {
	const lines: Array<Record<string, unknown>> = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
			done();
		}
	});
	return { log: pino({ level: 'info' }, sink), lines };
}

const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
const enospc = () => Object.assign(new Error('no space left'), { code: 'ENOSPC' });
const readOnly = () =>
	Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });

afterEach(() => vi.useRealTimers());

describe('describeStoreFault', () => {
	it('names the kinds an operator acts on', () => {
		expect(describeStoreFault(full())).toEqual({ kind: 'disk_full', reason: 'the disk is full' });
		expect(describeStoreFault(enospc()).kind).toBe('disk_full');
		expect(describeStoreFault(readOnly()).kind).toBe('read_only');
		expect(describeStoreFault({ code: 'SQLITE_IOERR_WRITE' }).kind).toBe('io_error');
		expect(describeStoreFault(new Error('constraint')).kind).toBe('store_error');
		expect(describeStoreFault(null).kind).toBe('store_error');
	});
});

describe('StoreHealth', () => {
	it('logs the first failure of a kind, then one line a minute with the count', () => {
		vi.useFakeTimers();
		const { log, lines } = capturedLogger();
		const health = new StoreHealth(log);
		for (let i = 0; i < 1000; i++) health.failed(full(), 'appendUpdates');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ level: 50, kind: 'disk_full', during: 'appendUpdates' });
		expect(health.problem).toMatchObject({ kind: 'disk_full', failures: 1000 });

		vi.advanceTimersByTime(60_000);
		expect(lines).toHaveLength(2);
		expect(lines[1]).toMatchObject({ failures: 999, msg: expect.stringContaining('999 more') });
		// Another kind gets its own first line at once.
		health.failed(readOnly(), 'compact');
		expect(lines).toHaveLength(3);
		expect(health.problem?.kind).toBe('read_only');
		// A quiet minute writes nothing.
		vi.advanceTimersByTime(60_000);
		expect(lines).toHaveLength(3);
	});

	it('is healthy again at the next successful write, and says so once', () => {
		vi.useFakeTimers();
		const { log, lines } = capturedLogger();
		const health = new StoreHealth(log);
		health.failed(enospc(), 'appendUpdates');
		health.failed(enospc(), 'appendUpdates');
		expect(health.sinceLastFailureMs).toBe(0);
		health.succeeded();
		health.succeeded();
		expect(health.problem).toBeNull();
		expect(health.sinceLastFailureMs).toBe(Infinity);
		expect(lines.map((line) => line.msg)).toEqual([
			expect.stringContaining('could not write to the store'),
			'1 more failed writes',
			'the store writes again'
		]);
	});
});

describe('WatchedStore', () => {
	it('turns a failed write into a StoreWriteError with the reason, and a later success clears it', async () => {
		const { log } = capturedLogger();
		const health = new StoreHealth(log);
		const sqlite = new SqliteStore(':memory:');
		const store = new WatchedStore(sqlite, health);
		const failing = vi.spyOn(sqlite, 'appendUpdates').mockRejectedValueOnce(full());
		const refused = await store.appendUpdates('story:a', [new Uint8Array([0, 0])]).catch((e) => e);
		expect(refused).toBeInstanceOf(StoreWriteError);
		expect((refused as StoreWriteError).reason).toBe('the disk is full');
		expect(health.problem?.kind).toBe('disk_full');
		failing.mockRestore();
		await store.probeWrite();
		expect(health.problem).toBeNull();
		await store.close();
	});
});
