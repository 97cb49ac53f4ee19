import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('web-page residue', () => {
	it.each([
		[
			'The story begins. It was night.\n\nThe end.\n\nMy Story TitleWhere stories live. Discover now',
			'The story begins. It was night.\n\nThe end.\n\n'
		],
		['12\n\nThe story begins here.', '\n\nThe story begins here.'],
		['1 2 3 4 5 6\nThe story begins here.', '\nThe story begins here.'],
		['12 | 13 | 14\n\nThe story begins here.', '\n\nThe story begins here.'],
		['Page 2 of 5\nThe story begins here.', '\nThe story begins here.'],
		[
			'Rated: T - English - Romance - Words: 1,234 - Reviews: 5\n\nIt was night.',
			'\n\nIt was night.'
		],
		[
			'It was night.\n\nThe end.\n\nContinue reading this story in the app',
			'It was night.\n\nThe end.\n\n'
		]
	])('removes %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'The story ends here. Please read more of my stories and review!',
		'It was 1999.\n\nThe story begins.',
		'1, 2, 3, go!\n\nThe story begins.',
		'The story begins.\n\nIt went on.\n\nThe score was 3 - 2 at half time.\n\n1 2 3, she counted',
		'Chapter 3\n\nThe story begins.',
		'It was night.\n\nRead more about the war in my other story, if you like.'
	])('leaves %j alone', (text) => expectClean(text));
});
