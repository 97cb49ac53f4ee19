import { describe, it } from 'vitest';
import { expectClean, expectFix } from './checker';

describe('"they" where "the" was meant', () => {
	it.each([
		['He put they shells on the table.', 'He put the shells on the table.'],
		['She went to they bedroom.', 'She went to the bedroom.'],
		['She saw they idiotic boy.', 'She saw the idiotic boy.'],
		['Snow fell from they sky all night.', 'Snow fell from the sky all night.'],
		['The riders crossed they Rockies in May.', 'The riders crossed the Rockies in May.'],
		['He lived among they farmers for a year.', 'He lived among the farmers for a year.'],
		['It was they same old song.', 'It was the same old song.'],
		['But they loneliest hour came at dawn.', 'But the loneliest hour came at dawn.'],
		['But they scar was still red.', 'But the scar was still red.'],
		['She found it in they morning mail.', 'She found it in the morning mail.'],
		['It offset they damaging stories.', 'It offset the damaging stories.'],
		['But they scar seemed to pull at him.', 'But the scar seemed to pull at him.'],
		['He saluted and went up they dock.', 'He saluted and went up the dock.'],
		['It happened on they aforementioned occasion.', 'It happened on the aforementioned occasion.'],
		['They rope flung him off the cliff.', 'The rope flung him off the cliff.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a verb after it', 'They cover the floor with rugs.'],
		['a verb whose -ed form doubles its consonant', 'When they drop the box, run.'],
		['a past tense', 'They kept the keys.'],
		['an irregular past', 'They sold it to him, and they spent it.'],
		['a fronted particle before its past', 'In they came, and on they marched.'],
		['a fronted particle before a plain verb', 'Off they go! In they walk, laughing.'],
		['a verb and a participle before its noun', 'They need trained men.'],
		['a floating quantifier', 'They all laughed, and they both left.'],
		['an adverb', 'They never knew.'],
		['a name after an inverted question', 'Were they Canadians, or not?'],
		['an inversion after a particle', 'In they went, and out they came.'],
		['a subject after a modal', 'Will they sky dive again?'],
		['"they better"', 'They better hurry.'],
		['a floating adverb in dialect', '"They sure was mad," he said.'],
		['a verb and its object', 'They scar the bark so it was marked.'],
		['an -ing form after a helping verb', 'What are they doing here? Were they coming?'],
		['a verb that ends in -ing', 'They sing, they bring food, they swing.'],
		['"they being"', 'They being late, we left.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"the" where "they" was meant', () => {
	it.each([
		['When the were done, we left.', 'When they were done, we left.'],
		['The painted the fence in May.', 'They painted the fence in May.'],
		["I asked, but the didn't answer.", "I asked, but they didn't answer."],
		['The ate the food with interest.', 'They ate the food with interest.'],
		['The got tin cups of coffee.', 'They got tin cups of coffee.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a participle as an adjective', 'The wounded man lay still; the expected result came.'],
		['a participle as a noun', 'The hunted fled to the hills.'],
		['a compound written open', 'The would be hero stood there.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"they" before a past participle that is no simple past', () => {
	it.each([
		['She rubbed they swollen ankles.', 'She rubbed the swollen ankles.'],
		['He mended they torn sleeves.', 'He mended the torn sleeves.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['a helping verb between', 'They had swollen ankles.'],
		['"been" in dialogue', 'Said they been told twice.']
	])('leaves %s alone', (_, text) => expectClean(text));
});

describe('"the" before an adverb and a verb', () => {
	it.each([
		['The also caught on a little.', 'They also caught on a little.'],
		['Later that week the both came together.', 'Later that week they both came together.']
	])('corrects %j', (text, corrected) => expectFix(text, corrected));

	it.each([
		['an adverb and a participle before a noun', 'It was the often repeated story.'],
		['"the both of"', 'She met the both of them.'],
		['an adverb before an adjective', 'He was the always cheerful one.']
	])('leaves %s alone', (_, text) => expectClean(text));
});
