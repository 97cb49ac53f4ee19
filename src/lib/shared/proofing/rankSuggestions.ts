import { editDistance } from '#shared/proofing/editDistance';
import { isUpper } from '#shared/proofing/textShape';

/**
 * Orders replacement candidates for a misspelt word, best first (at most five). Without word
 * frequencies, the score says how likely each slip is: fewer edits first; two letters swapped, a
 * doubled consonant typed once, a letter left out and one vowel for another are the commonest.
 */
export function rankSuggestions(
	word: string,
	candidates: string[],
	isKnown: (word: string) => boolean,
	/** How common a candidate is (corpus count); breaks ties between slips of equal weight. */
	frequency: (word: string) => number = () => 0
): string[] {
	const lower = word.toLowerCase();
	const lowerStart = !isUpper(word[0]);
	return (
		candidates
			// A lowercase word is rarely a misspelt name: "murmered" is not "Murdoch".
			.filter((candidate) => !(lowerStart && isUpper(candidate[0])))
			.filter((candidate) => candidate.toLowerCase() !== lower)
			.map((candidate, order) => ({
				candidate,
				score:
					score(lower, candidate, isKnown) -
					FREQUENCY_WEIGHT * Math.log10(1 + frequency(candidate)) +
					order * 0.1
			}))
			.sort((a, b) => a.score - b.score)
			.slice(0, 5)
			.map((entry) => entry.candidate)
	);
}

/** Ten times as common weighs this much against the slip scores below (tuned on the corpus dev half). */
const FREQUENCY_WEIGHT = 1;

function score(lower: string, candidate: string, isKnown: (word: string) => boolean): number {
	const target = candidate.toLowerCase();
	const swap = isSwap(lower, target);
	let total = editDistance(lower, target) * 10;
	if (swap) total -= 3; // "thier" → "their"
	if (swap && /ie|ei/.test(lower) && isIeSwap(lower, target)) total -= 1; // "wierd" → "weird"
	if (target[0] !== lower[0] && !swap) total += 6;
	if (target.length === lower.length) total -= 0.5;
	if (isVowelSwap(lower, target)) total -= 1; // "definately" → "definitely"
	const doubled = doubledLetter(lower, target) ?? doubledLetter(target, lower);
	if (doubled) total -= /[aeiou]/.test(doubled) ? 1 : 3; // "stoped" → "stopped", not "stooped"
	if (target.length === lower.length + 1) total -= 1; // "belive" → "believe"
	if (lower.endsWith('yed') && target === `${lower.slice(0, -3)}ied`) total -= 3; // "tryed"
	if (/[\s-]/.test(candidate)) total += 4;
	// "Finaly" at a sentence start is "Finally" rather than the name "Finlay".
	if (isUpper(candidate[0]) && !isKnown(target)) total += 6;
	return total;
}

/** The letters i and e written in the wrong order: the commonest swap of all ("recieve"). */
const isIeSwap = (lower: string, target: string): boolean =>
	lower.replace(/ie|ei/g, (pair) => (pair === 'ie' ? 'ei' : 'ie')) === target ||
	[...lower.matchAll(/ie|ei/g)].some(
		(match) =>
			lower.slice(0, match.index) +
				(match[0] === 'ie' ? 'ei' : 'ie') +
				lower.slice(match.index + 2) ===
			target
	);

function differences(a: string, b: string): number[] {
	return [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
}

function isSwap(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	const [first, second, ...rest] = differences(a, b);
	return (
		first !== undefined &&
		second === first + 1 &&
		rest.length === 0 &&
		a[first] === b[second] &&
		a[second] === b[first]
	);
}

function isVowelSwap(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	const [only, ...rest] = differences(a, b);
	return (
		only !== undefined &&
		rest.length === 0 &&
		/[aeiouy]/.test(a[only]!) &&
		/[aeiouy]/.test(b[only]!)
	);
}

/** The letter `long` doubles where `short` has it once, or undefined. */
function doubledLetter(short: string, long: string): string | undefined {
	if (long.length !== short.length + 1) return undefined;
	for (let i = 1; i < long.length; i++) {
		if (long[i] === long[i - 1] && long.slice(0, i) + long.slice(i + 1) === short) return long[i];
	}
	return undefined;
}
