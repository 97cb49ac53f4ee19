/** An encoding `decodeText` recognises. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodeTextResult =
	| { ok: true; text: string; encoding: TextEncodingName }
	| { ok: false; reason: 'binary'; message: string };

/** Above this share of control or replacement characters the file is not text. */
const MAX_NOISE_RATIO = 0.1;

/**
 * Decodes an uploaded text file. UTF-8 (BOM stripped), UTF-16 LE/BE when they carry a BOM, and
 * otherwise — when the bytes are not valid UTF-8 — windows-1252, the usual encoding of older
 * files (and what browsers assume for Latin-1). Line endings become LF; nothing else changes.
 * Refuses binary data: a NUL byte outside UTF-16, or text that is mostly control characters.
 * Uses only TextDecoder, so it runs the same in the browser and in Node.
 */
export function decodeText(bytes: Uint8Array): DecodeTextResult {
	const decoded = decodeBytes(bytes);
	if (decoded === null) return binary('The file contains NUL bytes: it is not a text file.');
	if (isMostlyNoise(decoded.text)) {
		return binary('The file is mostly control characters: it is not a text file.');
	}
	return { ok: true, text: decoded.text.replace(/\r\n?/g, '\n'), encoding: decoded.encoding };
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } | null {
	// TextDecoder drops a BOM that matches its encoding (ignoreBOM defaults to false).
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs('utf-16le', bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs('utf-16be', bytes);
	if (bytes.includes(0)) return null;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs('utf-8', bytes);
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
	}
}

function decodeAs(
	encoding: TextEncodingName,
	bytes: Uint8Array
): { text: string; encoding: TextEncodingName } {
	return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

/**
 * What bytes 0x80–0x9F mean in windows-1252 (WHATWG index; the five unassigned bytes stay C1
 * controls). Every other byte is its own code point.
 */
const WINDOWS_1252_HIGH =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Decodes windows-1252 by table: Node 20's TextDecoder('windows-1252') decodes ISO-8859-1
 * instead (0x93 becomes U+0093, not a curly quote), and browsers would disagree with it.
 */
function decodeWindows1252(bytes: Uint8Array): string {
	const chunks: string[] = [];
	const chunkSize = 8192;
	const units = new Array<number>(chunkSize);
	for (let start = 0; start < bytes.length; start += chunkSize) {
		const end = Math.min(start + chunkSize, bytes.length);
		units.length = end - start;
		for (let index = start; index < end; index++) {
			const byte = bytes[index] as number;
			units[index - start] =
				byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH.charCodeAt(byte - 0x80) : byte;
		}
		chunks.push(String.fromCharCode(...units));
	}
	return chunks.join('');
}

/** Control characters other than tab, line feed, form feed and carriage return, and U+FFFD. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOISE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/g;

function isMostlyNoise(text: string): boolean {
	if (text.length === 0) return false;
	const noise = text.match(NOISE)?.length ?? 0;
	return noise / text.length > MAX_NOISE_RATIO;
}

function binary(message: string): DecodeTextResult {
	return { ok: false, reason: 'binary', message };
}
