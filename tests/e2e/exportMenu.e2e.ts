import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { createStory } from '../helpers/stories';
import { useDesk } from './support/desk';
import { storyPage } from '../helpers/links';

describe('the story page export menu', () => {
	const desk = useDesk();

	it('offers every format and downloads the chosen one', async () => {
		const id = await createStory(desk.server.url, 'Menu story', 'Once upon a time.\n');
		const context = await desk.newContext({ acceptDownloads: true });
		context.setDefaultTimeout(10_000);
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, id, { name: 'Ana' }));
		await page.locator('.ProseMirror').waitFor();

		const menu = page.getByRole('list', { name: 'Export formats' });
		await expect(menu.isVisible()).resolves.toBe(false);
		await page.locator('summary', { hasText: 'Export' }).click();
		await expect(menu.getByRole('link').count()).resolves.toBe(9);
		// Escape closes it; the menu opens again for the download.
		await page.keyboard.press('Escape');
		await menu.waitFor({ state: 'hidden' });
		await page.locator('summary', { hasText: 'Export' }).click();

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			menu.getByRole('link', { name: /^Markdown/ }).click()
		]);
		expect(download.suggestedFilename()).toBe('Menu story.md');
		expect(readFileSync((await download.path())!, 'utf8')).toBe('Once upon a time.\n');
		await menu.waitFor({ state: 'hidden' });
		await context.close();
	});
});
