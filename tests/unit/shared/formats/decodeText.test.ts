import { describe, expect, it } from 'vitest';
import { decodeText } from '#shared/formats/decodeText';
import { seededRandom } from '../storyCorpus.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => new Uint8Array(values);
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));

function utf16(text: string, littleEndian: boolean): Uint8Array {
	const out = new Uint8Array(2 + text.length * 2);
	const view = new DataView(out.buffer);
	view.setUint16(0, 0xfeff, littleEndian);
	for (let index = 0; index < text.length; index++) {
		view.setUint16(2 + index * 2, text.charCodeAt(index), littleEndian);
	}
	return out;
}

function randomBytes(length: number, seed: number): Uint8Array {
	const random = seededRandom(seed);
	return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

const SAMPLE = '“Hi Buffy,” I replied. 😀 שלום\n\tNext\u00a0line';

describe('decodeText', () => {
	it('decodes UTF-8 with and without a BOM, stripping the BOM', () => {
		expect(decodeText(utf8(SAMPLE))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8' });
		expect(decodeText(concat(bytes(0xef, 0xbb, 0xbf), utf8(SAMPLE)))).toEqual({
			ok: true,
			text: SAMPLE,
			encoding: 'utf-8'
		});
	});

	it('decodes UTF-16 LE and BE with a BOM', () => {
		expect(decodeText(utf16(SAMPLE, true))).toEqual({
			ok: true,
			text: SAMPLE,
			encoding: 'utf-16le'
		});
		expect(decodeText(utf16(SAMPLE, false))).toEqual({
			ok: true,
			text: SAMPLE,
			encoding: 'utf-16be'
		});
	});

	it('falls back to windows-1252 when the bytes are not UTF-8', () => {
		expect(decodeText(concat(bytes(0x93), utf8('Hi'), bytes(0x94, 0x20, 0xe9, 0x85)))).toEqual({
			ok: true,
			text: '“Hi” é…',
			encoding: 'windows-1252'
		});
		// The whole 0x80–0x9F row, the five unassigned bytes staying C1 controls (WHATWG).
		const high = decodeText(
			concat(
				utf8('x'.repeat(300)),
				Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i)
			)
		);
		expect(high.ok && high.text.slice(300)).toBe(
			'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'
		);
	});

	it('turns CRLF and lone CR into LF and changes nothing else', () => {
		expect(decodeText(utf8('a\r\nb\rc\n\r\n\r\r  \t\f\r'))).toEqual({
			ok: true,
			text: 'a\nb\nc\n\n\n\n  \t\f\n',
			encoding: 'utf-8'
		});
		expect(decodeText(utf16('x\r\ny', true))).toMatchObject({ text: 'x\ny' });
	});

	it('accepts empty input', () => {
		expect(decodeText(new Uint8Array())).toEqual({ ok: true, text: '', encoding: 'utf-8' });
	});

	it('refuses NUL bytes and random bytes as binary', () => {
		expect(decodeText(utf8('text\u0000more'))).toMatchObject({ ok: false, reason: 'binary' });
		expect(
			decodeText(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d))
		).toMatchObject({
			ok: false,
			reason: 'binary'
		});
		expect(decodeText(randomBytes(4096, 7))).toMatchObject({ ok: false, reason: 'binary' });
		// Without NULs, random bytes are still mostly control characters once decoded.
		const noNul = randomBytes(4096, 11).map((byte) => byte || 1);
		const result = decodeText(noNul);
		expect(result).toMatchObject({ ok: false, reason: 'binary' });
		expect(!result.ok && result.message).toMatch(/not a text file/);
	});

	it('refuses UTF-16 whose characters are mostly controls, keeps text with a few', () => {
		expect(decodeText(utf16('\u0000\u0001\u0002abc', true))).toMatchObject({ ok: false });
		const fewControls = 'A form feed \f, a vertical tab \v and a SUB \u001a in a long enough line.';
		expect(decodeText(utf8(fewControls))).toEqual({
			ok: true,
			text: fewControls,
			encoding: 'utf-8'
		});
	});
});
