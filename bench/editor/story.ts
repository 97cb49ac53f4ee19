import { seededRandom } from '../seededRandom.ts';

/**
 * The benchmark's story: exactly `words` words of deterministic prose-like English in paragraphs
 * of 40–160 words (blank lines between them, as a story file has), so every run opens and types
 * into the same text without shipping anyone's writing in the repository.
 */

const VOCABULARY = (
	'the a she he they it was had said looked into over under window door night morning light ' +
	'quietly slowly again never always house street river rain letter voice hand room table ' +
	'remembered wanted turned walked waited answered opened closed laughed whispered across ' +
	'before after because while until small old long cold warm dark bright last first little ' +
	'garden kitchen harbour station lamp coat stairs field winter summer evening bread kettle ' +
	'ferry orchard bridge candle mirror stranger brother mother father sister neighbour promise ' +
	'carefully suddenly finally perhaps nothing something everything nobody somebody almost'
).split(' ');

/** The story's text: `words` words, each paragraph a run of sentences ending in a full stop. */
export function generateStory(words: number, seed = 7): string {
	const next = seededRandom(seed);
	const pick = () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
	const paragraphs: string[] = [];
	let left = words;
	while (left > 0) {
		let inParagraph = Math.min(left, 40 + Math.floor(next() * 121));
		left -= inParagraph;
		const sentences: string[] = [];
		while (inParagraph > 0) {
			const length = Math.min(inParagraph, 6 + Math.floor(next() * 19));
			inParagraph -= length;
			const sentence = Array.from({ length }, pick).join(' ');
			const stop = next() < 0.12 ? '?' : next() < 0.1 ? '!' : '.';
			sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1) + stop);
		}
		paragraphs.push(sentences.join(' '));
	}
	return `${paragraphs.join('\n\n')}\n`;
}
