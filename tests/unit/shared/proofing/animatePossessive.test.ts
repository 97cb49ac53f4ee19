import { describe, expect, it } from 'vitest';
import { described, expectFix } from './checker';

describe('a person or animal that owns the next noun', () => {
	it.each([
		['It was the car from the sheriffs office.', "It was the car from the sheriff's office."],
		['She paused at his fathers desk.', "She paused at his father's desk."],
		['He whacked the stallions rump.', "He whacked the stallion's rump."],
		['The boys fingers were cold.', "The boy's fingers were cold."],
		['He hit the strangers head.', "He hit the stranger's head."],
		['She felt the touch of his mothers hand.', "She felt the touch of his mother's hand."],
		['He shoved it under his pastors cap.', "He shoved it under his pastor's cap."]
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		'The boys head home at noon.',
		'She told the boys stories every night.',
		'He let his victims rest.',
		'He saw the strangers leave.',
		'She danced with the girls who came.',
		'We checked if any of the grooms match with the list.',
		'I spoke to the girls last night.',
		'His eyes dull, he sat down.',
		'They went on to the provincials anyway.'
	])('leaves a plural that owns nothing alone: %j', (text) => {
		expect(described(text).filter((found) => found.startsWith('apostrophe'))).toEqual([]);
	});
});
