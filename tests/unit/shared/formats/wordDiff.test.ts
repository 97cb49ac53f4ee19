import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDiff } from '#shared/formats/wordDiff';

const side = (ops: ReturnType<typeof wordDiff>, skip: 'insert' | 'delete') =>
	ops
		.filter((op) => op.type !== skip)
		.map((op) => op.text)
		.join('');

describe('wordDiff', () => {
	it('finds the changed words', () => {
		expect(wordDiff('the quick brown fox', 'the slow brown fox')).toEqual([
			{ type: 'equal', text: 'the ' },
			{ type: 'delete', text: 'quick' },
			{ type: 'insert', text: 'slow' },
			{ type: 'equal', text: ' brown fox' }
		]);
	});

	it('always rebuilds both texts', () => {
		const words = fc.array(fc.constantFrom('a', 'b', 'c', ' ', '\n', 'dd'), { maxLength: 40 });
		fc.assert(
			fc.property(words, words, (a, b) => {
				const ops = wordDiff(a.join(''), b.join(''));
				return side(ops, 'insert') === a.join('') && side(ops, 'delete') === b.join('');
			})
		);
	});

	it('stays fast on texts that differ everywhere', () => {
		const a = Array.from({ length: 30_000 }, (_, index) => `a${index % 97}`).join(' ');
		const b = Array.from({ length: 30_000 }, (_, index) => `a${index % 89}`).join(' ');
		const started = Date.now();
		const ops = wordDiff(a, b);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(side(ops, 'insert')).toBe(a);
		expect(side(ops, 'delete')).toBe(b);
	});
});
