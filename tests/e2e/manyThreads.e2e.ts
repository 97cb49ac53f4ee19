import { describe, expect, it } from 'vitest';
import { seedManyThreads } from '../helpers/reviewNotes';
import { createStory } from '../helpers/stories';
import { storyPage } from '../helpers/links';
import { useDesk } from './support/desk';

const THREADS = 10_000;
const WIDE = { width: 1400, height: 900 };

/** A story of `words` plain words in paragraphs of 100 (no marks: one highlight per thread). */
function longStory(words: number): string {
	const vocabulary = ['harbour', 'lamp', 'river', 'quiet', 'stranger', 'winter', 'kettle', 'door'];
	const paragraphs: string[] = [];
	for (let at = 0; at < words; at += 100) {
		const length = Math.min(100, words - at);
		const paragraph = Array.from({ length }, (_, i) => vocabulary[(at + i) % vocabulary.length]);
		paragraphs.push(`${paragraph.join(' ')}.`);
	}
	return `${paragraphs.join('\n\n')}\n`;
}

// The open time itself is measured by `npm run bench:editor -- --many` (timing targets live in
// benchmarks); this checks what makes it possible: the margin renders only the cards near the
// viewport, while the highlights, the counts and navigation still cover every thread.
describe('a story with ten thousand threads', () => {
	const desk = useDesk();

	it('opens for a viewer with every highlight and the full count, rendering only nearby cards', async () => {
		const storyId = await createStory(desk.server.url, 'Crowded', longStory(2 * THREADS));
		const ids = await seedManyThreads(desk.server.wsUrl, storyId, THREADS);

		const context = await desk.newContext({ viewport: WIDE });
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, storyId, { name: 'Vera' }, 'viewer'), {
			timeout: 30_000
		});
		const counts = page.locator('.review-bar .counts');
		await expect
			.poll(() => counts.textContent(), { timeout: 30_000 })
			.toBe(`${THREADS} comments · 0 suggestions`);
		expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
		await expect
			.poll(() => page.locator('.ProseMirror .review-comment').count(), { timeout: 30_000 })
			.toBe(THREADS);

		const cards = page.locator('aside.review-margin [data-review-card]');
		await cards.first().waitFor();
		const rendered = await cards.count();
		expect(rendered).toBeGreaterThan(0);
		expect(rendered).toBeLessThan(200);
		expect(await cards.first().getAttribute('data-review-card')).toBe(ids[0]);

		// From the first card, Alt+↑ goes round to the last thread: its card, 10,000 cards
		// down the margin, is rendered, focused and scrolled to, with its neighbours.
		const last = ids.at(-1)!;
		await cards.first().focus();
		await page.keyboard.press('Alt+ArrowUp');
		const lastCard = page.locator(`[data-review-card="${last}"]`);
		await lastCard.waitFor();
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-review-card')))
			.toBe(last);
		await expect
			.poll(() =>
				lastCard.evaluate((card) => {
					const { top, bottom } = card.getBoundingClientRect();
					return top >= 0 && bottom <= window.innerHeight;
				})
			)
			.toBe(true);
		await page.locator(`[data-review-card="${ids.at(-2)!}"]`).waitFor();
		expect(await cards.count()).toBeLessThan(200);
		expect(await lastCard.locator('p.body').textContent()).toBe(`Remark ${THREADS - 1}.`);
	});
});
