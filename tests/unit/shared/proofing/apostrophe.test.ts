import { describe, expect, it } from 'vitest';
import { described, expectClean, expectFix } from './checker';

describe('missing apostrophes', () => {
	it.each([
		['I dont know.', "I don't know."],
		['It\u2019s late. I dont care.', 'It\u2019s late. I don\u2019t care.'],
		['Im fine, thanks.', "I'm fine, thanks."],
		['Shes gone and thats that.', "She's gone and that's that."],
		['We cant stay here.', "We can't stay here."],
		['Lets go home.', "Let's go home."],
		['"Ill drop by on Sunday."', '"I\'ll drop by on Sunday."'],
		['DONT touch it.', "DON'T touch it."],
		['I don;t care.', "I don't care."],
		[
			'Ophelia smiled. Later, Ophelia left. She touched Ophelias hand.',
			"Ophelia smiled. Later, Ophelia left. She touched Ophelia's hand."
		],
		[
			'Nadia waved. Everyone loved Nadia. Then Nadia smile grew.',
			"Nadia waved. Everyone loved Nadia. Then Nadia's smile grew."
		],
		['The bridges about to collapse.', "The bridge's about to collapse."],
		[
			'You know what Im saying. Im sure of it. He said Id come, and Id rather he did.',
			"You know what I'm saying. I'm sure of it. He said I'd come, and I'd rather he did."
		]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'She lets him go.',
		'As was his wont, he left early.',
		'They visited the Smiths on Sunday.',
		'Ophelia smiled at Ophelia and the others. The willows swayed.',
		'Then Nadia quietly left. Nadia nodded. Everyone watched Nadia.',
		'The bridges about the town were old.',
		'Nadia waved. Everyone loved Nadia. Then the Nadia boy smiled.',
		'Nadia waved. Everyone loved Nadia. It was Nadia who smiled.',
		'Mars was red. They flew to Mars. On Mars humans walked.',
		'Freud wrote about the id and the ego.',
		'Riverside won. Everyone loved Riverside. Then the new Riverside pitcher walked out.',
		'Anniston lost. Everyone booed Anniston. Riverside and Anniston players rushed out.',
		'Miami was hot. Everyone loved Miami. In Miami Beach cops had no say.',
		'Pat came. We saw Pat. Pat meanwhile was busy.',
		'The Japanese were strong. Japanese aircraft were fast.'
	])('leaves %j alone', (text) => expectClean(text));

	it('takes no name after a subject pronoun for an owner ("They Wisconsin plant": "The")', () => {
		expect(
			described('They saw Wisconsin. We loved Wisconsin. They Wisconsin plant closed.')
		).toEqual(['confusion/they-the:They']);
	});
});

describe('possessives after a determiner that takes one thing', () => {
	it.each([
		['She traced a rivers course on the map.', "She traced a river's course on the map."],
		['It was a nights sleep he badly needed.', "It was a night's sleep he badly needed."],
		['Each sailors hammock swung.', "Each sailor's hammock swung."],
		['The captains voice was hoarse.', "The captain's voice was hoarse."],
		['A crease formed between the mans eyebrows.', "A crease formed between the man's eyebrows."],
		['She went to the womens lunch.', "She went to the women's lunch."]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'She drove a sports car to the coast.',
		'He opened a savings account.',
		'An arms dealer waited by the gate.',
		'The rivers course through the valley.',
		'A few rivers wound south.',
		'She found a glasses case in the drawer.',
		'The hounds howled all night.',
		'The lanterns swung and the ropes creaked.',
		'The sales team was pleased.',
		'He liked the girls who stayed, and the peasants who fled.',
		'The humans left, and the Germans stayed.',
		'He mans the boat alone.'
	])('leaves %j alone', (text) => expectClean(text));
});

describe('"lets" and "Ill" after a comma or a conjunction', () => {
	it.each([
		['Well, lets try the back door.', "Well, let's try the back door."],
		['It is late, but lets finish the page.', "It is late, but let's finish the page."],
		['You can drive, and Ill watch the map.', "You can drive, and I'll watch the map."]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"lets" with an object', 'She opens the gate and lets the dog out.'],
		['"lets go" as "let go"', 'He grips the rope, then lets go.'],
		['"ill" in lower case', 'The child was ill, and we stayed home.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
