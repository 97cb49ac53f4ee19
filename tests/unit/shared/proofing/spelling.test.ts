import { describe, expect, it } from 'vitest';
import { createChecker } from '#shared/proofing/createChecker';
import { loadDictionary } from '../../../../server/proofing/loadDictionaries';
import { checker, described, expectClean, expectFix } from './checker';

describe('spelling', () => {
	it.each([
		['She recieved the letter on Monday.', 'She received the letter on Monday.'],
		['He definately meant it.', 'He definitely meant it.'],
		['They walked untill dawn.', 'They walked until dawn.'],
		['Thier house was small.', 'Their house was small.'],
		['The wierd noise stopped.', 'The weird noise stopped.'],
		['It was alot of work.', 'It was a lot of work.'],
		['She said it everytime.', 'She said it every time.'],
		['He was carefull with the glass.', 'He was careful with the glass.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['interjections', 'Umm, I do not know. Hmm. Shhh, listen! Ugh. Pfft.'],
		['drawn-out words', '"Nooo! Pleeease!" he wailed. "AHHH!"'],
		['stutters', '"T-Tara, w-wait," she stammered. "I d-don\'t b-believe it. But-But why?"'],
		['closed compounds', 'She grabbed her spellbook and her raincoat.'],
		['acronyms', 'The FBI agent read her POV notes in the NYPD file.'],
		['hyphenated words', 'He wore a t-shirt, and his well-worn boots.'],
		['informal speech', '"Gonna be fine," he said. "Kinda. Y\'know? C\'mon."'],
		['eye dialect', '"Naw, you oughta go," he said. "Betcha she\'ll wait."'],
		['accented words', 'They met at the café and talked about her naïve résumé.'],
		['web addresses', 'Find me at www.mysite-example.net or mail jo@mysite-example.net today.']
	])('leaves %s alone', (_, text) => expectClean(text));

	it('learns names that recur mid-sentence, also where they start a sentence', () => {
		const text = 'Xandrel waved. Then Mirela hugged Xandrel. Mirela laughed and Xandrel grinned.';
		expectClean(text);
	});

	it('takes a capitalised word seen once for a name when no common word is one slip away', () => {
		expectClean('"Zhorvath!" he shouted.\n\n*Ysolde\'s POV*');
	});

	it('still flags an unknown capitalised word seen only once at a sentence start', () => {
		expect(described('Finaly, the rain stopped.')).toEqual(['spelling/unknown:Finaly']);
		expect(checker.check('Finaly, the rain stopped.')[0]!.suggestions[0]).toBe('Finally');
	});

	it('keeps the possessive when suggesting', () => {
		expect(checker.check("The dialouge's tone was odd.")[0]!.suggestions[0]).toBe("dialogue's");
	});

	it('spells by the story locale', () => {
		const british = createChecker({
			dictionaries: { 'en-GB': loadDictionary('en-GB') },
			locale: 'en-GB'
		});
		expect(british.check('She realised it was late.')).toEqual([]);
		expect(checker.check('She realised it was late.')[0]).toMatchObject({
			rule: 'spelling/british',
			suggestions: ['realized']
		});
	});

	it('accepts British spellings in a story that uses them throughout', () => {
		expectClean('Her favourite colour was grey. She realised they had travelled to the centre.');
	});

	it('accepts the parts of a hyphenated name', () => {
		expectClean('They came from Noyon-la-Sainte and Krzywy-Rog, and Jean-Luc smiled.');
	});

	it('accepts the variants American dictionaries list too (a doubled "l", "-ogue")', () => {
		expectClean('He marvelled at the catalogue. She had travelled far, and he cancelled it.');
		// A vowel pair before the "l" doubles it in no spelling: still a slip.
		expect(checker.check('He appealled to her.')).toMatchObject([{ suggestions: ['appealed'] }]);
	});

	it('accepts a British spelling in a story whose dialogue is in single quotes', () => {
		expectClean(
			"'Come in,' said Maud. 'Sit down.'\n\n'Thank you.' He admired the harbour.\n\n'Tea?'"
		);
	});

	it('still flags a British spelling in a story with American dialogue', () => {
		expect(
			described('"Come in," said Maud. "Sit down." "Thank you." He admired the harbour.')
		).toEqual(['spelling/british:harbour']);
	});

	it('accepts adjectives in -al used as plural nouns', () => {
		expectClean('The team lost at sectionals but went on to the provincials anyway.');
	});

	it('accepts "-ish" hyphenated to a word or number', () => {
		expectClean('We met at eight-ish, a little late-ish, at 9-ish at most.');
	});

	it('does not crash on words that name object properties', () => {
		const text = 'The constructor built it. Then hasOwnProperty was late.';
		expect(described(text, { unusualWords: true })).toEqual(['unusual/far:hasOwnProperty']);
	});
});

describe('spelling: words the word lists lack', () => {
	it.each([
		['a regular formation', 'He gave an unsmilingly polite nod under the raftered roof.'],
		['a dropped g in dialogue', '"I was comin home," he said.'],
		['a WordNet word Hunspell lacks', 'The tenebrous hall was cold.'],
		['a contraction of a word and a clitic', '"There\'d be trouble," he said.']
	])('accepts %s', (_, text) => expectClean(text));

	it('still flags a misspelling that looks like a formation but is one slip from a word', () => {
		expect(described('He was truely sorry.')).toEqual(['spelling/unknown:truely']);
	});

	it('reports formations as unusual words, possible, only when asked', () => {
		const text = 'The unpurpled sky.';
		expect(checker.check(text)).toEqual([]);
		expect(checker.check(text, { unusualWords: true })).toMatchObject([
			{ kind: 'unusual', rule: 'unusual/formation', confidence: 'possible', suggestions: [] }
		]);
	});
});

describe('spelling: words written on purpose', () => {
	it.each([
		['letters left out with an apostrophe', '"Aye, cap\'n," said the bo\'sun.'],
		['a sound drawn out', 'The wind went wooooosh over the roof.'],
		['a phrase in another language', 'She had a certain je ne sais quoi about her.']
	])('accepts %s', (_, text) => expectClean(text));

	it('flags a recurring unknown word only once, as possible', () => {
		const text = 'They sailed on the biwa. The biwa was calm. Later the biwa froze.';
		expect(checker.check(text)).toMatchObject([
			{ rule: 'spelling/unknown', start: text.indexOf('biwa'), confidence: 'possible' }
		]);
	});

	it('flags a recurring dialect word once, though it is one slip from a word the text never has', () => {
		const text = 'I figger we go. Then I figger we wait. So I figger we stay.';
		expect(checker.check(text)).toMatchObject([
			{ rule: 'spelling/unknown', start: text.indexOf('figger'), confidence: 'possible' }
		]);
	});

	it('flags a recurring slip every time: a habit is still a slip', () => {
		const text = 'He saw teh dog and the cat. Then teh cat. Then teh bird.';
		expect(described(text)).toEqual([
			'spelling/unknown:teh',
			'spelling/unknown:teh',
			'spelling/unknown:teh'
		]);
	});
});

describe('spelling: foreign words beside a foreign article or preposition', () => {
	it.each([
		'She rang for the fille de chambre.',
		'They went to hear Tristan und Isolde at the opera.',
		'He mailed it to the office on Piazza di Spagna.'
	])('leaves %j alone', (text) => expectClean(text));

	it('still flags the same unknown word with no foreign word beside it', () => {
		expect(described('She rang for the chambre maid.')).toEqual(['spelling/unknown:chambre']);
	});
});

describe('spelling: parts of hyphenated words', () => {
	it.each([
		'Father Coughlin was pre-empting the show.',
		'They wrote socio-economic papers on intra-stellar travel.',
		'The mall was full of teen-agers and what-nots.',
		'"Now, Mis-ter McBride," said Lord.'
	])('leaves %j alone', (text) => expectClean(text));

	it('still flags a misspelt part that makes no word with its neighbour', () => {
		expect(described('She felt self-concious at the party.')).toEqual([
			'spelling/unknown:concious'
		]);
	});
});

describe('spelling: a formation one letter longer than its stem', () => {
	it.each(['She has browny hair.', 'He lit it with a tinplated lighter.'])(
		'leaves %j alone',
		(text) => expectClean(text)
	);

	it('still flags a formation one slip from another word, or from a function word', () => {
		expect(described('She was truely sorry.')).toEqual(['spelling/unknown:truely']);
		expect(described('"Whered you come from?"')).toEqual(['spelling/unknown:Whered']);
	});
});

describe('spelling: words no dictionary word is near', () => {
	it('reports a word more than two slips from every word only with the unusual words', () => {
		const text = 'She spoke of a kotowaza at the pokeneu feast.';
		expectClean(text);
		expect(described(text, { unusualWords: true })).toEqual([
			'unusual/far:kotowaza',
			'unusual/far:pokeneu'
		]);
	});

	it('finds words two substitutions away, and looks past names for a lower-case word', () => {
		expect(checker.check('He took no exersize.')[0]!.suggestions[0]).toBe('exercise');
		expect(checker.check('It jstu happened.')[0]!.suggestions).toContain('just');
	});
});

describe('spelling: words English has only inside a fixed phrase', () => {
	it.each([
		'He was persona non grata in every quarter.',
		'She gave him carte blanche, clearly a man in extremis.',
		'He mourned a few objets d’art and a double-entendre.'
	])('leaves %j alone', (text) => expectClean(text));

	it('still flags the word outside its phrase', () => {
		expect(described('The grata was cold.')).toEqual(['spelling/unknown:grata']);
	});
});

describe('spelling: a name after a title', () => {
	it('takes a capitalised unknown word after a title for a name', () => {
		expectClean('"Clearly spoken, Mr. Fogg," said Uncle Jeb.');
	});

	it('still flags a lower-case word after a title', () => {
		expect(described('He told Mr. Smith that his hosue was sold.')).toEqual([
			'spelling/unknown:hosue'
		]);
	});
});
