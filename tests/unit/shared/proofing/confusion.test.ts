import { describe, expect, it } from 'vitest';
import { checker, expectClean, expectFix } from './checker';

describe('confused words', () => {
	it.each([
		['She was taller then her brother.', 'She was taller than her brother.'],
		['It hurt more then I expected.', 'It hurt more than I expected.'],
		['He was more careful then anyone.', 'He was more careful than anyone.'],
		['We ate, and than we left.', 'We ate, and then we left.'],
		['Its a beautiful day.', "It's a beautiful day."],
		['I think its fine.', "I think it's fine."],
		["The bird flew back to it's nest.", 'The bird flew back to its nest.'],
		["The company has it's own rules.", 'The company has its own rules.'],
		['Your going to love this.', "You're going to love this."],
		['I think your right about that.', "I think you're right about that."],
		["Thanks for you're help.", 'Thanks for your help.'],
		['Whose coming to the party?', "Who's coming to the party?"],
		["Who's car is parked outside?", 'Whose car is parked outside?'],
		['I love you to.', 'I love you too.'],
		['It was way to much for me.', 'It was way too much for me.'],
		['I want too go home.', 'I want to go home.'],
		["Don't loose your keys.", "Don't lose your keys."],
		['The dog broke lose.', 'The dog broke loose.'],
		['She lead him to the door.', 'She led him to the door.'],
		['He had lead them into the forest.', 'He had led them into the forest.'],
		['I need to lay down for a while.', 'I need to lie down for a while.'],
		['She was laying on the couch.', 'She was lying on the couch.'],
		['They walked passed the church.', 'They walked past the church.'],
		['Be quite!', 'Be quiet!'],
		['I could of told you.', 'I could have told you.'],
		['Their is nothing left.', 'There is nothing left.'],
		['Their going to be late.', "They're going to be late."],
		['They where happy.', 'They were happy.'],
		[
			'He came from the school were she was teaching.',
			'He came from the school where she was teaching.'
		],
		[
			'We stopped by the trailer were the two drivers were standing.',
			'We stopped by the trailer where the two drivers were standing.'
		],
		["I couldn't breath.", "I couldn't breathe."],
		['She took a deep breathe.', 'She took a deep breath.'],
		[
			"It rained, and then, thought I don't know why, I laughed.",
			"It rained, and then, though I don't know why, I laughed."
		],
		['He smiled even thought he was sad.', 'He smiled even though he was sad.'],
		["He's braver that he looks.", "He's braver than he looks."],
		['One, more horrible that the rest, lunged.', 'One, more horrible than the rest, lunged.'],
		['No won on the beach could see him.', 'No one on the beach could see him.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'It was so much bigger that we left. He felt stronger that day.',
		"It's better that he knows. He saw later that they had gone.",
		'He was happier that the war was over. She was more certain that he had gone.',
		'Were she to go, we would follow. If I were you I would stay.',
		'If they were he would know it.',
		'They were the ones who had come. Those were the days we had.',
		'She was happier then, before the war.',
		'And then she left.',
		'Its color had faded.',
		"It's over.",
		'Your hair looks great.',
		"You're welcome.",
		'Give it your all.',
		'I want you to.',
		'She went to the store too.',
		'Let her lead the way.',
		'She lay down on the bed.',
		'He laid the book on the table.',
		'The years passed slowly.',
		'It was quite good.',
		'The room was quiet.',
		'Whose book is this?',
		"Who's there?",
		"There is a cat. Their cat is black. They're nice.",
		'They turned the corner then stopped.',
		'I thought it was over.',
		'I got too close to the fire.',
		'I will show you where it is.',
		'He is your so-called friend.'
	])('leaves %j alone', (text) => expectClean(text));
});

describe('confused words read from the words around them', () => {
	it.each([
		['Its terrible, honestly.', "It's terrible, honestly."],
		['I know your impossible.', "I know you're impossible."],
		['Its literally the only road out.', "It's literally the only road out."],
		['Your really kind.', "You're really kind."],
		['Call me, its 9:15 already.', "Call me, it's 9:15 already."],
		['Your being unreasonable.', "You're being unreasonable."],
		['Your very kind, Mr. Morgan.', "You're very kind, Mr. Morgan."],
		['Your pretty hard on him.', "You're pretty hard on him."],
		["Lublin was they're heart.", 'Lublin was their heart.'],
		["They made they're way towards the hotel.", 'They made their way towards the hotel.'],
		["Who's coat fell off the hook?", 'Whose coat fell off the hook?'],
		['We have to get their before noon.', 'We have to get there before noon.'],
		['Put the box over their.', 'Put the box over there.'],
		['She ate far to many biscuits.', 'She ate far too many biscuits.'],
		['He glanced at the clock, than back at me.', 'He glanced at the clock, then back at me.'],
		['The frost will effect their harvest.', 'The frost will affect their harvest.'],
		['We past the old mill at dawn.', 'We passed the old mill at dawn.'],
		['I was quiet certain of it.', 'I was quite certain of it.'],
		["They're wagon was stuck in the mud.", 'Their wagon was stuck in the mud.'],
		["You're sister phoned twice.", 'Your sister phoned twice.'],
		['He lied down under the oak.', 'He lay down under the oak.'],
		['Wilson knew than this place must go.', 'Wilson knew that this place must go.'],
		['Be sure its out before you leave.', "Be sure it's out before you leave."],
		['Well, its within a mile of here.', "Well, it's within a mile of here."],
		['He through of the old man snoring.', 'He thought of the old man snoring.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'He walked through the door and thought of her.',
		'The house kept its usual.',
		'The fox licked its family of cubs.',
		'The tower lost its early charm.',
		'Your being here helps.',
		'It is your very own. Your very first car! Your pretty sister came.',
		'"Anyway, Julia asks me to." He had to find some way to close this talk.',
		'As for its being fine, we will see. I took your very, very serious questions.',
		"They're family. You're history, pal. They're way too late. You're nobody.",
		"I know that you're glad to be alive. They're rustic.",
		'Your family is waiting.',
		'The hound wagged its tail.',
		'It was their idea, not ours.',
		'Their own boat sank.',
		'It was further away, than I had hoped.',
		'It cost no more than a dollar, and she was other than kind.',
		'She would rather walk, than wait for the bus.',
		'They hope to effect change in the town.',
		'The years went past the window like birds.',
		'In years past the river flooded.',
		'The garden was quiet, sure enough.',
		'We drove far to the north.',
		'The ship and its 40 crew sailed.',
		"They're friends, and they're happy.",
		'Out there people were starving.',
		"You're kidding me.",
		'The witness was lying down when he lied to us.',
		'He lied about the money.',
		"That's your setting, and a fine one.",
		'The bird smoothed its down with its beak.'
	])('leaves %j alone', (text) => expectClean(text));
});

describe('"than" with nothing to compare', () => {
	it('suggests "that", as a possible error', () => {
		expect(checker.check('Wilson knew than this place must go.')).toMatchObject([
			{ rule: 'confusion/than-that', suggestions: ['that'], confidence: 'possible' }
		]);
	});

	it('leaves "than" alone after a misspelt word, which may be the comparative', () => {
		expect(
			checker.check('He could feel omre than hear the hoofs.').map((found) => found.rule)
		).toEqual(['spelling/unknown']);
	});
});
