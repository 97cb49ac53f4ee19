import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createStory } from '../helpers/stories';
import type { Role } from '#shared/protocol/roles';
import { api } from '../helpers/apiClient';
import { ownerOf, storyPage } from '../helpers/links';
import { connectionStatus, storyText } from './support/browser';
import { useDesk } from './support/desk';

// Version history as people meet it: two people edit, one looks back, compares, restores; the
// other sees the restore live; the story coloured by who wrote it.
describe('history on the desk', () => {
	const desk = useDesk({ env: { VERSION_PAUSE_MS: '400' } });

	async function open(storyId: string, name: string, role: Role = 'editor'): Promise<Page> {
		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, storyId, { name }, role));
		await page.locator('.ProseMirror').waitFor();
		await expect.poll(() => connectionStatus(page)).toBe('connected');
		return page;
	}

	/**
	 * Types at the start or end of the paragraph holding `paragraph`. The caret is put there
	 * through the DOM selection, as the editor reads it, and checked before typing: a click and
	 * Home/End raced other people's typing and presence, which re-render the paragraph.
	 */
	async function typeAt(page: Page, paragraph: string, where: 'Home' | 'End', text: string) {
		await page.locator('.ProseMirror p', { hasText: paragraph }).first().click();
		const place = () =>
			page.evaluate(
				({ paragraph, atStart }) => {
					const block = [...document.querySelectorAll('.ProseMirror p')].find((p) =>
						p.textContent?.includes(paragraph)
					);
					const walker = document.createTreeWalker(block!, NodeFilter.SHOW_TEXT);
					const texts: Text[] = [];
					for (let node = walker.nextNode(); node; node = walker.nextNode()) {
						if (!node.parentElement?.closest('.collaboration-carets__caret')) {
							texts.push(node as Text);
						}
					}
					const node = atStart ? texts[0]! : texts[texts.length - 1]!;
					getSelection()!.collapse(node, atStart ? 0 : node.length);
				},
				{ paragraph, atStart: where === 'Home' }
			);
		const caretAt = () =>
			page.evaluate(() => {
				const selection = getSelection()!;
				const block = selection.anchorNode?.parentElement?.closest('p');
				if (!block || !selection.isCollapsed) return null;
				const range = document.createRange();
				range.setStart(block, 0);
				range.setEnd(selection.anchorNode!, selection.anchorOffset);
				return { text: block.textContent ?? '', offset: range.toString().length };
			});
		await expect
			.poll(async () => {
				await place();
				await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
				const caret = await caretAt();
				return (
					caret !== null &&
					caret.text.includes(paragraph) &&
					caret.offset === (where === 'Home' ? 0 : caret.text.length)
				);
			})
			.toBe(true);
		await page.keyboard.type(text, { delay: 10 });
	}

	it('compares a named version with now, restores it for everyone, and shows who wrote what', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Harbour',
			'The harbour was quiet.\n\nGulls circled the masts.\n'
		);
		const alice = await open(storyId, 'Alice');
		const bob = await open(storyId, 'Bob');
		await typeAt(alice, 'The harbour was quiet.', 'End', ' Alice was here.');
		await expect.poll(() => storyText(bob), { timeout: 5000 }).toContain('Alice was here.');
		await typeAt(bob, 'Gulls circled', 'Home', 'Bob says: ');
		await expect.poll(() => storyText(bob)).toContain('Bob says: Gulls');
		await expect.poll(() => storyText(alice), { timeout: 5000 }).toContain('Bob says: Gulls');
		await expect.poll(() => storyText(bob), { timeout: 5000 }).toContain('Alice was here.');

		// Alice names the story as it is now.
		await alice.getByRole('button', { name: 'History' }).click();
		const panel = alice.getByRole('complementary', { name: 'History' });
		await panel.getByLabel('Name this version…').fill('Before the storm');
		await panel.getByRole('button', { name: 'Save', exact: true }).click();
		const named = panel.getByRole('listitem').filter({ hasText: 'Before the storm' });
		await expect.poll(() => named.count()).toBe(1);
		// Who changed the text, per version (the automatic one after their pause, or this one).
		await expect.poll(() => panel.getByRole('list').first().textContent()).toContain('Alice');
		expect(await panel.getByRole('list').first().textContent()).toContain('Bob');

		// Bob selects the first paragraph and types over it by mistake.
		await bob.locator('.ProseMirror p', { hasText: 'Alice was here.' }).click({ clickCount: 3 });
		await bob.keyboard.type('Oops');
		await expect.poll(() => storyText(alice)).toContain('Oops');
		await expect.poll(() => storyText(alice)).not.toContain('Alice was here.');

		// Alice compares the named version with now: Bob's deletion and insertion, with his name.
		await named.getByRole('button', { name: /^Compare/ }).click();
		const comparison = alice.getByRole('region', { name: 'Comparison' });
		await expect
			.poll(() => comparison.locator('del').allTextContents())
			.toContainEqual(expect.stringContaining('The harbour was quiet. Alice was here.'));
		expect(await comparison.locator('ins').allTextContents()).toContain('Oops');
		expect(await comparison.locator('ins').first().getAttribute('title')).toBe('Added by Bob');
		expect(await comparison.locator('.label').allTextContents()).toContain('Bob');
		const legend = comparison.getByRole('list', { name: 'Changes per person' });
		expect(await legend.textContent()).toMatch(/Bob\s*2 changes/);
		// The live editor is out of the way while comparing, and comes back.
		expect(await alice.locator('.ProseMirror').isVisible()).toBe(false);

		// Alice restores it: Bob sees the text come back live, his later typing is a version too.
		await named.getByRole('button', { name: /^Restore/ }).click();
		await alice.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
		await expect.poll(() => storyText(bob)).toContain('The harbour was quiet. Alice was here.');
		expect(await storyText(bob)).not.toContain('Oops');
		expect(await storyText(bob)).toContain('Bob says: Gulls circled the masts.');
		await expect.poll(() => alice.locator('.ProseMirror').isVisible()).toBe(true);
		await expect
			.poll(() => panel.getByRole('listitem').filter({ hasText: 'Before a restore' }).count())
			.toBe(1);

		// Who wrote what: Alice's and Bob's words in two colours, the imported text plain.
		await panel.getByRole('button', { name: 'Show who wrote what' }).click();
		const authorship = alice.getByRole('region', { name: 'Authorship' });
		const written = authorship.locator('.by');
		await expect.poll(() => written.count()).toBeGreaterThanOrEqual(2);
		const colours = await written.evaluateAll((spans) =>
			Object.fromEntries(
				spans.map((span) => [
					span.getAttribute('title'),
					getComputedStyle(span).getPropertyValue('--who')
				])
			)
		);
		expect(colours['Written by Alice']).toBeTruthy();
		expect(colours['Written by Bob']).toBeTruthy();
		expect(colours['Written by Alice']).not.toBe(colours['Written by Bob']);
		expect(await authorship.locator('.by', { hasText: 'Bob says:' }).getAttribute('title')).toBe(
			'Written by Bob'
		);
		const authors = await authorship.getByRole('list', { name: 'Authors' }).textContent();
		for (const name of ['the original', 'Alice', 'Bob']) expect(authors).toContain(name);
		expect(await authorship.textContent()).toContain('The harbour was quiet.');
	});

	it('saves the story before “Accept all” changes it', async () => {
		const storyId = await createStory(desk.server.url, 'Bulk', 'The cat sat on teh mat.\n');
		// A suggestion to accept: "teh" → "the".
		const made = await api(desk.server.url)
			.as(ownerOf(storyId))
			.post(`/api/stories/${storyId}/suggestions`, { start: 15, end: 18, replacement: 'the' });
		expect(made.status).toBe(201);
		const alice = await open(storyId, 'Alice');
		await expect.poll(() => alice.getByRole('button', { name: /^Accept all/ }).count()).toBe(1);
		await alice.getByRole('button', { name: /^Accept all/ }).click();
		await expect.poll(() => storyText(alice)).toBe('The cat sat on the mat.');

		await alice.getByRole('button', { name: 'History' }).click();
		const panel = alice.getByRole('complementary', { name: 'History' });
		const before = panel.getByRole('listitem').filter({ hasText: 'Before “Accept all”' });
		await expect.poll(() => before.count()).toBe(1);
		await before.getByRole('button', { name: /^Compare/ }).click();
		const comparison = alice.getByRole('region', { name: 'Comparison' });
		await expect.poll(() => comparison.locator('del').allTextContents()).toContain('teh');
	});

	it('lets a viewer compare and export versions, but not name or restore them', async () => {
		const storyId = await createStory(desk.server.url, 'Read only', 'A quiet page.\n');
		const viewer = await open(storyId, 'Vic', 'viewer');
		await viewer.getByRole('button', { name: 'History' }).click();
		const panel = viewer.getByRole('complementary', { name: 'History' });
		const imported = panel.getByRole('listitem').filter({ hasText: 'As first imported' });
		await imported.getByRole('button', { name: /^Compare/ }).waitFor();
		expect(await imported.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
		expect(await panel.getByLabel('Name this version…').count()).toBe(0);
		await imported.getByRole('button', { name: /^Compare/ }).click();
		const comparison = viewer.getByRole('region', { name: 'Comparison' });
		await expect
			.poll(() => comparison.textContent())
			.toContain('No differences: the text is the same in both.');
	});
});
