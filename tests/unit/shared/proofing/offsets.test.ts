import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAG_KINDS } from '#shared/proofing/types';
import { checker } from './checker';

/** Pieces that wake up every rule: quotes, names, typos, damaged encodings, odd spaces. */
const PIECES = [
	'She',
	'said',
	'Tara',
	'Taras',
	'the',
	'then',
	'its',
	'your',
	'dont',
	'recieve',
	'a',
	'an',
	'apple',
	'life',
	'changing',
	'T-Tara',
	'Umm',
	'donít',
	'â€™',
	'"',
	'“',
	'”',
	'.',
	'..',
	',',
	'!',
	'?',
	';',
	'(',
	')',
	'-',
	' ',
	'  ',
	'\u00a0',
	'\n',
	'\n\n',
	'😀',
	'é',
	'12',
	'Discover now'
];

const texts = fc
	.array(fc.constantFrom(...PIECES), { maxLength: 30 })
	.map((pieces) => pieces.join(''));

describe('every flag, on any text', () => {
	it('stays within the text, suggests a change, and does not overlap another flag', () => {
		fc.assert(
			fc.property(texts, (text) => {
				const flags = checker.check(text);
				let previousEnd = 0;
				for (const flag of flags) {
					expect(flag.start).toBeGreaterThanOrEqual(0);
					expect(flag.end).toBeGreaterThanOrEqual(flag.start);
					expect(flag.end).toBeLessThanOrEqual(text.length);
					expect(flag.start).toBeGreaterThanOrEqual(previousEnd);
					previousEnd = flag.end;
					expect(FLAG_KINDS).toContain(flag.kind);
					expect(flag.message).not.toBe('');
					expect(flag.rule).toMatch(/^[a-z]+\/[a-z-]+$/);
					for (const suggestion of flag.suggestions) {
						expect(suggestion).not.toBe(text.slice(flag.start, flag.end));
					}
				}
			}),
			{ numRuns: 60 }
		);
	}, 60_000);
});
