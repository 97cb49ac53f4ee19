/** Each word list as a Map, built on its first lookup: a Map answers a fresh string faster. */
const asMaps = new WeakMap<object, Map<string, unknown>>();

/**
 * A word list's entry for a word of the text. Plain objects inherit "constructor", "toString"
 * and the like, so `record[word]` on such a word would hand back a function and crash a rule;
 * the list's own entries only are looked up (through a Map of them, built once per list: looking
 * a word never seen before up in an object of many keys costs several times more).
 */
export const ownEntry = <T>(record: Record<string, T>, key: string): T | undefined => {
	let map = asMaps.get(record) as Map<string, T> | undefined;
	if (!map) {
		map = new Map(Object.entries(record));
		asMaps.set(record, map);
	}
	return map.get(key);
};
