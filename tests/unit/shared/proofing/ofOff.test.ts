import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"off" where "of" was meant', () => {
	it.each([
		['She was the best student off her class.', 'She was the best student of her class.'],
		['Most off the guests had gone home.', 'Most of the guests had gone home.'],
		['He kept a picture off his mother.', 'He kept a picture of his mother.'],
		['We won, off course.', 'We won, of course.'],
		['He stared down the barrel off his rifle.', 'He stared down the barrel of his rifle.'],
		['She sat in the shade off an old oak.', 'She sat in the shade of an old oak.'],
		['It was because off the rain that we stayed.', 'It was because of the rain that we stayed.'],
		['They crept around in back off the cave.', 'They crept around in back of the cave.'],
		['It was only a belt off minor planets.', 'It was only a belt of minor planets.'],
		['There was no certificate off marriage.', 'There was no certificate of marriage.'],
		['It seemed a magnification off the Galaxy.', 'It seemed a magnification of the Galaxy.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a verb that takes "off" before it', 'He knocked the glass off the table.'],
		['a phrasal verb', 'She took her coat off and sat down.'],
		['"off" at the end of a clause', 'He took the day off.'],
		['"off" before "to"', 'They were off to the coast.'],
		['a noun the corpus has before "off"', 'They lived on an island off the coast.'],
		['a verb before the noun phrase', 'He pushed the boat off the sand.'],
		['a phrasal verb of WordNet, in the past', 'He forgot to turn off everything.'],
		['a set phrase with a bare noun', 'He was a cop off duty. She played a tune off key.'],
		['a noun made of a phrasal verb', 'It was a trade off worth making.'],
		['an adverb after the particle', 'She held the boys off somehow.'],
		['an abstract noun after a verb that takes "off"', 'He took the attention off the problem.'],
		['a concrete noun in "-ment"', 'He moved the ornaments off the shelf.'],
		['a set phrase with "off the"', 'The town is so much off the beaten track that few come.'],
		['a phrasal verb with an object between', 'My father ran him off here years ago.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"of" where the particle "off" was meant', () => {
	it.each([
		[
			'That was when the gun went of. Nobody moved.',
			'That was when the gun went off. Nobody moved.'
		],
		['Why not lay of for a while?', 'Why not lay off for a while?'],
		["I haven't had a chance to wash it of.", "I haven't had a chance to wash it off."],
		['He had gone of and forgotten it.', 'He had gone off and forgotten it.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"of" stranded after a verb the corpus has with "of"', "That's what they're made of."],
		['"of" stranded after "think"', 'It was all he could think of.'],
		['a participle after "be"', 'What are you scared of? What was he frightened of?'],
		['a participle after a contracted "be"', "It's the one thing I'm scared of."],
		['"of" before its noun phrase', 'He went of his own free will.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
