import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('a dropped small word', () => {
	it.each([
		['It a long way home.', 'It was a long way home.'],
		['None her friends came.', 'None of her friends came.'],
		['Each the boys got a coin.', 'Each of the boys got a coin.'],
		['They walked on same side of the road.', 'They walked on the same side of the road.'],
		['There were thousands huts in the valley.', 'There were thousands of huts in the valley.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"it" as an object', 'She made it a rule to rise early.'],
		['"each" before a noun', 'Each boy got a coin.'],
		['"the same"', 'They walked on the same side.'],
		['a bare noun after a preposition', 'He stood at attention, his face creased in pain.'],
		['a quantity before "more"', 'There were thousands more, and it was plenty warm.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a dropped "to" before a plain verb', () => {
	it.each([
		['We had settle the bill before noon.', 'We had to settle the bill before noon.'],
		['The play was be a benefit.', 'The play was to be a benefit.'],
		['He used be a sailor.', 'He used to be a sailor.'],
		['She tried explain it twice.', 'She tried to explain it twice.'],
		['He was not able go with them.', 'He was not able to go with them.'],
		['She wants pay you a visit.', 'She wants to pay you a visit.'],
		["I'd like tell you the whole story.", "I'd like to tell you the whole story."]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a participle the same as the plain verb', 'They have come home, and he had put it away.'],
		['a noun the verb takes', 'Some houses had flower gardens; we have complete rooms.'],
		['a noun before "of"', 'When I had hold of the rope, I felt safe.'],
		['an adjective', 'It had long since gone.'],
		['a bare object after "need"', 'We need help here.'],
		['a noun that takes "to", then its verb', 'The plan lay in his faith.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a clause with no subject, "seem" with no "to"', () => {
	it.each([
		['She smiled as if were her birthday.', 'She smiled as if it were her birthday.'],
		['He stayed home because had no coat.', 'He stayed home because he had no coat.'],
		['We waited, although could see no boat.', 'We waited, although he could see no boat.'],
		['It seemed me that the road had no end.', 'It seemed to me that the road had no end.'],
		['The plan seems them foolish.', 'The plan seems to them foolish.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['"as" before its verb', 'He rose early, as was his habit.'],
		['"than" before its verb', 'She ate more than was good for her.'],
		['a subject after the conjunction', 'Call me if you are late, because I will wait.'],
		['"seem" with "to"', 'It seemed to him a long way.'],
		['"seem" before a possessive', 'She seemed her old self again.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a subject pronoun with no verb', () => {
	it.each([
		['She not happy with the room.', 'She was not happy with the room.'],
		['He asked whether they the last to leave.', 'He asked whether they were the last to leave.'],
		['We stayed because I a stranger there.', 'We stayed because I was a stranger there.'],
		['"He a liar," she said.', '"He was a liar," she said.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a verb the clause before has', 'They could see us, but we not them.'],
		['a contrast with "while"', 'She was a doctor, while he a nurse.'],
		['a question', 'Did she not see the car?'],
		['"it" as an object', 'She thought it a pity.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a subject pronoun before "about to"', () => {
	it('corrects "He about to say"', () =>
		expectFix('I paused—he about to say more.', 'I paused—he was about to say more.'));
	it('leaves "about to" after its verb alone', () => expectClean('He was about to leave.'));
});

describe('a dropped "and" between a verb\'s object and a verb of speech', () => {
	it('corrects "turned his head said"', () =>
		expectFix('He turned his head said, "Wait."', 'He turned his head and said, "Wait."'));
	it.each([
		['a verb of knowing before a clause', 'He knew the letter said more.'],
		['a reduced relative clause', 'He bought the house said to be haunted.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('a dropped article before a count noun', () => {
	it.each([
		['He walked across room to the fire.', 'He walked across the room to the fire.'],
		['She sat down on bench near the gate.', 'She sat down on the bench near the gate.'],
		['The basket stood near wall, by the divan.', 'The basket stood near the wall, by the divan.'],
		['Then she walked toward house.', 'Then she walked toward the house.'],
		['It had been swept under rug.', 'It had been swept under the rug.'],
		['It was seven when crowd washed me up.', 'It was seven when the crowd washed me up.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a mass noun', 'He looked out at water and sky.'],
		['a noun the training text has bare after the preposition', 'They came by car.'],
		['a noun that modifies the next one', 'He looked in newspaper files for it.'],
		['two nouns paired', 'They lay exhausted on chair and floor.'],
		['a noun repeated across a preposition', 'They went from door to door.'],
		['a range', 'Books stood from floor to ceiling.'],
		['a phrase written as one word too', 'She appeared on screen at last.'],
		['a noun in a hyphenated word', 'He crept out on tip-toe.'],
		['a noun of a person as a name', 'We ate when father came home.'],
		['"that" as a determiner', 'Yet even that explosion did not mean much.'],
		['"to" before a verb that is also a noun', 'He was only pretending to joke.'],
		['a preposition used as an adjective', 'She stopped at the outside door.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
