import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ownerOf, storyPage } from '../helpers/links';
import { createStory } from '../helpers/stories';
import { connectionStatus, storyText } from './support/browser';
import { useDesk } from './support/desk';
import { api } from '../helpers/apiClient';

describe('sharing a story with a person', () => {
	const desk = useDesk();

	async function opened(page: Page, text: string): Promise<void> {
		await page.locator('.ProseMirror').waitFor();
		await expect.poll(() => storyText(page)).toContain(text);
		await expect.poll(() => connectionStatus(page)).toBe('connected');
	}

	const presence = (page: Page) => page.locator('.presence').textContent();

	it('makes a named commenter link; its holder shows up and writes under that name only', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Lighthouse',
			'The lamp turned all night.\n'
		);
		const owner = await (
			await desk.newContext({ viewport: { width: 1400, height: 900 } })
		).newPage();
		await owner.goto(await storyPage(desk.server.url, storyId));
		await opened(owner, 'The lamp turned all night.');

		// The owner names the link for Maya, as a commenter.
		await owner.getByRole('button', { name: 'Share' }).click();
		const share = owner.getByRole('dialog', { name: 'Share this story' });
		await share.getByRole('textbox', { name: 'For', exact: true }).fill('Maya');
		await share.getByLabel('Role').selectOption('commenter');
		await share.getByRole('button', { name: 'Make link' }).click();
		const link = await share.getByLabel('New link').inputValue();
		expect(link).toMatch(new RegExp(`/stories/${storyId}\\?token=`));
		await share.getByRole('button', { name: 'Revoke Maya’s link (commenter)' }).waitFor();

		// The owner renames their own link, so the others see a name rather than "Owner".
		await share.getByRole('button', { name: 'Rename Owner’s link' }).click();
		await share.getByLabel('New name for Owner’s link').fill('Olive');
		await share.getByRole('button', { name: 'Save' }).click();
		await share.getByRole('button', { name: 'Rename Olive’s link' }).waitFor();
		await share.getByRole('button', { name: 'Close' }).click();
		await expect.poll(() => presence(owner)).toMatch(/Olive.*you/s);

		const maya = await (
			await desk.newContext({ viewport: { width: 1400, height: 900 } })
		).newPage();
		await maya.goto(link);
		await opened(maya, 'The lamp turned all night.');
		// Each sees the other under the name and role the link gives, stamped by the server.
		await expect.poll(() => presence(owner)).toMatch(/Maya\s*commenter/);
		await expect.poll(() => presence(maya)).toMatch(/Maya.*you/s);
		await expect.poll(() => presence(maya)).toMatch(/Olive\s*owner/);

		// Maya's comment is signed "Maya" for everyone.
		await maya.locator('.ProseMirror').click();
		await maya.keyboard.press('Home');
		await maya.keyboard.press('Shift+ArrowRight');
		await maya.keyboard.press('Shift+ArrowRight');
		await maya.keyboard.press('Shift+ArrowRight');
		await maya.keyboard.press('Control+Alt+M');
		const draft = maya.locator('article[aria-label="New comment"] textarea');
		await draft.fill('Which lamp?');
		await draft.press('Control+Enter');
		await owner.locator('article[aria-label^="Comment by Maya on “T"]').waitFor();

		// The owner makes Maya a viewer: her page follows at once, no reload, and so does the list.
		const asOwner = api(desk.server).as(ownerOf(storyId));
		const links = (await asOwner.get(`/api/stories/${storyId}/links`)).body as {
			links: Array<{ id: string; name: string }>;
		};
		const mayas = links.links.find((item) => item.name === 'Maya')!;
		const patched = await asOwner.patch(`/api/stories/${storyId}/links/${mayas.id}`, {
			role: 'viewer'
		});
		expect(patched.status).toBe(200);
		await expect
			.poll(() => maya.locator('.ProseMirror').getAttribute('contenteditable'))
			.toBe('false');
		await expect.poll(() => presence(owner)).toMatch(/Maya\s*viewer/);
		expect(await maya.getByRole('button', { name: 'Suggest' }).count()).toBe(0);
	});

	it('lets an owner try a link they made and come back as owner; keeps tokens out of the address bar', async () => {
		const storyId = await createStory(desk.server.url, 'Harbour', 'The boats came in.\n');
		const page = await (await desk.newContext()).newPage();
		await page.goto(await storyPage(desk.server.url, storyId));
		await opened(page, 'The boats came in.');
		expect(new URL(page.url()).searchParams.has('token')).toBe(false);
		await page.getByRole('button', { name: 'Share' }).waitFor();

		// The owner opens the viewer link in the same browser: this visit is the viewer's.
		await page.goto(await storyPage(desk.server.url, storyId, { name: 'Reader' }, 'viewer'));
		await opened(page, 'The boats came in.');
		await expect.poll(() => presence(page)).toMatch(/Reader.*you/s);
		expect(await page.getByRole('button', { name: 'Share' }).count()).toBe(0);
		expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');

		// Back to the story without a link: the owner's link is still held, and wins.
		await page.goto(`${desk.server.url}/stories/${storyId}`);
		await opened(page, 'The boats came in.');
		await page.getByRole('button', { name: 'Share' }).waitFor();
		await expect.poll(() => presence(page)).toMatch(/Owner.*you/s);
	});

	it('lists a shared story in the reader’s library with their role, and no Delete', async () => {
		const storyId = await createStory(desk.server.url, 'Quay', 'Nobody waited on the quay.\n');
		const page = await (await desk.newContext()).newPage();
		await page.goto(await storyPage(desk.server.url, storyId, { name: 'Ruth' }, 'commenter'));
		await opened(page, 'Nobody waited on the quay.');
		await page.goto(`${desk.server.url}/`);
		const row = page.locator('.story', { hasText: 'Quay' });
		await row.waitFor();
		expect(await row.locator('.role').textContent()).toMatch(/commenter/i);
		expect(await row.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
	});
});
