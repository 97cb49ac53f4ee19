import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { StoryError } from '../stories/StoryError';

const inflate = promisify(inflateRaw);

/** Limits on an uploaded zip (a .docx): a real story is a few dozen entries and a few MB. */
export interface ZipLimits {
	/** Most entries in the central directory. */
	maxEntries: number;
	/** Most bytes all entries may inflate to, together. */
	maxTotalBytes: number;
}

export const DOCX_ZIP_LIMITS: ZipLimits = { maxEntries: 1_000, maxTotalBytes: 64 * 1024 * 1024 };

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	uncompressedSize: number;
	localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/**
 * Reads a zip's central directory and refuses it before anything is inflated when it has too
 * many entries or declares too many bytes (a zip bomb), uses ZIP64, or is not a zip at all.
 * Then inflates every entry with its declared size as a hard cap, so an entry that lies about
 * its size is refused too (413) instead of growing without bound. Returns the inflated XML
 * parts (and the entries), for the caller's own checks.
 */
export async function guardZip(
	bytes: Uint8Array,
	label: string,
	limits: ZipLimits = DOCX_ZIP_LIMITS
): Promise<Map<string, Buffer>> {
	const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const entries = centralDirectory(data, label, limits);
	const parts = new Map<string, Buffer>();
	for (const entry of entries) {
		const content = await readEntry(data, entry, label);
		if (/\.(xml|rels)$/i.test(entry.name)) parts.set(entry.name, content);
	}
	return parts;
}

export function centralDirectory(data: Buffer, label: string, limits: ZipLimits): ZipEntry[] {
	const eocd = findEndOfCentralDirectory(data);
	if (eocd < 0) throw broken(label, 'it is not a zip archive (no end of central directory)');
	const count = data.readUInt16LE(eocd + 10);
	const size = data.readUInt32LE(eocd + 12);
	const offset = data.readUInt32LE(eocd + 16);
	if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
		throw broken(label, 'it uses ZIP64, which a story never needs');
	}
	if (count > limits.maxEntries) {
		throw new StoryError(
			'too-large',
			`${label} has ${count} zip entries; at most ${limits.maxEntries} are accepted.`
		);
	}
	if (offset + size > eocd) throw broken(label, 'its central directory lies outside the file');
	const entries: ZipEntry[] = [];
	let total = 0;
	let at = offset;
	for (let index = 0; index < count; index++) {
		if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
			throw broken(label, 'its central directory is corrupt');
		}
		const nameLength = data.readUInt16LE(at + 28);
		const entry: ZipEntry = {
			method: data.readUInt16LE(at + 10),
			compressedSize: data.readUInt32LE(at + 20),
			uncompressedSize: data.readUInt32LE(at + 24),
			localHeaderOffset: data.readUInt32LE(at + 42),
			name: data.toString('utf8', at + 46, at + 46 + nameLength)
		};
		total += entry.uncompressedSize;
		if (total > limits.maxTotalBytes) {
			throw new StoryError(
				'too-large',
				`${label} would inflate to more than ${limits.maxTotalBytes} bytes; refused before unpacking.`
			);
		}
		entries.push(entry);
		at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
	}
	return entries;
}

async function readEntry(data: Buffer, entry: ZipEntry, label: string): Promise<Buffer> {
	const at = entry.localHeaderOffset;
	if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL_SIGNATURE) {
		throw broken(label, `the entry "${entry.name}" is corrupt`);
	}
	const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
	const compressed = data.subarray(start, start + entry.compressedSize);
	if (compressed.length !== entry.compressedSize) {
		throw broken(label, `the entry "${entry.name}" is truncated`);
	}
	if (entry.method === 0) {
		if (entry.compressedSize !== entry.uncompressedSize) {
			throw broken(label, `the stored entry "${entry.name}" has inconsistent sizes`);
		}
		return compressed;
	}
	if (entry.method !== 8) {
		throw broken(label, `the entry "${entry.name}" uses compression method ${entry.method}`);
	}
	try {
		// One byte over the declared size is enough to prove the declaration false.
		const inflated = await inflate(compressed, { maxOutputLength: entry.uncompressedSize + 1 });
		if (inflated.length !== entry.uncompressedSize) {
			throw broken(label, `the entry "${entry.name}" is not the size it declares`);
		}
		return inflated;
	} catch (error) {
		if (error instanceof StoryError) throw error;
		if (
			error instanceof RangeError ||
			(error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
		) {
			throw new StoryError(
				'too-large',
				`${label}: the entry "${entry.name}" inflates to more than it declares; refused.`
			);
		}
		throw broken(label, `the entry "${entry.name}" does not inflate`);
	}
}

function findEndOfCentralDirectory(data: Buffer): number {
	// The record is 22 bytes plus a comment of at most 65535.
	const lowest = Math.max(0, data.length - 22 - 0xffff);
	for (let at = data.length - 22; at >= lowest; at--) {
		if (data.readUInt32LE(at) === EOCD_SIGNATURE) return at;
	}
	return -1;
}

function broken(label: string, why: string): StoryError {
	return new StoryError('invalid', `${label} is not a readable .docx: ${why}.`);
}
