import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seedReview } from '../helpers/reviewNotes';
import { createStory } from '../helpers/stories';
import { connectionStatus, storyText } from './support/browser';
import { useDesk } from './support/desk';
import type { Role } from '#shared/protocol/roles';
import { storyPage } from '../helpers/links';

interface Reader {
	context: BrowserContext;
	page: Page;
}

const WIDE = { width: 1400, height: 900 };

describe('comments and suggestions', () => {
	const desk = useDesk();

	/** Opens a story in a fresh browser profile as `name`, once its text and connection are up. */
	async function openAs(
		storyId: string,
		name: string,
		expectedText: string,
		viewport = WIDE,
		role: Role = 'owner'
	): Promise<Reader> {
		const context = await desk.newContext({ viewport });
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, storyId, { name }, role));
		await page.locator('.ProseMirror').waitFor();
		await poll(() => storyText(page)).toContain(expectedText);
		await poll(() => connectionStatus(page)).toBe('connected');
		return { context, page };
	}

	it('keeps a comment on its word while someone types around it, and applies a suggested fix', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Harbour',
			'The boats came into the harbor at dusk.\n\nNobody waited on teh quay.\n'
		);
		const alice = await openAs(storyId, 'Alice', 'into the harbor at dusk.');
		const bob = await openAs(storyId, 'Bob', 'into the harbor at dusk.');
		const dialogs: string[] = [];
		for (const { page } of [alice, bob]) {
			page.on('dialog', (dialog) => {
				dialogs.push(dialog.message());
				void dialog.dismiss();
			});
		}

		// Alice double-clicks a word and comments on it from the selection bubble.
		await doubleClickWord(alice.page, 'harbor');
		const bubble = alice.page.getByRole('toolbar', { name: 'Selection' });
		await bubble.getByRole('button', { name: 'Comment' }).click();
		const draft = alice.page.locator('article[aria-label="New comment"]');
		const body = draft.getByRole('textbox');
		await poll(() => isFocused(body)).toBe(true);
		await alice.page.keyboard.type('Is it harbour, like the rest of the book?');
		await alice.page.keyboard.press('Control+Enter');
		await draft.waitFor({ state: 'detached' });

		const card = (page: Page, quote: string) =>
			margin(page).locator(`article[aria-label="Comment by Alice on “${quote}”"]`);
		await card(alice.page, 'harbor').waitFor();
		await card(bob.page, 'harbor').waitFor();
		expect(await card(bob.page, 'harbor').locator('p.body').textContent()).toBe(
			'Is it harbour, like the rest of the book?'
		);
		await poll(() => highlightText(alice.page, '.review-comment')).toBe('harbor');
		await poll(() => highlightText(bob.page, '.review-comment')).toBe('harbor');

		// Bob types just before the word, then inside it.
		await placeCaret(bob.page, 'harbor', 0);
		await bob.page.keyboard.type('old ');
		await placeCaret(bob.page, 'harbor', 'harbo'.length);
		await bob.page.keyboard.type('u');
		await poll(() => storyText(alice.page)).toContain('came into the old harbour at dusk.');

		// The highlight grows with the inner insertion, never takes the word before it, and the
		// card's quote follows once the anchors are re-read.
		await poll(() => highlightText(alice.page, '.review-comment')).toBe('harbour');
		await poll(() => highlightText(bob.page, '.review-comment')).toBe('harbour');
		await card(alice.page, 'harbour').waitFor();
		await card(bob.page, 'harbour').waitFor();
		// …and the card sits level with the word in the margin.
		await poll(() => cardOffset(alice.page, card(alice.page, 'harbour'), '.review-comment')).toBe(
			0
		);

		// Bob suggests a fix for a typo: select, Suggest, type the replacement, Enter.
		await doubleClickWord(bob.page, 'teh');
		await bob.page
			.getByRole('toolbar', { name: 'Selection' })
			.getByRole('button', { name: 'Suggest' })
			.click();
		const suggestDraft = bob.page.locator('article[aria-label="New suggestion"]');
		const replacement = suggestDraft.getByRole('textbox');
		await poll(() => isFocused(replacement)).toBe(true);
		expect(await replacement.inputValue()).toBe('teh');
		await bob.page.keyboard.type('the');
		await bob.page.keyboard.press('Enter');
		await suggestDraft.waitFor({ state: 'detached' });

		const suggestion = margin(alice.page).locator(
			'article[aria-label="Suggestion by Bob: replace “teh” with “the”"]'
		);
		await suggestion.waitFor();
		// Until accepted the text is unchanged: the proposal is only drawn beside the words.
		expect(await storyText(alice.page)).toContain('Nobody waited on teh quay.');
		await poll(() => highlightText(alice.page, '.review-delete')).toBe('teh');
		await poll(() => highlightText(alice.page, 'ins.review-insert')).toBe('the');
		await suggestion
			.getByRole('button', { name: 'Accept suggestion: replace “teh” with “the”' })
			.click();

		const corrected = 'The boats came into the old harbour at dusk.\nNobody waited on the quay.';
		await poll(() => squeezeBlank(storyText(alice.page))).toBe(corrected);
		await poll(() => squeezeBlank(storyText(bob.page))).toBe(corrected);
		await suggestion.waitFor({ state: 'detached' });
		await alice.page.getByRole('checkbox', { name: 'Show resolved' }).check();
		await poll(() => suggestion.textContent()).toMatch(/Accepted\s+by Alice/);

		// A comment body is text, never markup.
		const xss = '<img src=x onerror="window.__xss=1"> <img src=x onerror=alert(1)>';
		await doubleClickWord(bob.page, 'quay');
		await bob.page.keyboard.press('Control+Alt+M');
		const bobDraft = bob.page.locator('article[aria-label="New comment"]');
		await poll(() => isFocused(bobDraft.getByRole('textbox'))).toBe(true);
		await bob.page.keyboard.insertText(xss);
		await bobDraft.getByRole('button', { name: 'Comment' }).click();
		for (const { page } of [alice, bob]) {
			const posted = margin(page).locator('article[aria-label="Comment by Bob on “quay”"]');
			await posted.waitFor();
			expect(await posted.locator('p.body').textContent()).toBe(xss);
		}
		for (const { page } of [alice, bob]) {
			// A control image that fails the same way: once its handler has run, so would theirs.
			await page.evaluate(() => {
				const control = document.createElement('img');
				control.onerror = () => ((window as { __control?: number }).__control = 1);
				control.src = 'x';
			});
			await poll(() => page.evaluate(() => (window as { __control?: number }).__control)).toBe(1);
			expect(await margin(page).locator('img').count()).toBe(0);
			expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
		}
		expect(dialogs).toEqual([]);
	});

	it('opens a commenter link in suggesting mode that cannot accept, and a viewer link read-only', async () => {
		const original = 'The tide turned late.';
		const storyId = await createStory(desk.server.url, 'Tide', `${original}\n`);
		const alice = await openAs(storyId, 'Alice', original);
		const carol = await openAs(storyId, 'Carol', original, WIDE, 'commenter');

		const suggesting = carol.page.getByRole('switch', { name: 'Suggesting' });
		expect(await suggesting.getAttribute('aria-checked')).toBe('true');
		expect(await suggesting.isDisabled()).toBe(true);

		await placeCaret(carol.page, 'tide turned', 0);
		await carol.page.keyboard.type('high ');
		await poll(() => suggestionLabels(carol.page)).toEqual(['Suggestion by Carol: insert “high ”']);
		await poll(() => suggestionLabels(alice.page)).toEqual(['Suggestion by Carol: insert “high ”']);
		expect(await storyText(carol.page)).toContain(original);
		expect(await storyText(alice.page)).toContain(original);

		const accept = (page: Page) => margin(page).getByRole('button', { name: /^Accept suggestion/ });
		expect(await accept(carol.page).count()).toBe(0);
		await accept(alice.page).waitFor();
		expect(await connectionStatus(carol.page)).toBe('connected');

		const victor = await openAs(storyId, 'Victor', original, WIDE, 'viewer');
		expect(await victor.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
		expect(await victor.page.getByRole('switch', { name: 'Suggesting' }).count()).toBe(0);
		expect(await accept(victor.page).count()).toBe(0);
		expect(await victor.page.getByRole('button', { name: 'Share' }).count()).toBe(0);
		expect(await alice.page.getByRole('button', { name: 'Share' }).count()).toBe(1);
	});

	it('turns typing into one growing suggestion while suggesting, leaving the text alone', async () => {
		const original = 'The lamp was lit.\n\nThe door stayed shut.';
		const storyId = await createStory(desk.server.url, 'Lamp', `${original}\n`);
		const alice = await openAs(storyId, 'Alice', 'The lamp was lit.');
		const bob = await openAs(storyId, 'Bob', 'The lamp was lit.');
		const before = await storyText(alice.page);

		const suggesting = alice.page.getByRole('switch', { name: 'Suggesting' });
		await suggesting.click();
		expect(await suggesting.getAttribute('aria-checked')).toBe('true');

		await placeCaret(alice.page, 'lamp was lit', 0);
		// Typed letters are taken before the browser edits the page's text, even for a moment.
		await alice.page.evaluate(() => {
			const counter = window as unknown as { textEdits: number };
			counter.textEdits = 0;
			document.querySelector('.ProseMirror')!.addEventListener('beforeinput', (event) => {
				if ((event as InputEvent).inputType === 'insertText') counter.textEdits++;
			});
		});
		const cards = margin(alice.page).locator('[data-review-card]');
		let typed = '';
		for (const key of 'old ') {
			await alice.page.keyboard.type(key);
			typed += key;
			await poll(() => suggestionLabels(alice.page)).toEqual([
				`Suggestion by Alice: insert “${typed}”`
			]);
		}
		expect(
			await alice.page.evaluate(() => (window as unknown as { textEdits: number }).textEdits)
		).toBe(0);
		await alice.page.keyboard.press('Backspace');
		await alice.page.keyboard.press('Backspace');
		await poll(() => suggestionLabels(alice.page)).toEqual(['Suggestion by Alice: insert “ol”']);
		expect(await cards.count()).toBe(1);
		await poll(() => highlightText(alice.page, 'ins.review-insert')).toBe('ol');
		expect(await storyText(alice.page)).toBe(before);

		await poll(() => suggestionLabels(bob.page)).toEqual(['Suggestion by Alice: insert “ol”']);
		expect(await storyText(bob.page)).toBe(before);
		expect(await alice.page.getByRole('toolbar', { name: 'Review' }).textContent()).toContain(
			'0 comments · 1 suggestion'
		);

		// Enter does nothing while suggesting (a suggestion never adds a paragraph).
		await alice.page.keyboard.press('Enter');
		await suggesting.click();
		expect(await suggesting.getAttribute('aria-checked')).toBe('false');
		expect(await storyText(alice.page)).toBe(before);
	});

	it('hides a resolved thread until “Show resolved” is ticked', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Resolve',
			'The lamp was lit.\n\nThe door stayed shut.\n'
		);
		await seedReview(desk.server.wsUrl, storyId, (seed) => {
			seed.thread('lamp', 'Which lamp?');
		});
		const alice = await openAs(storyId, 'Alice', 'The lamp was lit.');
		const lamp = margin(alice.page).locator('article[aria-label="Comment by Carol on “lamp”"]');
		await lamp.waitFor();

		// Alice comments on “door” by keyboard: caret, Shift+→, Ctrl+Alt+M.
		await selectByKeyboard(alice.page, 'door');
		await alice.page.keyboard.press('Control+Alt+M');
		await poll(() =>
			isFocused(alice.page.locator('article[aria-label="New comment"] textarea'))
		).toBe(true);
		await alice.page.keyboard.type('Open it?');
		await alice.page.keyboard.press('Control+Enter');
		const door = margin(alice.page).locator('article[aria-label="Comment by Alice on “door”"]');
		await door.waitFor();
		const bar = alice.page.getByRole('toolbar', { name: 'Review' });
		await poll(() => bar.textContent()).toContain('2 comments · 0 suggestions');

		// One click, as a person would, on a card that is not focused yet.
		await lamp.getByRole('button', { name: 'Resolve this thread' }).click();
		await lamp.waitFor({ state: 'detached' });
		await poll(() => bar.textContent()).toContain('1 comment · 0 suggestions');
		await poll(() => highlightText(alice.page, '.review-comment')).toBe('door');

		await bar.getByRole('checkbox', { name: 'Show resolved' }).check();
		await lamp.waitFor();
		expect(await lamp.getByRole('button', { name: 'Reopen this thread' }).count()).toBe(1);
		await lamp.getByRole('button', { name: 'Reopen this thread' }).click();
		await lamp.getByRole('button', { name: 'Resolve this thread' }).waitFor();
		await bar.getByRole('checkbox', { name: 'Show resolved' }).uncheck();
		expect(await margin(alice.page).locator('[data-review-card]').count()).toBe(2);
	});

	it('moves between cards with Alt+↓ and accepts the focused suggestion with Enter', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Keys',
			'The lamp was lit.\n\nThe door stayed shut.\n\nThe night was long.\n'
		);
		let threadId = '';
		let suggestionId = '';
		await seedReview(desk.server.wsUrl, storyId, (seed) => {
			threadId = seed.thread('lamp', 'Which lamp?');
			suggestionId = seed.suggestion('shut', 'open');
		});
		const alice = await openAs(storyId, 'Alice', 'The lamp was lit.');
		await margin(alice.page).locator('[data-review-card]').nth(1).waitFor();

		await placeCaret(alice.page, 'The lamp', 0);
		await alice.page.keyboard.press('Alt+ArrowDown');
		await poll(() => focusedCard(alice.page)).toBe(threadId);
		await poll(() => highlightText(alice.page, '.review-comment.is-focused')).toBe('lamp');
		await alice.page.keyboard.press('Alt+ArrowDown');
		await poll(() => focusedCard(alice.page)).toBe(suggestionId);
		await alice.page.keyboard.press('Alt+ArrowUp');
		await poll(() => focusedCard(alice.page)).toBe(threadId);
		await alice.page.keyboard.press('Alt+ArrowDown');
		await poll(() => focusedCard(alice.page)).toBe(suggestionId);

		await alice.page.keyboard.press('Enter');
		await poll(() => storyText(alice.page)).toContain('The door stayed open.');
		await margin(alice.page).locator(`[data-review-card="${suggestionId}"]`).waitFor({
			state: 'detached'
		});
		expect(await storyText(alice.page)).not.toContain('shut');
	});

	it('detaches a thread whose words are deleted, and re-anchors it to a new selection', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Detach',
			'The lamp was lit at dusk.\n\nThe door stayed shut.\n'
		);
		await seedReview(desk.server.wsUrl, storyId, (seed) => {
			seed.thread('lamp', 'Which lamp?');
		});
		const alice = await openAs(storyId, 'Alice', 'The lamp was lit at dusk.');
		const card = margin(alice.page).locator('article[aria-label="Comment by Carol on “lamp”"]');
		await card.waitFor();
		await poll(() => highlightText(alice.page, '.review-comment')).toBe('lamp');

		// Delete “lamp ” from the text.
		await selectByKeyboard(alice.page, 'lamp ');
		await alice.page.keyboard.press('Backspace');
		await poll(() => storyText(alice.page)).toContain('The was lit at dusk.');

		await card.getByText('Detached').waitFor();
		expect(await card.locator('q').textContent()).toBe('lamp');
		await poll(() => alice.page.locator('.review-comment').count()).toBe(0);

		await doubleClickWord(alice.page, 'door');
		await card.getByRole('button', { name: 'Re-anchor to selection' }).click();
		const moved = margin(alice.page).locator('article[aria-label="Comment by Carol on “door”"]');
		await moved.waitFor();
		expect(await moved.getByText('Detached').count()).toBe(0);
		await poll(() => highlightText(alice.page, '.review-comment')).toBe('door');
	});

	it('shows the cards in a side panel behind a “Review” button on a narrow screen', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Narrow',
			'The lamp was lit.\n\nThe door stayed shut.\n'
		);
		await seedReview(desk.server.wsUrl, storyId, (seed) => {
			seed.thread('lamp', 'Which lamp?');
			seed.suggestion('shut', 'open');
		});
		const alice = await openAs(storyId, 'Alice', 'The lamp was lit.', {
			width: 800,
			height: 900
		});
		const toggle = alice.page
			.getByRole('toolbar', { name: 'Review' })
			.getByRole('button', { name: 'Review', exact: true });
		await toggle.waitFor();
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		const panel = margin(alice.page);
		const thread = panel.locator('article[aria-label="Comment by Carol on “lamp”"]');
		const suggestion = panel.locator(
			'article[aria-label="Suggestion by Carol: replace “shut” with “open”"]'
		);
		await thread.waitFor({ state: 'attached' });
		expect(await thread.isVisible()).toBe(false);

		await toggle.click();
		expect(await toggle.getAttribute('aria-expanded')).toBe('true');
		await thread.waitFor({ state: 'visible' });
		await suggestion.waitFor({ state: 'visible' });
		expect(await panel.locator('[data-review-card]').count()).toBe(2);

		await panel.getByRole('button', { name: 'Close the review panel' }).click();
		await thread.waitFor({ state: 'hidden' });
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
	});
});

