import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addDictionaryWord,
	checkOptionsFrom,
	DICTIONARY_MAP,
	flagIgnoreKey,
	ignoreFlag,
	ignoreWord,
	IGNORES_MAP,
	listDictionaryWords,
	listIgnores,
	removeDictionaryWord,
	removeIgnore,
	withoutIgnoredFlags
} from '#shared/proofing/storyDictionary';
import type { Flag } from '#shared/proofing/types';

const editor = { id: 'editor-1', name: 'Ada' };
const at = '2025-01-02T03:04:05.000Z';

const flagOn = (text: string, word: string, rule = 'spelling/unknown'): Flag => {
	const start = text.indexOf(word);
	return {
		start,
		end: start + word.length,
		kind: 'spelling',
		message: '',
		suggestions: [],
		rule,
		confidence: 'likely'
	};
};

describe('story dictionary in the notes doc', () => {
	it('adds, lists and removes words', () => {
		const notes = new Y.Doc();
		addDictionaryWord(notes, 'Zorblat', editor, at);
		addDictionaryWord(notes, "Tavi's", editor, at);
		expect(listDictionaryWords(notes)).toEqual(["Tavi's", 'Zorblat']);
		expect(notes.getMap(DICTIONARY_MAP).get('Zorblat')).toEqual({ addedBy: editor, addedAt: at });
		expect(removeDictionaryWord(notes, 'Zorblat')).toBe(true);
		expect(removeDictionaryWord(notes, 'Zorblat')).toBe(false);
		expect(listDictionaryWords(notes)).toEqual(["Tavi's"]);
	});

	it('refuses to write a phrase or an anonymous entry', () => {
		const notes = new Y.Doc();
		expect(() => addDictionaryWord(notes, 'two words', editor, at)).toThrow();
		expect(() => addDictionaryWord(notes, 'word', { id: '', name: '' }, at)).toThrow();
	});

	it('skips junk written by another client', () => {
		const notes = new Y.Doc();
		const map = notes.getMap<unknown>(DICTIONARY_MAP);
		map.set('Good', { addedBy: editor, addedAt: at });
		map.set('Bad', 'not an entry');
		map.set('has space', { addedBy: editor, addedAt: at });
		map.set('NoDate', { addedBy: editor });
		expect(listDictionaryWords(notes)).toEqual(['Good']);
	});
});

describe('ignores in the notes doc', () => {
	it('ignores one flag by its rule, text and surroundings, and survives edits elsewhere', () => {
		const notes = new Y.Doc();
		const text = 'Long ago and far away, the glorp was green. Another glorp sat nearby.';
		const first = flagOn(text, 'glorp');
		const key = ignoreFlag(notes, text, first, editor, at);
		expect(listIgnores(notes).map((entry) => entry.key)).toEqual([key]);

		const second = {
			...first,
			start: text.lastIndexOf('glorp'),
			end: text.lastIndexOf('glorp') + 5
		};
		expect(withoutIgnoredFlags(notes, text, [first, second])).toEqual([second]);

		const edited = `Once upon a time. ${text}`;
		const moved = flagOn(edited, 'glorp');
		expect(withoutIgnoredFlags(notes, edited, [moved])).toEqual([]);
		expect(flagIgnoreKey(edited, moved)).toBe(key);

		expect(removeIgnore(notes, key)).toBe(true);
		expect(withoutIgnoredFlags(notes, text, [first])).toEqual([first]);
	});

	it('ignores a word everywhere and hands the checker its options', () => {
		const notes = new Y.Doc();
		ignoreWord(notes, 'Glorp', editor, at);
		addDictionaryWord(notes, 'Zorblat', editor, at);
		expect(checkOptionsFrom(notes)).toEqual({ storyWords: ['Zorblat'], ignoredWords: ['Glorp'] });
	});

	it('converges when two people ignore the same flag at once', () => {
		const one = new Y.Doc();
		const two = new Y.Doc();
		const text = 'A glorp.';
		ignoreFlag(one, text, flagOn(text, 'glorp'), editor, at);
		ignoreFlag(two, text, flagOn(text, 'glorp'), { id: 'editor-2', name: 'Bo' }, at);
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect(listIgnores(one)).toHaveLength(1);
		expect(listIgnores(one)).toEqual(listIgnores(two));
	});

	it('skips junk and entries filed under another key', () => {
		const notes = new Y.Doc();
		const map = notes.getMap<unknown>(IGNORES_MAP);
		map.set('x', { type: 'word', word: 'glorp', addedBy: editor, addedAt: at });
		map.set('["word","glorp"]', { type: 'word', word: 'glorp', addedBy: editor, addedAt: at });
		map.set('["word","bad"]', { type: 'sentence', word: 'bad' });
		map.set('["word","worse"]', 42);
		expect(listIgnores(notes).map((entry) => entry.key)).toEqual(['["word","glorp"]']);
	});
});
