const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The largest multiple of 62 a byte can hold: bytes at or above it are drawn again (no bias). */
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);

/**
 * A random id of letters and digits, for stories, links, threads, messages and suggestions
 * alike, in the browser, the server and the CLI. Base64url ids may start with "-", which a
 * command line reads as an option (`galley export -rVF…` failed that way), and "_" or "-" at an
 * end is easy to lose when copying from a URL. 12 characters of 62 give about 71 bits.
 *
 * `crypto.getRandomValues` (not randomUUID) because browsers offer it in insecure contexts too,
 * e.g. Galley served on a LAN address over plain HTTP.
 */
export function newId(length = 12): string {
	let id = '';
	while (id.length < length) {
		for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
			if (byte < UNBIASED_BELOW) id += ALPHABET[byte % ALPHABET.length];
			if (id.length === length) break;
		}
	}
	return id;
}