/** Waits for `read` to meet the matcher; collaboration and re-reading anchors take a moment. */
function poll<T>(read: () => Promise<T> | T) {
	return expect.poll(read, { timeout: 5_000 });
}

function margin(page: Page) {
	return page.locator('aside[aria-label="Comments and suggestions"]');
}

function isFocused(locator: ReturnType<Page['locator']>): Promise<boolean> {
	return locator.evaluate((element) => element === document.activeElement).catch(() => false);
}

/**
 * How far (px, rounded) the top of a card's slot in the margin is from the top of the first
 * highlight matching `selector` in the editor.
 */
function cardOffset(
	page: Page,
	card: ReturnType<Page['locator']>,
	selector: string
): Promise<number> {
	return card.evaluate((article, selector) => {
		const slot = article.closest('[data-review-card]')!;
		const passage = document.querySelector(`.ProseMirror ${selector}`)!;
		return Math.round(slot.getBoundingClientRect().top - passage.getBoundingClientRect().top);
	}, selector);
}

/** The id of the card slot holding keyboard focus, if any. */
function focusedCard(page: Page): Promise<string | null> {
	return page.evaluate(() => document.activeElement?.getAttribute('data-review-card') ?? null);
}

function suggestionLabels(page: Page): Promise<string[]> {
	return margin(page)
		.locator('article.suggestion')
		.evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label') ?? ''));
}

