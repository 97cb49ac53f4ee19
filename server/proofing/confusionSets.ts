import { dictionary as pronunciations } from 'cmu-pronouncing-dictionary';
import { editDistance } from '#shared/proofing/editDistance';

/** A word must be this common in the training text to join a set (rarer ones have no context). */
const MIN_HOMOPHONE_COUNT = 5;
/** Typo neighbours are drawn from the commonest words only: slips that make another word. */
const MIN_NEIGHBOUR_COUNT = 100;
/** Longer common words join a set two edits apart too ("through" / "thought"). */
const MIN_TWO_EDIT_LENGTH = 6;

/**
 * Confusion sets derived from packages, not written by hand (a hand list would share its
 * vocabulary with the evaluation set's error model):
 * - homophones: words the CMU pronouncing dictionary says alike ("peace" / "piece");
 * - typo neighbours: common words one edit apart ("form" / "from", "now" / "not"), or two for
 *   words of six letters or more ("through" / "thought"), less the
 *   pairs an inflection separates ("walk" / "walks", "love" / "loved"), which are grammar.
 * `counts` are the training text's word counts; `isKnown` is the checker's dictionary.
 */
export function deriveConfusionSets(
	counts: ReadonlyMap<string, number>,
	isKnown: (word: string) => boolean
): string[][] {
	const common = (word: string, least: number) =>
		(counts.get(word) ?? 0) >= least && /^[a-z]{2,}$/.test(word) && isKnown(word);
	const bySound = new Map<string, string[]>();
	for (const [word, sound] of Object.entries(pronunciations)) {
		if (!common(word, MIN_HOMOPHONE_COUNT)) continue;
		const key = sound.replace(/\d/g, '');
		bySound.set(key, [...(bySound.get(key) ?? []), word]);
	}
	const sets = [...bySound.values()].filter((group) => group.length > 1);
	const frequent = [...counts.keys()].filter((word) => common(word, MIN_NEIGHBOUR_COUNT));
	for (let i = 0; i < frequent.length; i++) {
		for (let j = i + 1; j < frequent.length; j++) {
			const [a, b] = [frequent[i]!, frequent[j]!];
			if (Math.abs(a.length - b.length) > 1 || inflected(a, b) || inflected(b, a)) continue;
			const distance = editDistance(a, b);
			const long = Math.min(a.length, b.length) >= MIN_TWO_EDIT_LENGTH;
			if (distance === 1 || (long && distance === 2)) sets.push([a, b].sort());
		}
	}
	return sets.sort((x, y) => x.join().localeCompare(y.join()));
}

/** `long` is `short` with an inflectional ending: walks, loved, bigger. */
const inflected = (short: string, long: string): boolean =>
	long.startsWith(short) && /^(?:s|d|r)$/.test(long.slice(short.length));
