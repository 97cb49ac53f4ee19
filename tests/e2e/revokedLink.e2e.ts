import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerOf, storyPage } from '../helpers/links';
import { createStory } from '../helpers/stories';
import { connectionStatus } from './support/browser';
import { useDesk } from './support/desk';
import { api } from '../helpers/apiClient';

// A tab open on a link the owner revokes while the tab is offline. When it comes back, its first
// attempt is closed 4401 at the door: the desk says the link no longer works, turns read-only and
// does not try again (an HTTP 401 there used to be retried every 2.5 s for as long as the tab
// stayed open).

describe('a tab whose link was revoked while it was offline', () => {
	const desk = useDesk();

	it('says the link no longer works when it returns, and stops trying', async () => {
		const id = await createStory(desk.server.url, 'Withdrawn', 'Words for a while.\n');
		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, id, { name: 'Guest' }, 'editor'));
		await expect.poll(() => connectionStatus(page)).toBe('connected');

		await context.setOffline(true);
		await expect.poll(() => connectionStatus(page)).not.toBe('connected');
		const asOwner = api(desk.server).as(ownerOf(id));
		const links = await asOwner.get(`/api/stories/${id}/links`);
		const guest = (links.body.links as Array<{ id: string; name: string }>).find(
			(link) => link.name === 'Guest'
		);
		expect(guest).toBeDefined();
		const revoked = await asOwner.delete(`/api/stories/${id}/links/${guest!.id}`);
		expect(revoked.status).toBe(204);

		let attempts = 0;
		page.on('websocket', () => attempts++);
		await context.setOffline(false);
		await page.getByRole('alert').filter({ hasText: 'This link no longer works.' }).waitFor();
		await expect.poll(() => connectionStatus(page)).toBe('closed');
		expect(await page.locator('[role="status"][data-status]').textContent()).toContain(
			'this link no longer works'
		);
		expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
		if (process.env.SCREENSHOT_DIR) {
			await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, 'revoked-link.png') });
		}

		// One attempt per room (story and notes), then none (a bounded wait on purpose: what must
		// not happen is another attempt within 5 s).
		const afterRefusal = attempts;
		expect(afterRefusal).toBeLessThanOrEqual(2);
		await page.waitForTimeout(5_000);
		expect(attempts).toBe(afterRefusal);
	});
});
