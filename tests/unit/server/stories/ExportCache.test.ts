import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../../../../server/formats/exportStory';
import { ExportCache } from '../../../../server/stories/ExportCache';

function file(body: string): ExportFile {
	return { body, contentType: 'text/plain; charset=utf-8', extension: 'txt' };
}

describe('ExportCache', () => {
	it('makes an export asked for many times at once only once', async () => {
		const cache = new ExportCache();
		let made = 0;
		const make = async () => {
			made++;
			await new Promise((resolve) => setTimeout(resolve, 20));
			return file('text');
		};
		const files = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', make)));
		expect(made).toBe(1);
		expect(new Set(files).size).toBe(1);
		await cache.get('k', make);
		expect(made).toBe(1);
	});

	it('does not keep a failure: the next ask makes it again', async () => {
		const cache = new ExportCache();
		await expect(cache.get('k', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
		expect((await cache.get('k', async () => file('yes'))).body).toBe('yes');
	});

	it('lets the least recently used go past its byte limit', async () => {
		const cache = new ExportCache(400); // each body below: 50 characters, 100 bytes
		let made = 0;
		const make = (body: string) => async () => {
			made++;
			return file(body);
		};
		const a = 'a'.repeat(50);
		const b = 'b'.repeat(50);
		const c = 'c'.repeat(50);
		await cache.get('a', make(a));
		await cache.get('b', make(b));
		await cache.get('a', make(a)); // a is now the most recent
		await cache.get('c', make(c)); // 300 bytes: all kept
		expect(made).toBe(3);
		await cache.get('d', make('d'.repeat(50))); // 400 bytes: still all kept
		await cache.get('e', make('e'.repeat(50))); // 500 bytes: b, the least recently used, goes
		expect(made).toBe(5);
		await cache.get('a', make(a));
		expect(made).toBe(5);
		await cache.get('b', make(b));
		expect(made).toBe(6);
	});
});