/** The text of the editor's highlights matching `selector`, joined (carets left out). */
function highlightText(page: Page, selector: string): Promise<string> {
	return page.evaluate((selector) => {
		const parts = [...document.querySelectorAll(`.ProseMirror ${selector}`)].map((element) => {
			const clone = element.cloneNode(true) as HTMLElement;
			for (const caret of clone.querySelectorAll('.collaboration-carets__caret')) caret.remove();
			return clone.textContent ?? '';
		});
		return parts.join('');
	}, selector);
}

/** Blank lines between blocks are the model's business; compare the words and lines. */
async function squeezeBlank(text: Promise<string | null>): Promise<string> {
	return ((await text) ?? '').split('\n').filter(Boolean).join('\n');
}

/**
 * Finds the first occurrence of `text` in the editor's document text (skipping widgets) and
 * returns a DOM range over it, or puts the caret `offset` characters into it.
 */
function locateInEditor(page: Page, text: string, caretOffset: number | null) {
	return page.evaluate(
		({ text, caretOffset }) => {
			const root = document.querySelector<HTMLElement>('.ProseMirror')!;
			const nodes: Array<{ node: Text; start: number }> = [];
			let all = '';
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
				acceptNode: (node) =>
					node.parentElement?.closest('.collaboration-carets__caret, ins.review-insert')
						? NodeFilter.FILTER_REJECT
						: NodeFilter.FILTER_ACCEPT
			});
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				nodes.push({ node: node as Text, start: all.length });
				all += node.textContent ?? '';
			}
			const at = all.indexOf(text);
			if (at < 0) throw new Error(`“${text}” is not in the editor`);
			const point = (offset: number, preferNext: boolean): [Text, number] => {
				const hit = nodes.findLast(({ node, start }) =>
					preferNext
						? start <= offset && offset < start + node.length
						: start < offset && offset <= start + node.length
				);
				const found = hit ?? nodes.find(({ start }) => start >= offset)!;
				return [found.node, Math.max(0, offset - found.start)];
			};
			const range = document.createRange();
			if (caretOffset !== null) {
				range.setStart(...point(at + caretOffset, true));
				range.collapse(true);
				root.focus();
				getSelection()?.removeAllRanges();
				getSelection()?.addRange(range);
				return null;
			}
			range.setStart(...point(at, true));
			range.setEnd(...point(at + text.length, false));
			const box = range.getBoundingClientRect();
			return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
		},
		{ text, caretOffset }
	);
}

/** Double-clicks the middle of a word of the story, which selects it. */
async function doubleClickWord(page: Page, word: string): Promise<void> {
	const box = await locateInEditor(page, word, null);
	await page.mouse.dblclick(box!.x, box!.y);
	await poll(() => page.evaluate(() => getSelection()?.toString())).toBe(word);
	await settle(page);
}

/** Puts the caret `offset` characters into the first occurrence of `text` in the story. */
async function placeCaret(page: Page, text: string, offset: number): Promise<void> {
	await locateInEditor(page, text, offset);
	await settle(page);
}

/** Selects the first occurrence of `text` with Shift+→ from its start, one key at a time. */
async function selectByKeyboard(page: Page, text: string): Promise<void> {
	await placeCaret(page, text, 0);
	for (let length = 1; length <= text.length; length++) {
		await page.keyboard.press('Shift+ArrowRight');
		await poll(() => page.evaluate(() => getSelection()?.toString())).toBe(text.slice(0, length));
		await settle(page);
	}
}

/**
 * Lets the page handle what the last input queued (the editor reads a new DOM selection on
 * the next "selectionchange" event) before more keys arrive, as a person's pace would.
 */
function settle(page: Page): Promise<unknown> {
	return page.evaluate(
		() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
	);
}
