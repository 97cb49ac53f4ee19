import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"in to" for "into"', () => {
	it.each([
		['He walked in to the kitchen.', 'He walked into the kitchen.'],
		['She bumped in to a door.', 'She bumped into a door.'],
		['They ran back in to their tents.', 'They ran back into their tents.'],
		['He looked deep in to himself.', 'He looked deep into himself.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['an infinitive after "in"', 'She came in to see the baby.'],
		['a verb whose particle is "in"', 'He gave in to the pressure at last.'],
		['a verb two words back', 'They turned him in to the police.'],
		['"in" at the end of a phrase', 'She let him in to you, not to me.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
