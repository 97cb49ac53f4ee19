import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createStory } from '../helpers/stories';
import { connectionStatus, storyText } from './support/browser';
import { useDesk } from './support/desk';
import { storyPage } from '../helpers/links';

const WIDE = { width: 1400, height: 900 };

describe('the proofreading checker', () => {
	const desk = useDesk();

	async function openAs(storyId: string, name: string, expectedText: string): Promise<Page> {
		const context = await desk.newContext({ viewport: WIDE });
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, storyId, { name }));
		await page.locator('.ProseMirror').waitFor();
		await poll(() => storyText(page)).toContain(expectedText);
		await poll(() => connectionStatus(page)).toBe('connected');
		return page;
	}

	it('underlines errors, applies a fix, and shares "ignore everywhere" with the team', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Checked',
			'Buffy was taller then Willow. She recieved a letter.\n\nLater she recieved another.\n'
		);
		const alice = await openAs(storyId, 'Alice', 'taller then Willow');
		const bob = await openAs(storyId, 'Bob', 'taller then Willow');

		// Both see the confusion and the misspellings underlined, each kind in its own style.
		for (const page of [alice, bob]) {
			await poll(() => underlined(page)).toEqual([
				'confusion:then',
				'spelling:recieved',
				'spelling:recieved'
			]);
		}
		await poll(() => checkerCount(alice)).toBe('3');

		// Alice clicks "then" and applies "than".
		await alice.locator('.checker-flag', { hasText: 'then' }).click();
		const popover = alice.getByRole('dialog', { name: /Confused word/ });
		await popover.getByRole('button', { name: 'Apply: replace “then” with “than”' }).click();
		await poll(() => storyText(alice)).toContain('Buffy was taller than Willow.');
		await poll(() => storyText(bob)).toContain('Buffy was taller than Willow.');
		await poll(() => underlined(bob)).toEqual(['spelling:recieved', 'spelling:recieved']);

		// Undo brings the error (and, once re-checked, its flag) back: the fix was one edit.
		await alice.locator('.ProseMirror').focus();
		await alice.keyboard.press('Control+z');
		await poll(() => storyText(alice)).toContain('taller then Willow');
		await poll(() => underlined(alice)).toContain('confusion:then');

		// F8 goes to the next flag from the start: selects it and opens its popover.
		await alice.evaluate(() => {
			const editor = document.querySelector('.ProseMirror') as HTMLElement;
			editor.focus();
			const selection = window.getSelection()!;
			selection.collapse(editor.querySelector('p')!.firstChild!, 0);
		});
		await alice.keyboard.press('F8');
		await alice.getByRole('dialog', { name: /Confused word/ }).waitFor();
		await poll(() => alice.evaluate(() => window.getSelection()?.toString())).toBe('then');
		await alice.keyboard.press('F8');
		await alice.getByRole('dialog', { name: /Spelling/ }).waitFor();
		await poll(() => alice.evaluate(() => window.getSelection()?.toString())).toBe('recieved');

		// "Ignore everywhere" in Alice's browser clears the word in Bob's too.
		await alice
			.getByRole('dialog', { name: /Spelling/ })
			.getByRole('button', { name: 'Ignore “recieved” everywhere in this story' })
			.click();
		await poll(() => underlined(alice)).toEqual(['confusion:then']);
		await poll(() => underlined(bob)).toEqual(['confusion:then']);
		await poll(() => checkerCount(bob)).toBe('1');
	});

	it('turns a fix into a suggestion in suggesting mode, and lists flags in the panel', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Suggested',
			'Nobody waited on teh quay.\n\nIt was was late.\n'
		);
		const alice = await openAs(storyId, 'Alice', 'waited on teh quay');
		await poll(() => underlined(alice)).toEqual(['spelling:teh', 'repetition:was was']);

		await alice.getByRole('switch', { name: 'Suggesting' }).click();
		await alice.locator('.checker-flag', { hasText: 'teh' }).click();
		const popover = alice.getByRole('dialog', { name: /Spelling/ });
		await expect(
			popover.getByRole('button', { name: /^Apply/ }).count(),
			'no Apply in suggesting mode'
		).resolves.toBe(0);
		await popover.getByRole('button', { name: 'Suggest: replace “teh” with “the”' }).click();
		await poll(() => suggestionLabels(alice)).toEqual([
			'Suggestion by Alice: replace “teh” with “the”'
		]);
		// The text itself is unchanged, and the flag is not offered twice.
		expect(await storyText(alice)).toContain('waited on teh quay');
		await poll(() => underlined(alice)).toEqual(['repetition:was was']);

		// The panel lists the rest by kind; "Suggest all" makes one batch of suggestions.
		await alice.getByRole('button', { name: /^Checker/ }).click();
		const panel = alice.getByRole('complementary', { name: 'Checker' });
		await panel.getByRole('button', { name: 'Repeated word: 1 flag' }).waitFor();
		await panel.getByRole('button', { name: 'Suggest fixes for all 1 repeated word flag' }).click();
		await poll(() => suggestionLabels(alice)).toHaveLength(2);
		expect(await storyText(alice)).toContain('It was was late.');
	});

	it('draws possible flags fainter, and shows unusual words only when asked', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Possible',
			'I no the answer. She was comin home.\n'
		);
		const alice = await openAs(storyId, 'Alice', 'I no the answer');
		await poll(() => underlined(alice)).toEqual(['confusion:no']);
		await expect(
			alice.locator('.checker-flag.is-possible', { hasText: 'no' }).count()
		).resolves.toBe(1);

		await alice.getByRole('button', { name: /^Checker/ }).click();
		const panel = alice.getByRole('complementary', { name: 'Checker' });
		await panel.locator('.flag-card.possible .confidence', { hasText: 'possible' }).waitFor();
		const toggle = panel.getByRole('checkbox', { name: 'Unusual words' });
		expect(await toggle.isChecked()).toBe(false);
		await toggle.check();
		await poll(() => underlined(alice)).toEqual(['confusion:no', 'unusual:comin']);
		await toggle.uncheck();
		await poll(() => underlined(alice)).toEqual(['confusion:no']);
	});
});

function poll<T>(read: () => Promise<T> | T) {
	return expect.poll(read, { timeout: 10_000 });
}

/** The underlined stretches of text as `kind:text`, in document order. */
function underlined(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('.ProseMirror .checker-flag')].map((element) => {
			const kind = [...element.classList]
				.find((name) => name.startsWith('checker-') && name !== 'checker-flag')!
				.slice('checker-'.length);
			return `${kind}:${element.textContent}`;
		})
	);
}

async function checkerCount(page: Page): Promise<string | null> {
	return (await page.locator('.review-bar .checker-count').textContent())?.trim() ?? null;
}

function suggestionLabels(page: Page): Promise<string[]> {
	return page
		.locator('aside[aria-label="Comments and suggestions"] article.suggestion')
		.evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label') ?? ''));
}
