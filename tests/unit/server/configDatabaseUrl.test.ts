import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';

describe('DATABASE_URL', () => {
	it('is SQLite in DATA_DIR when unset or empty', () => {
		expect(loadConfig({}).databaseUrl).toBeNull();
		expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
	});

	it('takes a postgres:// or postgresql:// URL', () => {
		const url = 'postgres://galley:secret@db.example:5432/galley';
		expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
		expect(loadConfig({ DATABASE_URL: 'postgresql://db/galley' }).databaseUrl).toBe(
			'postgresql://db/galley'
		);
	});

	it('stops the boot with a clear reason for anything else', () => {
		expect(() => loadConfig({ DATABASE_URL: 'mysql://db/galley' })).toThrow(
			/DATABASE_URL: must be a postgres:\/\/ URL/
		);
	});
});

describe('REDIS_URL', () => {
	const database = 'postgres://db/galley';

	it('is one process alone when unset, a fleet member with a redis:// URL', () => {
		expect(loadConfig({ DATABASE_URL: database }).redisUrl).toBeNull();
		expect(loadConfig({ DATABASE_URL: database, REDIS_URL: 'redis://cache:6379' }).redisUrl).toBe(
			'redis://cache:6379'
		);
		expect(loadConfig({}).fleetPollMs).toBe(1_000);
	});

	it('needs DATABASE_URL, and a redis:// URL', () => {
		expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(
			/REDIS_URL: needs DATABASE_URL/
		);
		expect(() => loadConfig({ DATABASE_URL: database, REDIS_URL: 'http://cache' })).toThrow(
			/REDIS_URL: must be a redis:\/\/ URL/
		);
	});
});
