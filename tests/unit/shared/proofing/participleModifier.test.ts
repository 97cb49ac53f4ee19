import { describe, expect, it } from 'vitest';
import { described, expectClean } from './checker';

describe('a noun and a participle before a noun, inside a prepositional phrase', () => {
	it.each([
		['He dove into the shark infested waters.', 'hyphen/participle:shark infested'],
		['She wiped her hands on a blood smeared rag.', 'hyphen/participle:blood smeared'],
		['They walked along the moon drenched road.', 'hyphen/participle:moon drenched']
	])('flags %j', (text, found) => expect(described(text)).toContain(found));

	it.each([
		['a clause after the phrase', 'The lines of his jaw had become sharp.'],
		['an -ed verb after the phrase', 'The rest of the house stayed open all night.'],
		['two adjectives side by side', 'It lurched like an old spavined mare.'],
		['a number first', 'Three girls waved from a boat with three bronzed girls in it.'],
		['no noun after', 'She came out of the shower dressed.'],
		['a verb at the start of the sentence', 'The dog chased cats all day.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a noun and a participle before a noun, in an object or after a listed adjective', () => {
	it.each([
		['He scratched his mosquito plagued neck.', 'hyphen/participle:mosquito plagued'],
		['There was a small, neon lighted restaurant.', 'hyphen/participle:neon lighted'],
		['They filled the morning with their spine chilling cry.', 'hyphen/participle:spine chilling']
	])('flags %j', (text, found) => expect(described(text)).toContain(found));

	it.each([
		['a clause after a verb of thinking', 'He knew the dog chased cats.'],
		['a participle with its object after "had"', 'He had his position figured pretty close.'],
		['an absolute clause', 'He sat with his mouth hanging open.'],
		['"being"', 'As for the night being warm, he slept.']
	])('leaves %s alone', (_, text) => {
		expect(described(text).filter((found) => found.startsWith('hyphen'))).toEqual([]);
	});
});
