import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { initProseMirrorDoc, updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD, storySchema } from '#shared/model/schema';
import { readStoryText, readStoryTextMap, writeStoryText } from '#shared/model/storyDoc';
import type { StoryTextMap } from '#shared/model/textOffsets';
import { createAnchor, resolveAnchor } from '#shared/review/anchors';

function story(text: string): Y.Doc {
	const ydoc = new Y.Doc();
	writeStoryText(ydoc, text);
	return ydoc;
}

/** Anchors the first occurrence of `words`. */
function anchorOn(ydoc: Y.Doc, words: string) {
	const start = readStoryText(ydoc).indexOf(words);
	expect(start).toBeGreaterThanOrEqual(0);
	return createAnchor(ydoc, start, start + words.length);
}

/** Edits the story the way the editor does: a ProseMirror transform synced by y-tiptap. */
function edit(ydoc: Y.Doc, change: (tr: Transform, map: StoryTextMap) => void): void {
	const fragment = ydoc.getXmlFragment(STORY_FIELD);
	const { doc, meta } = initProseMirrorDoc(fragment, storySchema);
	const tr = new Transform(doc as ProseMirrorNode);
	change(tr, readStoryTextMap(ydoc));
	updateYFragment(ydoc, fragment, tr.doc, meta);
}

/** Inserts `text` at a txt-export offset through the editor path. */
function typeAt(ydoc: Y.Doc, offset: number, text: string): void {
	edit(ydoc, (tr, map) => tr.insert(map.toPos(offset), storySchema.text(text)));
}

function deleteRange(ydoc: Y.Doc, from: number, to: number): void {
	edit(ydoc, (tr, map) => tr.delete(map.toPos(from, 1), map.toPos(to, -1)));
}

function splitAt(ydoc: Y.Doc, offset: number): void {
	edit(ydoc, (tr, map) => tr.split(map.toPos(offset)));
}

/** Joins the paragraph containing `offset` with the one before it. */
function joinBackward(ydoc: Y.Doc, offset: number): void {
	edit(ydoc, (tr, map) => tr.join(map.toPos(offset) - 1));
}

const TEXT = 'The quick brown fox jumps.\n\nOver the lazy dog.\n';

describe('createAnchor', () => {
	it('keeps the quote and up to 32 characters of context', () => {
		const ydoc = story(TEXT);
		const anchor = anchorOn(ydoc, 'lazy');
		expect(anchor.quote).toBe('lazy');
		expect(anchor.prefix).toBe(TEXT.slice(0, TEXT.indexOf('lazy')).slice(-32));
		expect(anchor.suffix).toBe(' dog.\n');
	});

	it('trims the characters the export adds between paragraphs', () => {
		const ydoc = story(TEXT);
		const gap = TEXT.indexOf('\n\n');
		expect(createAnchor(ydoc, gap, gap + 6).quote).toBe('Over');
		expect(createAnchor(ydoc, gap - 6, gap + 2).quote).toBe('jumps.');
		expect(() => createAnchor(ydoc, gap, gap + 2)).toThrow(RangeError);
		expect(() => createAnchor(ydoc, 3, 3)).toThrow(RangeError);
	});

	it('anchors across hard breaks and paragraphs', () => {
		const ydoc = story('one\ntwo\n\nthree');
		const anchor = createAnchor(ydoc, 2, 11);
		expect(anchor.quote).toBe('e\ntwo\n\nth');
		expect(resolveAnchor(ydoc, anchor)).toEqual({
			start: 2,
			end: 11,
			quote: 'e\ntwo\n\nth',
			detached: false
		});
	});
});

