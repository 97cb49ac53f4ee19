import { describe, expect, it } from 'vitest';
import { described, expectClean, expectFix, fixed } from './checker';

describe('"one" for "on" and "an" for "and"', () => {
	it.each([
		['He sat one the train to Lublin.', 'He sat on the train to Lublin.'],
		['She stayed calm, an it worked.', 'She stayed calm, and it worked.'],
		['He left one some errand of his own.', 'He left on some errand of his own.'],
		['The moment he leveled one it, it fell.', 'The moment he leveled on it, it fell.'],
		['She had stopped an again removed her hand.', 'She had stopped and again removed her hand.'],
		[
			'It hung on the wall, an underneath it lay a box.',
			'It hung on the wall, and underneath it lay a box.'
		]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"one" as a pronoun', 'No one the police asked knew, and one by one the men left.'],
		['"one" before a noun', 'One day the rain stopped; one another, one that stayed.'],
		['the article before a vowel', 'It was an hour, an apple and an idea.'],
		['the article before a hyphenated word', 'He had an in-law and an as-yet unknown son.'],
		[
			'"one" after "which" or "another"',
			'Which one it was, and another one some day, we never knew.'
		]
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"one" before a plural, "an" before a bracket or "I"', () => {
	it.each([
		['It was a ladder one casters.', 'It was a ladder on casters.'],
		['She went knocking one strangers doors.', 'She went knocking on strangers doors.'],
		['Bobby Joe an (blushing) Ann came.', 'Bobby Joe and (blushing) Ann came.'],
		['He nodded an I left.', 'He nodded and I left.'],
		['She said "Yes" an "I know" twice.', 'She said "Yes" and "I know" twice.'],
		['They can stay here an either rest or eat.', 'They can stay here and either rest or eat.']
	])('corrects %j', (text, corrected) => {
		expect(fixed(text)).toBe(corrected);
	});

	it.each([
		'However one looks at it, we lost.',
		'She was the only one others trusted.',
		'You owe her twenty-one dollars, or thirty one dollars.',
		'They put up an "Eats" sign.',
		'He had an almost gentle voice and an across-the-board raise.'
	])('leaves %j alone', (text) => {
		expect(described(text).filter((found) => found.startsWith('confusion'))).toEqual([]);
	});
});
