/**
 * A word list's entry for a word of the text. Plain objects inherit "constructor", "toString"
 * and the like, so `record[word]` on such a word would hand back a function and crash a rule.
 */
export const ownEntry = <T>(record: Record<string, T>, key: string): T | undefined =>
	Object.hasOwn(record, key) ? record[key] : undefined;
