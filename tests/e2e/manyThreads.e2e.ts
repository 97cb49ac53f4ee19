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
// viewport and the highlights only near it, while the counts and navigation cover every thread.
describe('a story with ten thousand threads', () => {
	const desk = useDesk();

	it('opens for a viewer with the full count, drawing only nearby cards and highlights', async () => {
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
		// Highlights are drawn only near the viewport: the first threads' but not the last's.
		const highlights = page.locator('.ProseMirror .review-comment');
		const highlightOf = (id: string) =>
			page.locator(`.ProseMirror .review-comment[data-review-id="${id}"]`);
		await highlightOf(ids[0]!).first().waitFor({ timeout: 30_000 });
		const drawn = await highlights.count();
		expect(drawn).toBeGreaterThan(0);
		expect(drawn).toBeLessThan(THREADS / 2);
		expect(await highlightOf(ids.at(-1)!).count()).toBe(0);

		// Scrolled to the middle of the story, the passages there are highlighted too. (The page
		// is much taller than the story: the margin's 10,000 cards are laid out below it.)
		await page.evaluate(() => {
			const text = document.querySelector('.ProseMirror')!.getBoundingClientRect();
			window.scrollTo(0, window.scrollY + text.top + text.height / 2);
		});
		await expect
			.poll(() =>
				page.evaluate(() => {
					const inView = (element: Element) => {
						const { top, bottom } = element.getBoundingClientRect();
						return bottom > 0 && top < window.innerHeight;
					};
					return [...document.querySelectorAll('.ProseMirror .review-comment')].filter(inView)
						.length;
				})
			)
			.toBeGreaterThan(50);
		expect(await highlights.count()).toBeLessThan(THREADS / 2);
		await page.evaluate(() => window.scrollTo(0, 0));

		const cards = page.locator('aside.review-margin [data-review-card]');
		// The margin follows the scroll at its next frame: until then the middle's cards remain.
		await expect
			.poll(() => cards.first().getAttribute('data-review-card'), { timeout: 10_000 })
			.toBe(ids[0]);
		const rendered = await cards.count();
		expect(rendered).toBeGreaterThan(0);
		expect(rendered).toBeLessThan(200);

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
		// Its passage, off-screen a moment ago, is highlighted (drawn as the focused one).
		await expect.poll(() => highlightOf(last).getAttribute('class')).toContain('is-focused');
	});
});
