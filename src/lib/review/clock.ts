/** Now, as the ISO timestamp the review model stores. */
export function nowIso(): string {
	return new Date().toISOString();
}
