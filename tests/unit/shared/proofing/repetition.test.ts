import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('repeated words', () => {
	it.each([
		['She went back back to the car.', 'She went back to the car.'],
		['I saw the the dog.', 'I saw the dog.'],
		['The the end was near.', 'The end was near.'],
		['He was in in the room.', 'He was in the room.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'He had had enough.',
		'"No no no," she said.',
		'"It narrows down down down and ends," he said.',
		'"Bye bye," she said.',
		'It was very very cold.',
		'Tara. Tara was there.',
		'She said it was that, that and nothing else.',
		'"I do not know. Perhaps perhaps there is hope."',
		'Pops let us in in the dark.'
	])('leaves %j alone', (text) => expectClean(text));
});
