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

/** mulberry32: a small seeded PRNG, so the text is the same on every run and machine. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

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
