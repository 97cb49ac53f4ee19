import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('dialogue punctuation', () => {
	it.each([
		['"Hi Mara." I replied.', '"Hi Mara," I replied.'],
		['"Look out!" She shouted.', '"Look out!" she shouted.'],
		['"I missed you." She whispered.', '"I missed you," she whispered.'],
		['"Okay." Tomas said quietly.', '"Okay," Tomas said quietly.'],
		['"I know." Her mother said.', '"I know," her mother said.'],
		['"Fine." Is all he said.', '"Fine," is all he said.'],
		['"Fine." Said Tomas.', '"Fine," said Tomas.'],
		['"Wait," She said.', '"Wait," she said.'],
		['"Sweetie..." She murmured.', '"Sweetie..." she murmured.'],
		['"Come here" she said.', '"Come here," she said.'],
		['"Hi" said Tomas.', '"Hi," said Tomas.'],
		['\u2018Hello.\u2019 She said.', '\u2018Hello,\u2019 she said.'],
		['"Stop." She murmered softly.', '"Stop," she murmured softly.'],
		['She said "Hello."', 'She said, "Hello."'],
		['He said "We leave at dawn." Nobody moved.', 'He said, "We leave at dawn." Nobody moved.'],
		['\u201cHi Mara.\u201d I replied.', '\u201cHi Mara,\u201d I replied.'],
		['"Stay with me.\n\nShe shook her head.', '"Stay with me."\n\nShe shook her head.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['an action beat after a full stop', '"Hey." She smiled.'],
		['a beat naming the speaker', '"I\'m home." Tomas dropped his keys.'],
		['a laugh', '"That is so funny." She laughed.'],
		['reported speech', '"Fine." She said nothing more.'],
		['an indirect question', '"Well?" She asked if he was ready.'],
		['a correct tag', '"Ready?" she asked. "I\'ll go first," I said.'],
		[
			'speech going on over paragraphs',
			'"It was long. It went on and on.\n\n"And then it stopped," she said.'
		],
		['a new sentence by the speaker', '"Go." She pointed at the door.'],
		[
			'British quotation marks and an apostrophe',
			'The dogs\u2019 bowls were empty. \u2018Fine,\u2019 she said.'
		],
		['an imperative after the quotation', '"Okay." Say it again.'],
		['a quotation that is the subject', '"Connections" was all he would say.'],
		['quoted words the sentence goes on after', 'Then she said "Later," and left the room.'],
		['quoted words before a dash', 'But Mara said "Stop!"—and meant it.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a question before its dialogue tag', () => {
	it.each([
		['"Where did you put it." she asked.', '"Where did you put it?" she asked.'],
		['"Are you coming" he asked.', '"Are you coming?" he asked.'],
		['"Who\'s there." Mara called.', '"Who\'s there?" Mara called.']
	])('ends %j with a question mark', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"Do it now." she said.', '"Do it now," she said.'],
		['"What a mess." he said.', '"What a mess," he said.']
	])('keeps the comma for %j', (text, corrected) => expectFix(text, corrected));
});
