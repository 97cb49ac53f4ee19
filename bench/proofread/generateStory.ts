import { seededRandom } from '../seededRandom.ts';

/**
 * A long made-up story for timing the checker: narration, dialogue with tags and beats, invented
 * names, and a sprinkling of the slips real stories have. Seeded, so every run checks the same
 * text. The sentences are written for this benchmark.
 */

const NAMES = ['Ilsabet', 'Corvin', 'Maelis', 'Torvald', 'Rhiannon', 'Quill', 'Saoirse', 'Bram'];
const PLACES = ['the harbour', 'the old mill', 'the orchard', 'the station', 'the lighthouse'];
const NARRATION = [
	'{a} walked down to {p} before the sun came up, counting the gulls on the roofs.',
	'The wind had turned in the night, and the boats knocked against each other like restless horses.',
	'{a} had not slept properly in days, but the coffee helped more than it had any right to.',
	'Nobody in the village remembered the last time {p} had been so quiet.',
	'{b} kept the letter folded in a pocket, close enough to touch, far enough to forget.',
	'By noon the fog had lifted, and the whole valley lay open like a map on a kitchen table.',
	'There were footprints in the frost, small and careful, leading away from {p}.',
	'{a} laughed, and for a moment the tiredness went out of the room.',
	'It was colder than anyone had expected, and the fires were lit early that evening.',
	'The clock above the door had stopped at a quarter past four years ago, and nobody wound it.'
];
const SPEECH = [
	'Did you hear what happened at {p}?',
	'I told you it would rain.',
	'We should go before it gets dark.',
	'You worry too much, you know that?',
	'Give me one good reason.',
	"I don't think that's a good idea.",
	'Wait. Listen.'
];
const TAGS = ['said', 'whispered', 'asked', 'muttered', 'replied'];
const BEATS = ['{a} shrugged.', '{a} looked away.', '{a} set the cup down.', '{a} smiled.'];
/** Slips dropped in now and then, so suggestions are timed too. */
const SLIPS = [
	['the harbour', 'teh harbour'],
	['before', 'befor'],
	['anyone', 'anyon'],
	['quiet', 'quite'],
	['colder than', 'colder then'],
	["don't", 'dont'],
	['in the night', 'in the the night']
] as const;

/** At least `words` words of story, in paragraphs separated by blank lines. */
export function generateStory(words: number, seed = 7): string {
	const next = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
	const fill = (template: string) =>
		template.replace('{a}', pick(NAMES)).replace('{b}', pick(NAMES)).replace('{p}', pick(PLACES));
	const paragraphs: string[] = [];
	let count = 0;
	while (count < words) {
		let paragraph =
			next() < 0.5
				? [fill(pick(NARRATION)), fill(pick(NARRATION)), fill(pick(NARRATION))].join(' ')
				: `"${fill(pick(SPEECH))}" ${pick(NAMES)} ${pick(TAGS)}. ${fill(pick(BEATS))}`;
		if (next() < 0.15) {
			const [right, wrong] = pick(SLIPS);
			paragraph = paragraph.replace(right, wrong);
		}
		paragraphs.push(paragraph);
		count += paragraph.split(/\s+/).length;
	}
	return `${paragraphs.join('\n\n')}\n`;
}
