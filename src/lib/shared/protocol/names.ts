/** Longest name a link (and so a person) carries; longer ones are cut so labels stay readable. */
export const MAX_NAME_LENGTH = 40;

/** Trims, collapses inner whitespace and caps the length; '' when nothing is left. */
export function normalizeName(raw: string): string {
	return raw.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
}
