import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../../../server/review/KeyedLock';

describe('KeyedLock', () => {
	it('runs tasks of one key one at a time, in order, and other keys alongside', async () => {
		const lock = new KeyedLock();
		const log: string[] = [];
		const task = (name: string, ticks: number) => async () => {
			log.push(`${name} start`);
			for (let tick = 0; tick < ticks; tick++) await Promise.resolve();
			log.push(`${name} end`);
			return name;
		};
		const results = await Promise.all([
			lock.run('a', task('a1', 5)),
			lock.run('a', task('a2', 1)),
			lock.run('b', task('b1', 1))
		]);
		expect(results).toEqual(['a1', 'a2', 'b1']);
		expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
		expect(log.indexOf('b1 end')).toBeLessThan(log.indexOf('a1 end'));
		expect(lock.size).toBe(0);
	});

	it('goes on after a failed task, which still rejects its own caller', async () => {
		const lock = new KeyedLock();
		const failed = lock.run('a', async () => {
			throw new Error('boom');
		});
		const next = lock.run('a', async () => 'next');
		await expect(failed).rejects.toThrow('boom');
		await expect(next).resolves.toBe('next');
		await Promise.resolve();
		expect(lock.size).toBe(0);
	});
});
