import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { storySchema } from '#shared/model/schema';
import { textOffsetsOf } from '#shared/model/textOffsets';
import { textToStoryJSON } from '#shared/model/storyText';
import type { Flag } from '#shared/proofing/types';
import { editMapping } from '../../../src/lib/editor/editMapping';
import {
	applyRangeFixes,
	countByKind,
	fixAllChanges,
	flagWord,
	placeFlags
} from '../../../src/lib/proofing/placedFlags';

function stateOf(text: string): EditorState {
	const json = textToStoryJSON(text).doc;
	return EditorState.create({ schema: storySchema, doc: storySchema.nodeFromJSON(json) });
}

function flagOn(text: string, quote: string, fix: string, kind: Flag['kind'] = 'spelling'): Flag {
	const start = text.indexOf(quote);
	if (start < 0) throw new Error(`${quote} not in text`);
	return {
		start,
		end: start + quote.length,
		kind,
		message: 'm',
		suggestions: [fix],
		rule: 'r',
		confidence: 'likely'
	};
}

const TEXT = 'She recieved it.\n\nThe the cat sat  down.';

describe('placing flags in the editor', () => {
	it('maps text offsets to the positions of the same words, across paragraphs', () => {
		const state = stateOf(TEXT);
		const map = textOffsetsOf(state.doc);
		expect(map.text).toBe(TEXT);
		const flags = [
			flagOn(TEXT, 'recieved', 'received'),
			flagOn(TEXT, 'The the', 'The', 'repetition')
		];
		const placed = placeFlags(TEXT, flags, map, null, 't');
		expect(placed.map((flag) => state.doc.textBetween(flag.from, flag.to))).toEqual([
			'recieved',
			'The the'
		]);
		expect(placed[0]).toMatchObject({ id: 't-0', quote: 'recieved', word: 'recieved' });
		expect(placed[1]!.word).toBeNull();
		expect(placed[0]!.before).toBe('She ');
		expect(placed[1]!.before).toBe('She recieved it. ');
	});

	it('follows edits made while the check ran, and drops flags whose words were deleted', () => {
		const state = stateOf(TEXT);
		const map = textOffsetsOf(state.doc);
		const flags = [flagOn(TEXT, 'recieved', 'received'), flagOn(TEXT, 'cat', 'dog')];
		// Meanwhile: "Yes, " typed at the start, and "cat" deleted.
		const tr = state.tr.insertText('Yes, ', 1);
		const cat = tr.doc.textContent.indexOf('cat');
		let catPos = -1;
		tr.doc.descendants((node, pos) => {
			if (node.isText && node.text!.includes('cat')) catPos = pos + node.text!.indexOf('cat');
		});
		expect(cat).toBeGreaterThan(0);
		tr.delete(catPos, catPos + 3);
		const placed = placeFlags(TEXT, flags, map, tr.mapping, 't');
		expect(placed).toHaveLength(1);
		expect(tr.doc.textBetween(placed[0]!.from, placed[0]!.to)).toBe('recieved');
	});

	it('narrows a collaborator’s whole-document replacement to what changed', () => {
		const state = stateOf(TEXT);
		// How the Yjs binding applies a remote edit: the whole document replaced by a new one.
		const edited = stateOf(TEXT.replace('The the cat', 'The the big cat'));
		const tr = state.tr.replaceWith(0, state.doc.content.size, edited.doc.content);
		const mapping = editMapping(tr);
		const map = textOffsetsOf(state.doc);
		const placed = placeFlags(TEXT, [flagOn(TEXT, 'recieved', 'received')], map, mapping, 't');
		expect(placed).toHaveLength(1);
		expect(tr.doc.textBetween(placed[0]!.from, placed[0]!.to)).toBe('recieved');
		// Mapping through the raw step would have lost it.
		const raw = placeFlags(TEXT, [flagOn(TEXT, 'recieved', 'received')], map, tr.mapping, 't');
		expect(raw).toHaveLength(0);
	});
});

describe('counting and fixing', () => {
	it('counts flags per kind in the kinds’ order', () => {
		const kinds: Flag['kind'][] = ['spacing', 'spelling', 'spacing', 'mojibake'];
		expect(countByKind(kinds.map((kind) => ({ kind })))).toEqual([
			['spelling', 1],
			['spacing', 2],
			['mojibake', 1]
		]);
	});

	it('finds the one word a flag is about', () => {
		expect(flagWord("Faith's")).toBe('Faith');
		expect(flagWord(' Tara ')).toBe('Tara');
		expect(flagWord('the the')).toBeNull();
		expect(flagWord('  ')).toBeNull();
		expect(flagWord('.')).toBeNull();
	});

	it('builds "fix all" as one transaction, last replacement first, skipping overlaps', () => {
		const state = stateOf(TEXT);
		const map = textOffsetsOf(state.doc);
		const flags = placeFlags(
			TEXT,
			[
				flagOn(TEXT, '  ', ' ', 'spacing'),
				flagOn(TEXT, 'recieved', 'received'),
				flagOn(TEXT, 'recieved it', 'got it'),
				flagOn(TEXT, 'The the', 'The', 'repetition'),
				{ ...flagOn(TEXT, 'cat', 'x'), suggestions: [] }
			],
			map,
			null,
			't'
		);
		const fixes = fixAllChanges(flags);
		expect(fixes.map((fix) => fix.insert)).toEqual([' ', 'The', 'received']);
		expect(fixes[0]!.from).toBeGreaterThan(fixes[1]!.from);
		const tr = applyRangeFixes(state.tr, fixes);
		expect(tr.steps.length).toBe(3);
		expect(textOffsetsOf(tr.doc).text).toBe('She received it.\n\nThe cat sat down.');
	});

	it('deletes for an empty fix and keeps fixes on one line', () => {
		const state = stateOf('Hello hello there.');
		const fixes = fixAllChanges([
			{ id: 'a', from: 6, to: 12, suggestions: [''] },
			{ id: 'b', from: 13, to: 18, suggestions: ['over\nthere'] }
		]);
		const tr = applyRangeFixes(state.tr, fixes);
		expect(textOffsetsOf(tr.doc).text).toBe('Hello over there.');
	});
});
