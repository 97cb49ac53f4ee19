import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is tests/unit/shared/storyCorpus.ts). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const fixturesDir = path.join(repoRoot, 'tests/fixtures');

/** The real stories beside the repository, when this checkout has them. */
const sharedStoriesDir = path.resolve(repoRoot, '../shared/stories');

export interface CorpusStory {
	name: string;
	text: string;
}

function readTexts(directory: string, label: string): CorpusStory[] {
	if (!existsSync(directory)) return [];
	return readdirSync(directory)
		.filter((file) => file.endsWith('.txt'))
		.sort()
		.map((file) => ({
			name: `${label}/${file}`,
			text: readFileSync(path.join(directory, file), 'utf8')
		}));
}

/**
 * Every story text the model tests run on: our fixtures always, plus ../shared/stories/*.txt
 * when present (without it those simply contribute no cases).
 */
export function corpusStories(): CorpusStory[] {
	return [
		...readTexts(path.join(fixturesDir, 'stories'), 'fixtures'),
		...readTexts(sharedStoriesDir, 'shared')
	];
}

/** A deterministic PRNG (mulberry32) so generated stories are the same on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
		mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = [
	'Willow',
	'said',
	'the',
	'wish',
	'door',
	'quietly',
	"didn't",
	'well-known',
	'smiled',
	'and',
	'Ω',
	'naïve',
	'café',
	'שלום',
	'مرحبا',
	'1,000',
	'T-Tara',
	'a',
	'of',
	'light',
	'dark'
];
const PUNCTUATION = ['.', ' 😀', ',', '!', '?', '…', ' —', ';', ':', '."', '?"'];
const SEPARATORS = ['\n\n', '\n\n', '\n\n', '\n', '\n\n\n', '\n\n\n\n', '  \n\n', '\t\n\n'];

/**
 * A story of about `size` UTF-16 units made of sentences, dialogue, hard breaks, blank lines,
 * tabs, NBSPs and non-Latin words; returns it with its word count as built.
 */
export function generateStory(size: number, seed = 1): { text: string; words: number } {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
	const parts: string[] = [];
	let length = 0;
	let words = 0;
	while (length < size) {
		const sentenceWords = 3 + Math.floor(random() * 14);
		let sentence = random() < 0.3 ? '"' : '';
		for (let index = 0; index < sentenceWords; index++) {
			sentence += (index > 0 ? (random() < 0.05 ? '\u00a0' : ' ') : '') + pick(WORDS);
		}
		words += sentenceWords;
		sentence += pick(PUNCTUATION) + (random() < 0.15 ? pick(SEPARATORS) : ' ');
		parts.push(sentence);
		length += sentence.length;
	}
	return { text: parts.join('') + '\n', words };
}

/**
 * Texts without "\r" (what decodeText yields), built from pieces that make the interesting
 * cases likely: runs of "\n", odd spaces, surrogate pairs and lone surrogates.
 */
export const storyTextArbitrary = fc
	.array(
		fc.oneof(
			fc.constantFrom('\n', '\n\n', '\n\n\n', ' ', '  ', '\t', '\u00a0', '\u202f', '\u200f'),
			fc.constantFrom(
				'\ud800',
				'\udfff',
				'😀',
				'👩‍👩‍👧',
				'𝔘',
				'שלום',
				'é',
				'e\u0301',
				'"',
				'—',
				'…',
				'\f',
				'\v'
			),
			fc.string({ unit: 'binary', maxLength: 6 }),
			fc.string({ unit: 'grapheme-ascii', maxLength: 12 })
		),
		{ maxLength: 40 }
	)
	.map((parts) => parts.join('').replace(/\r/g, ''));

/** The same texts with lone surrogates replaced, as any UTF-8 round trip (Yjs updates) does. */
export const wellFormedStoryTextArbitrary = storyTextArbitrary.map((text) =>
	text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
);
