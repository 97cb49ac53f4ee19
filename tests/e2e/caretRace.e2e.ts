import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STORY_FIELD } from '#shared/model/schema';
import { createStory } from '../helpers/stories';
import { storyPage } from '../helpers/links';
import { connectionStatus } from './support/browser';
import { useDesk } from './support/desk';

// A caret moved by a key is known to the browser at once but to the editor only when the
// `selectionchange` event runs, which Chromium queues behind input and network messages. Each
// test moves the browser's caret and, in the same task (before that event can run), does what
// a fast typist or a collaborator would: the editor must act on the caret shown.
const TEXT = ['First line of the story.', 'Second line here.', 'Third line at the end.'];

describe('a caret the editor has not heard of yet', () => {
	const desk = useDesk();

	async function open(): Promise<Page> {
		const storyId = await createStory(desk.server.url, 'Quick Keys', `${TEXT.join('\n\n')}\n`);
		const page = await (await desk.newContext()).newPage();
		await page.goto(await storyPage(desk.server.url, storyId, { name: 'Ada' }));
		await page.locator('.ProseMirror p', { hasText: 'Third line' }).waitFor();
		await expect.poll(() => connectionStatus(page)).toBe('connected');
		// The editor's own caret: at the end of the third line, read through a real click.
		await page.locator('.ProseMirror p', { hasText: 'Third line' }).click();
		await page.keyboard.press('End');
		await page.waitForTimeout(100);
		return page;
	}

	/** Puts the browser's caret at the start of the second line, in the page's current task. */
	const MOVE_CARET = `(() => {
		const line = [...document.querySelectorAll('.ProseMirror p')].find((p) =>
			p.textContent.startsWith('Second line'));
		getSelection().collapse(line.firstChild, 0);
	})()`;

	const paragraphs = (page: Page) =>
		page.locator('.ProseMirror p').evaluateAll((nodes) => nodes.map((p) => p.textContent));

	it('splits the line where the caret is shown when Enter follows at once', async () => {
		const page = await open();
		await page.evaluate(`${MOVE_CARET};
			document.querySelector('.ProseMirror').dispatchEvent(new KeyboardEvent('keydown', {
				key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true }));`);
		await expect.poll(() => paragraphs(page)).toEqual([TEXT[0], '', TEXT[1], TEXT[2]]);
	});

	it('keeps the caret where it is shown when someone else’s edit lands at that moment', async () => {
		const page = await open();
		const caret = await page.evaluate(`(() => {
			${MOVE_CARET};
			// Another person's edit to the first line, applied as the connection applies one.
			const editor = document.querySelector('.ProseMirror').editor;
			const ydoc = editor.extensionManager.extensions
				.find((extension) => extension.name === 'collaboration').options.document;
			ydoc.transact(() => ydoc.getXmlFragment('${STORY_FIELD}').get(0).get(0).insert(0, 'Now: '), 'someone');
			const selection = getSelection();
			return {
				line: selection.anchorNode.parentElement.closest('p').textContent,
				offset: selection.anchorOffset,
				editor: editor.state.selection.from
			};
		})()`);
		// The second line's text starts after the first paragraph's opening, text and closing,
		// and its own opening.
		expect(caret).toEqual({
			line: TEXT[1],
			offset: 0,
			editor: 'Now: '.length + TEXT[0]!.length + 3
		});
		await page.keyboard.type('So ');
		await expect
			.poll(() => paragraphs(page))
			.toEqual([`Now: ${TEXT[0]}`, `So ${TEXT[1]}`, TEXT[2]]);
	});
});
