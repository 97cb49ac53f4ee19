/**
 * Screenshots of History for docs/screenshots/: two people edit a story, one compares a named
 * version with now (history-compare.png) and shows who wrote what (history-authorship.png).
 * Run after a build:  npx vite build && npx tsx tests/e2e/support/historyScreenshots.ts
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot, startServer } from '../../helpers/startServer';
import { createStory } from '../../helpers/stories';
import { storyPage } from '../../helpers/links';
import { launchBrowser } from './browser';

const OUT = path.join(repoRoot, 'docs/screenshots');
const VIEWPORT = { width: 1360, height: 860 };
const STORY = [
	'The ferry left at six, as it always did, with the gulls trailing it like loose thread.',
	'Mara stood at the rail and watched the harbour shrink until the lighthouse was a white pin on the grey.',
	'She had told no one she was leaving. Not her brother, who would have argued, nor Teo, who would have understood too quickly.',
	'In her pocket was the letter, folded twice, the creases already soft from handling.',
	'The wind came up off the water and she turned her collar against it.'
].join('\n\n');

const server = await startServer({ env: { VERSION_PAUSE_MS: '300' } });
const browser = await launchBrowser();

async function open(storyId: string, name: string): Promise<Page> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	const page = await context.newPage();
	await page.goto(await storyPage(server.url, storyId, { name }, 'editor'));
	await page.locator('.ProseMirror').waitFor();
	await page.getByText('Connected').first().waitFor();
	return page;
}

async function typeAt(page: Page, paragraph: string, where: 'Home' | 'End', text: string) {
	await page.locator('.ProseMirror p', { hasText: paragraph }).first().click();
	await page.keyboard.press(where);
	await page.keyboard.type(text, { delay: 5 });
}

try {
	const storyId = await createStory(server.url, 'The Six O’Clock Ferry', `${STORY}\n`);
	const alice = await open(storyId, 'Alice Marsh');
	const bob = await open(storyId, 'Bob Okafor');
	await alice.getByRole('button', { name: 'History' }).click();
	const panel = alice.getByRole('complementary', { name: 'History' });
	await panel.getByLabel('Name this version…').fill('Sent to beta readers');
	await panel.getByRole('button', { name: 'Save', exact: true }).click();
	await panel.getByRole('listitem').filter({ hasText: 'Sent to beta readers' }).waitFor();

	await typeAt(bob, 'In her pocket', 'End', ' It smelled faintly of cedar.');
	await alice.locator('.ProseMirror p', { hasText: 'The wind came up' }).click();
	await alice.keyboard.press('Control+End');
	await alice.keyboard.type(' Somewhere below, an engine coughed and caught.', { delay: 5 });
	await typeAt(bob, 'She had told no one', 'End', '');
	for (let i = 0; i < 'too quickly.'.length; i++) await bob.keyboard.press('Backspace');
	await bob.keyboard.type('at once.', { delay: 5 });
	await new Promise((resolve) => setTimeout(resolve, 1000));

	await panel
		.getByRole('listitem')
		.filter({ hasText: 'Sent to beta readers' })
		.getByRole('button', { name: /^Compare/ })
		.click();
	await alice.getByRole('region', { name: 'Comparison' }).locator('ins').first().waitFor();
	await alice.screenshot({ path: path.join(OUT, 'history-compare.png') });

	await panel.getByRole('button', { name: 'Show who wrote what' }).click();
	await alice.getByRole('region', { name: 'Authorship' }).locator('.by').first().waitFor();
	await alice.screenshot({ path: path.join(OUT, 'history-authorship.png') });
	console.log(`wrote ${OUT}/history-compare.png and history-authorship.png`);
} finally {
	await browser.close();
	await server.dispose();
}
