import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('spacing and invisible characters', () => {
	it.each([
		['She smiled.  Then she left.', 'She smiled. Then she left.'],
		['It was  cold.', 'It was cold.'],
		['He waited , then left.', 'He waited, then left.'],
		['It was a life -changing moment.', 'It was a life-changing moment.'],
		['She\u00a0smiled at\u00a0him.', 'She smiled at him.'],
		['Is it late\u00a0? Yes\u00a0!', 'Is it late? Yes!'],
		['Hello\u200bworld', 'Helloworld']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['an interrupted word', '"I was just- what?"'],
		['indentation', '    She smiled.\n\tThen she left.'],
		['a spaced dash', 'She left - and never came back.'],
		[
			'two spaces after every sentence',
			'She smiled.  Then she left.  He waited.  Nobody came.  It rained.'
		]
	])('leaves %s alone', (_, text) => expectClean(text));
});
