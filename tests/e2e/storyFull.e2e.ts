import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storyPage } from '../helpers/links';
import { createStory, exportText } from '../helpers/stories';
import { connectionStatus, storyText } from './support/browser';
import { useDesk } from './support/desk';

// A story at MAX_STORY_BYTES (2 KB here). Typing past it is refused by the server: the desk says
// why and that the words are kept on this device, shows "Not saved" in the pill, and does not
// hammer the server. Undoing the typing makes room: the page tries again by itself, the notice
// goes, and what is typed next is saved.

const OPENING = 'The harbour was quiet when the boats came in. '.repeat(38).trim(); // 1,747 bytes

describe('a story at its size limit', () => {
	const desk = useDesk({ env: { MAX_STORY_BYTES: '2048' } });

	it('says so on the desk, keeps the words on the device, and saves again once there is room', async () => {
		const id = await createStory(desk.server.url, 'Nearly full', `${OPENING}\n`);
		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, id, { name: 'Writer' }, 'editor'));
		await expect.poll(() => connectionStatus(page)).toBe('connected');

		let attempts = 0;
		page.on('websocket', () => attempts++);
		await page.locator('.ProseMirror').click();
		await page.keyboard.press('Control+End');
		await page.keyboard.insertText(' And then the sea rose over the harbour wall.'.repeat(10));
		const notice = page.getByRole('status').filter({ hasText: 'reached its size limit' });
		await notice.waitFor();
		await expect.poll(() => connectionStatus(page)).toBe('held');
		expect(await notice.textContent()).toContain('kept on this device but not saved');
		expect(await page.locator('[data-status]').textContent()).toContain('Not saved');
		expect(await storyText(page)).toContain('sea rose over the harbour wall');
		expect(await exportText(desk.server.url, id)).toBe(`${OPENING}\n`);
		if (process.env.SCREENSHOT_DIR) {
			await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, 'story-full.png') });
		}
		// Refused for good until the person changes something: no retries meanwhile (a bounded wait
		// on purpose: what must not happen is an attempt within 4 s).
		const afterRefusal = attempts;
		await page.waitForTimeout(4_000);
		expect(attempts).toBe(afterRefusal);

		await page.keyboard.press('Control+z');
		await expect.poll(() => storyText(page)).toBe(OPENING);
		await expect.poll(() => connectionStatus(page), { timeout: 15_000 }).toBe('connected');
		await notice.waitFor({ state: 'detached', timeout: 15_000 });
		await page.keyboard.insertText(' The end.');
		await expect
			.poll(() => exportText(desk.server.url, id), { timeout: 10_000 })
			.toBe(`${OPENING} The end.\n`);
	});
});
