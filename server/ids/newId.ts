import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random id of letters and digits only. Base64url ids may start with "-", which a command line
 * reads as an option (`galley export -rVF…` failed that way), and "_" or "-" at an end is easy to
 * lose when copying from a URL. 12 characters of 62 give about 71 bits.
 */
export function newId(length = 12): string {
	let id = '';
	for (let index = 0; index < length; index += 1) id += ALPHABET[randomInt(ALPHABET.length)];
	return id;
}
