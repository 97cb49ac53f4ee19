import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createStory } from '../helpers/stories';
import { storyPage } from '../helpers/links';
import { useDesk } from './support/desk';

// A novel-length story keeps what a browser gives any page, whatever the editor does to stay
// fast: find in page, the accessibility tree, copying a selection that runs off screen, and
// printing the whole text. Each paragraph carries its number, so the tests can name one far
// below the screen.
const PARAGRAPHS = 600; // about 30,000 words
const WORDS = 'the ferry left at six as it always did with gulls trailing it like loose thread';

function novel(count: number): string {
	const paragraphs = Array.from({ length: count }, (_, index) => {
		const words = `${WORDS} ${WORDS} ${WORDS}`.split(' ');
		return `Passage ${index + 1}: ${words.join(' ')}.`;
	});
	return `${paragraphs.join('\n\n')}\n`;
}

describe('a novel-length story in the browser', () => {
	const desk = useDesk();
	let storyId = '';

	async function open(paragraphs = PARAGRAPHS): Promise<Page> {
		storyId ||= await createStory(desk.server.url, 'A Long Crossing', novel(paragraphs));
		const context = await desk.newContext({ viewport: { width: 1280, height: 800 } });
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, storyId, { name: 'Ada' }));
		await page.locator('.ProseMirror p', { hasText: 'Passage 1:' }).waitFor();
		await expect
			.poll(() => page.locator('.ProseMirror p').count(), { timeout: 10_000 })
			.toBe(paragraphs);
		return page;
	}

	it('finds text far below the screen with the browser’s find', async () => {
		const page = await open();
		const found = await page.evaluate(() => {
			// window.find is what Ctrl+F drives: it searches the page's text and selects the match.
			const hit = (window as unknown as { find(text: string): boolean }).find('Passage 587:');
			const selection = getSelection();
			const paragraph = selection?.anchorNode?.parentElement?.closest('.ProseMirror p');
			return { hit, text: paragraph?.textContent?.slice(0, 12) ?? null };
		});
		expect(found).toEqual({ hit: true, text: 'Passage 587:' });
	});

	it('keeps every paragraph in the accessibility tree', async () => {
		const page = await open();
		const tree = await page.locator('.ProseMirror').ariaSnapshot();
		expect(tree).toContain('Passage 1:');
		expect(tree).toContain(`Passage ${PARAGRAPHS}:`);
	});

	it('copies a selection that runs from the screen to the end of the story', async () => {
		const page = await open();
		// The caret at the start of passage 2: its first line, then Home.
		await page
			.locator('.ProseMirror p', { hasText: 'Passage 2:' })
			.click({ position: { x: 30, y: 8 } });
		await page.keyboard.press('Home');
		await page.keyboard.press('Control+Shift+End');
		await page.keyboard.press('Control+c');
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied.slice(0, 40)).toBe('Passage 2: the ferry left at six as it a');
		expect(copied).toContain(`Passage ${PARAGRAPHS}: the ferry`);
		expect(copied.match(/Passage \d+:/g)).toHaveLength(PARAGRAPHS - 1);
	});

	it('brings the caret back into view when typing while suggesting, far from it', async () => {
		const page = await open();
		await page
			.locator('.ProseMirror p', { hasText: 'Passage 2:' })
			.click({ position: { x: 30, y: 8 } });
		await page.getByRole('switch', { name: 'Suggesting' }).click();
		await page.locator('.ProseMirror').focus();
		await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
		await page.keyboard.type('so');
		const insert = page.locator('.ProseMirror ins.review-insert', { hasText: 'so' });
		await expect.poll(() => insert.isVisible()).toBe(true);
		const box = await insert.boundingBox();
		expect(box!.y).toBeGreaterThanOrEqual(0);
		expect(box!.y).toBeLessThan(800);
	});

	it('prints the whole story without the desk around it', async () => {
		// A shorter story (still ~15 screens): making the PDF of the long one takes long.
		storyId = '';
		const page = await open(150);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('header.bar').isVisible()).toBe(false);
		expect(await page.getByRole('toolbar', { name: 'Review' }).isVisible()).toBe(false);
		expect(await page.locator('.print-title').textContent()).toBe('A Long Crossing');
		expect(await page.locator('.print-title').isVisible()).toBe(true);
		const pdf = await page.pdf({ format: 'A4' });
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
		// ~7,500 words at 12 pt are well over 12 A4 pages; a print of the screen alone is 1–2.
		expect(pages).toBeGreaterThan(12);
	});
});
