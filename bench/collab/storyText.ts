import { seededRandom } from '../seededRandom.ts';

/**
 * Deterministic prose-like text for benchmark stories: paragraphs of ordinary English words, so
 * the imported document has the shape of a real story (many paragraphs of plain text) without
 * shipping anyone's writing in the repository.
 */

const WORDS = (
	'the a she he they it was had said looked into over under window door night morning light ' +
	'quietly slowly again never always house street river rain letter voice hand room table ' +
	'remembered wanted turned walked waited answered opened closed laughed whispered across ' +
	'before after because while until small old long cold warm dark bright last first little'
).split(' ');

function sentence(next: () => number): string {
	const length = 6 + Math.floor(next() * 14);
	const words: string[] = [];
	for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
	const text = words.join(' ');
	return text[0]!.toUpperCase() + text.slice(1) + (next() < 0.15 ? '?' : '.');
}

/**
 * Text of at least `minChars` characters in paragraphs of about 400–800 characters separated by
 * blank lines, as a story file would be.
 */
export function storyText(minChars: number, seed = 1): string {
	const next = seededRandom(seed);
	const paragraphs: string[] = [];
	let size = 0;
	while (size < minChars) {
		const target = 400 + Math.floor(next() * 400);
		let paragraph = '';
		while (paragraph.length < target) paragraph += (paragraph ? ' ' : '') + sentence(next);
		paragraphs.push(paragraph);
		size += paragraph.length + 2;
	}
	return paragraphs.join('\n\n');
}
