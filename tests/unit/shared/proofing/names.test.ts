import { describe, expect, it } from 'vitest';
import { checker, described, expectClean } from './checker';

describe('names and the story dictionary', () => {
	it('learns a capitalised word that appears mid-sentence', () => {
		expectClean('Zeltrin opened the door. Everyone waited for Zeltrin to speak.');
	});

	it('learns a name from a few capitalised uses even at sentence starts', () => {
		expectClean('Quorra smiled. Quorra waved. Quorra left.');
	});

	it('does not learn a lowercase misspelling, however often it appears', () => {
		expect(described('She was tierd. So tierd.')).toEqual([
			'spelling/unknown:tierd',
			'spelling/unknown:tierd'
		]);
	});

	it('honours the story dictionary', () => {
		expect(described('Vexa smiled.')).toEqual(['spelling/unknown:Vexa']);
		expectClean('Vexa smiled.', { storyWords: ['Vexa'] });
		expectClean('The glimmerfrost fell.', { storyWords: ['glimmerfrost'] });
	});

	it('drops every flag on a word ignored everywhere', () => {
		expectClean('Vexa smiled. The vexa fell.', { ignoredWords: ['vexa'] });
	});

	it('treats story-dictionary names as names for possessives', () => {
		const text = 'She held Vexas hand.';
		expect(checker.check(text, { storyWords: ['Vexa'] })[0]?.suggestions).toEqual(["Vexa's"]);
	});

	it('does not learn a bare contraction that starts sentence after sentence as a name', () => {
		const text = 'Thats why he left. He never came back. Thats all I know.';
		expect(described(text)).toEqual([
			'apostrophe/contraction:Thats',
			'apostrophe/contraction:Thats'
		]);
	});
});
