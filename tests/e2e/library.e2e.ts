import { describe, expect, it } from 'vitest';

import { storyText } from './support/browser';
import { useDesk } from './support/desk';
import { api } from '../helpers/apiClient';

describe('the library', () => {
	const desk = useDesk();

	it('imports files from the picker, each on its own, and opens the imported story', async () => {
		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(`${desk.server.url}/`);
		await page.getByText('The desk is clear.').waitFor();

		await page.getByLabel('Choose story files to import').setInputFiles([
			{
				name: 'harbour.txt',
				mimeType: 'text/plain',
				buffer: Buffer.from('The boats came in at dusk.\n\nNobody waited on the quay.\n')
			},
			{
				name: 'cover.png',
				mimeType: 'image/png',
				buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
			}
		]);

		// The bad file reports its own error; the good one still lands in the list.
		const failed = page.locator('.job[data-state="failed"]', { hasText: 'cover.png' });
		await failed.waitFor();
		expect(await failed.textContent()).toMatch(/not a \.txt or \.md file|imports plain text/i);
		const row = page.locator('.story-link', { hasText: /harbour/i });
		await row.waitFor();
		expect(await row.textContent()).toMatch(/1[0-9] words/);

		await row.click();
		await page.waitForURL(/\/stories\/[A-Za-z0-9_-]+/);
		// The importer holds the owner link, named "Owner" until they rename it in Share.
		await page.locator('.ProseMirror').waitFor();
		await page.locator('.presence .chip.self', { hasText: 'Owner' }).waitFor();
		// How blank lines map to blocks is the model's business; the words and their order are ours.
		await expect
			.poll(async () => (await storyText(page))?.split('\n').filter(Boolean))
			.toEqual(['The boats came in at dusk.', 'Nobody waited on the quay.']);
		expect(await page.locator('h1').textContent()).toMatch(/harbour/i);
		await context.close();
	});

	it('imports pasted text with a title', async () => {
		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(`${desk.server.url}/`);
		await page.getByRole('button', { name: 'Paste text…' }).click();
		const dialog = page.getByRole('dialog', { name: 'Paste a story' });
		await dialog.getByLabel('Title').fill('A Pasted Tale');
		await dialog.getByLabel('Text').fill('Once,\tthere was  a tab.');
		await dialog.getByRole('button', { name: 'Import' }).click();
		await page.locator('.story-link', { hasText: 'A Pasted Tale' }).waitFor();
		expect(await dialog.isVisible()).toBe(false);
		await context.close();
	});

	it('imports several files dropped on the page, and deletes a story after confirming', async () => {
		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(`${desk.server.url}/`);
		await page.getByRole('heading', { name: 'Stories' }).waitFor();

		// A real drag from the desktop cannot be scripted; dispatch the same events with real Files.
		await page.evaluate(() => {
			const transfer = new DataTransfer();
			transfer.items.add(new File(['# Orchard\n\nApples, late.\n'], 'orchard.md'));
			transfer.items.add(new File(['Ferry notes.\n'], 'ferry-notes.txt', { type: 'text/plain' }));
			const fire = (type: string) =>
				document.body.dispatchEvent(
					new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true })
				);
			fire('dragenter');
			fire('dragover');
			fire('drop');
		});
		const orchard = page.locator('.story', { hasText: /orchard/i });
		await orchard.waitFor();
		await page.locator('.story', { hasText: /ferry/i }).waitFor();
		expect(await page.locator('.drop-overlay').count()).toBe(0);

		await orchard.getByRole('button', { name: /^Delete/ }).click();
		const confirm = page.getByRole('dialog', { name: 'Delete this story?' });
		await confirm.getByRole('button', { name: 'Delete story' }).click();
		await orchard.waitFor({ state: 'detached' });
		// Asked with every token this browser holds: the ferry is still there, the orchard is not.
		const held = await page.evaluate(() =>
			Object.values(
				JSON.parse(localStorage.getItem('galley:tokens') ?? '{}') as Record<
					string,
					Array<{ token: string }>
				>
			).flatMap((tokens) => tokens.map((entry) => entry.token))
		);
		expect(held.length).toBeGreaterThanOrEqual(2);
		const listed = (await api(desk.server).holding(held).get('/api/stories')).body as {
			stories: Array<{ title: string }>;
		};
		expect(listed.stories.some((story) => /ferry/i.test(story.title))).toBe(true);
		expect(listed.stories.some((story) => /orchard/i.test(story.title))).toBe(false);
		await context.close();
	});

	it('shows a friendly page for a story that does not exist', async () => {
		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(`${desk.server.url}/stories/no-such-story-here`);
		await page.getByRole('heading', { name: 'This story isn’t on the desk' }).waitFor();
		expect(await page.getByRole('link', { name: 'Back to the library' }).count()).toBe(1);
		await context.close();
	});
});