describe('resolveAnchor', () => {
	it('moves with text typed before it and ignores text typed after it', () => {
		const ydoc = story(TEXT);
		const anchor = anchorOn(ydoc, 'brown fox');
		typeAt(ydoc, 0, 'Oh, ');
		typeAt(ydoc, readStoryText(ydoc).indexOf('Over'), 'And ');
		expect(resolveAnchor(ydoc, anchor)).toEqual({
			start: 14,
			end: 23,
			quote: 'brown fox',
			detached: false
		});
	});

	it('grows with text typed inside it, not with text typed right at its edges', () => {
		const ydoc = story(TEXT);
		const anchor = anchorOn(ydoc, 'brown fox');
		const start = TEXT.indexOf('brown fox');
		typeAt(ydoc, start + 5, ' little');
		typeAt(ydoc, start, '<');
		typeAt(ydoc, readStoryText(ydoc).indexOf(' jumps'), '>');
		const resolved = resolveAnchor(ydoc, anchor);
		expect(resolved.quote).toBe('brown little fox');
		expect(readStoryText(ydoc).slice(resolved.start - 1, resolved.end + 1)).toBe(
			'<brown little fox>'
		);
	});

	it('also works on headless Yjs edits and on a copy synced by updates', () => {
		const ydoc = story(TEXT);
		const anchor = anchorOn(ydoc, 'lazy dog');
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
		const secondText = (copy.getXmlFragment(STORY_FIELD).get(1) as Y.XmlElement).get(
			0
		) as Y.XmlText;
		secondText.insert(0, 'So ');
		secondText.insert(secondText.toString().indexOf(' dog'), ' old');
		expect(resolveAnchor(copy, anchor).quote).toBe('lazy old dog');
		Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(copy));
		expect(resolveAnchor(ydoc, anchor)).toEqual(resolveAnchor(copy, anchor));
	});

	it('follows words into the new paragraph when a paragraph is split before them', () => {
		const ydoc = story(TEXT);
		const anchor = anchorOn(ydoc, 'brown fox');
		splitAt(ydoc, TEXT.indexOf('quick'));
		expect(readStoryText(ydoc)).toBe('The \n\nquick brown fox jumps.\n\nOver the lazy dog.\n');
		expect(resolveAnchor(ydoc, anchor)).toEqual({
			start: 12,
			end: 21,
			quote: 'brown fox',
			detached: false
		});
	});

	it('spans both halves when a paragraph is split inside it', () => {
		const ydoc = story(TEXT);
		const anchor = anchorOn(ydoc, 'quick brown fox');
		splitAt(ydoc, TEXT.indexOf('brown'));
		expect(resolveAnchor(ydoc, anchor).quote).toBe('quick \n\nbrown fox');
	});

	it('stays on its words when paragraphs are joined', () => {
		const ydoc = story(TEXT);
		const inSecond = anchorOn(ydoc, 'lazy');
		const across = anchorOn(ydoc, 'jumps.\n\nOver');
		joinBackward(ydoc, TEXT.indexOf('Over'));
		expect(readStoryText(ydoc)).toBe('The quick brown fox jumps.Over the lazy dog.\n');
		expect(resolveAnchor(ydoc, inSecond)).toMatchObject({ quote: 'lazy', detached: false });
		expect(resolveAnchor(ydoc, across)).toMatchObject({ quote: 'jumps.Over', detached: false });
		splitAt(ydoc, readStoryText(ydoc).indexOf('Over'));
		expect(resolveAnchor(ydoc, inSecond)).toMatchObject({ quote: 'lazy', detached: false });
		expect(resolveAnchor(ydoc, across)).toMatchObject({
			quote: 'jumps.\n\nOver',
			detached: false
		});
	});

	it('shrinks when some of its words are deleted', () => {
		const ydoc = story(TEXT);
		const anchor = anchorOn(ydoc, 'quick brown fox');
		const start = TEXT.indexOf('quick');
		deleteRange(ydoc, start, start + 6);
		expect(resolveAnchor(ydoc, anchor)).toEqual({
			start,
			end: start + 9,
			quote: 'brown fox',
			detached: false
		});
	});

	it('is detached, with its quote, when its words are deleted', () => {
		const ydoc = story(TEXT);
		const anchor = anchorOn(ydoc, 'brown fox');
		const start = TEXT.indexOf('brown');
		deleteRange(ydoc, start - 1, start + 9);
		expect(readStoryText(ydoc)).toBe('The quick jumps.\n\nOver the lazy dog.\n');
		const resolved = resolveAnchor(ydoc, anchor);
		expect(resolved).toMatchObject({ quote: 'brown fox', detached: true });
		// Where the words were: y-tiptap's diff keeps the space before or after them.
		expect(resolved.end).toBe(resolved.start);
		expect([start - 1, start]).toContain(resolved.start);
	});

	it('is detached when its whole paragraph is deleted, even if the words exist elsewhere', () => {
		const ydoc = story('A cat sat.\n\nThe dog ran.\n\nThe dog ran.');
		const anchor = createAnchor(ydoc, 12, 24);
		ydoc.getXmlFragment(STORY_FIELD).delete(1, 1);
		expect(readStoryText(ydoc)).toBe('A cat sat.\n\nThe dog ran.');
		expect(resolveAnchor(ydoc, anchor)).toMatchObject({ detached: true, quote: 'The dog ran.' });
	});

	it('comes back with undo and goes again with redo', () => {
		const ydoc = story(TEXT);
		const fragment = ydoc.getXmlFragment(STORY_FIELD);
		const undo = new Y.UndoManager(fragment, {
			captureTimeout: 0,
			trackedOrigins: new Set([ySyncPluginKey])
		});
		const anchor = anchorOn(ydoc, 'lazy dog');
		const start = TEXT.indexOf('lazy');
		deleteRange(ydoc, start - 1, start + 8);
		expect(resolveAnchor(ydoc, anchor).detached).toBe(true);
		undo.undo();
		expect(resolveAnchor(ydoc, anchor)).toEqual({
			start,
			end: start + 8,
			quote: 'lazy dog',
			detached: false
		});
		undo.redo();
		expect(resolveAnchor(ydoc, anchor).detached).toBe(true);
		undo.undo();
		expect(resolveAnchor(ydoc, anchor).quote).toBe('lazy dog');
	});

	it('survives undoing a paragraph split', () => {
		const ydoc = story(TEXT);
		const undo = new Y.UndoManager(ydoc.getXmlFragment(STORY_FIELD), {
			captureTimeout: 0,
			trackedOrigins: new Set([ySyncPluginKey])
		});
		const anchor = anchorOn(ydoc, 'brown fox');
		splitAt(ydoc, TEXT.indexOf('fox'));
		expect(resolveAnchor(ydoc, anchor).quote).toBe('brown \n\nfox');
		undo.undo();
		expect(readStoryText(ydoc)).toBe(TEXT);
		expect(resolveAnchor(ydoc, anchor).quote).toBe('brown fox');
		undo.redo();
		expect(resolveAnchor(ydoc, anchor).quote).toBe('brown \n\nfox');
	});
});
