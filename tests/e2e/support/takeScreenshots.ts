/**
 * Screenshots of the app for docs/screenshots/: the library (empty and stocked), the paste
 * dialog, and the desk with two people in a story. Run after a build:
 *   npx vite build && npx tsx tests/e2e/support/takeScreenshots.ts [storyFile]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startServer } from '../../helpers/startServer';
import { createStory, exportText } from '../../helpers/stories';
import { launchBrowser, storyText } from './browser';
import { api } from '../../helpers/apiClient';
import { ownerOf, storyPage, tokenFor } from '../../helpers/links';

const OUT = path.join(repoRoot, 'docs/screenshots');
const VIEWPORT = { width: 1360, height: 860 };
const storyFile = process.argv[2] ?? '/work/shared/stories/000_8c2707c79c5b8f6c.txt';

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + 15_000;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const server = await startServer();
const browser = await launchBrowser();
try {
	const context = await browser.newContext({ viewport: VIEWPORT });
	const page = await context.newPage();
	await page.goto(`${server.url}/`);
	await page.getByText('The desk is clear.').waitFor();
	await page.screenshot({ path: path.join(OUT, 'library-empty.png') });

	const storyId = await createStory(server.url, 'One Last Wish', readFileSync(storyFile, 'utf8'));
	const others = [
		await createStory(
			server.url,
			'The Lighthouse Keeper',
			'The lamp was lit at dusk.\n'.repeat(40)
		),
		await createStory(
			server.url,
			'Notes from the Ferry',
			'Salt on the rail.\n\nGulls.\n'.repeat(12)
		)
	];

	const alice = page;
	await alice.goto(await storyPage(server.url, storyId, { name: 'Alice Marsh' }));
	const bobContext = await browser.newContext({ viewport: VIEWPORT });
	const bob = await bobContext.newPage();
	await bob.goto(await storyPage(server.url, storyId, { name: 'Bob Okafor' }));
	for (const reader of [alice, bob]) {
		await reader.locator('.ProseMirror').waitFor();
		await waitFor(async () => ((await storyText(reader)) ?? '').includes('One Last Wish'), 'text');
	}
	// Bob selects a phrase a few paragraphs in; Alice's caret sits inside a later sentence.
	await bob
		.locator('.ProseMirror p')
		.nth(3)
		.click({ position: { x: 260, y: 45 } });
	for (let step = 0; step < 24; step++) await bob.keyboard.press('Shift+ArrowRight');
	// Alice fixes a typo: "happier then" → "happier than".
	// Double-click "then" where it is on screen, as a person would.
	const word = await alice.evaluate(() => {
		// Checker underlines split the text into several nodes: map paragraph offsets to nodes.
		for (const paragraph of document.querySelectorAll('.ProseMirror p')) {
			const at = paragraph.textContent?.indexOf('happier then') ?? -1;
			if (at < 0) continue;
			paragraph.scrollIntoView({ block: 'center' });
			let offset = at + 'happier '.length;
			const walker = document.createTreeWalker(paragraph, 4);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const length = node.textContent?.length ?? 0;
				if (offset >= length) {
					offset -= length;
					continue;
				}
				const range = document.createRange();
				range.setStart(node, offset);
				range.setEnd(node, offset + 1);
				const box = range.getBoundingClientRect();
				return { x: box.right, y: box.y + box.height / 2 };
			}
		}
		throw new Error('no "happier then" in the story');
	});
	await alice.mouse.dblclick(word.x, word.y);
	await waitFor(
		async () => (await alice.evaluate(() => String(getSelection()).trim())) === 'then',
		'"then" selected'
	);
	await alice.keyboard.type('than');
	await waitFor(
		async () => ((await storyText(alice)) ?? '').includes('looking happier than I'),
		'the fix'
	);
	// The double-click opened the flag's card; once the fixed paragraph is re-checked it goes.
	await waitFor(async () => (await alice.locator('.checker-popover').count()) === 0, 'recheck');
	await waitFor(
		async () => (await alice.locator('.collaboration-carets__label').count()) > 0,
		'caret'
	);
	await alice.screenshot({ path: path.join(OUT, 'story.png') });

	// The review: threads and suggestions from the team, posted through the API.
	const text = await exportText(server, storyId);
	const asOwner = api(server).as(ownerOf(storyId));
	const post = async (route: string, body: object) =>
		(await asOwner.post(`/api/stories/${storyId}/${route}`, body)).body as { id: string };
	const range = (phrase: string, within = phrase) => {
		const start = text.indexOf(within) + within.indexOf(phrase);
		return { start, end: start + phrase.length };
	};
	const pov = await post('comments', {
		...range("Willow's POV"),
		body: 'Should the POV line be in italics, like the chapter title?',
		author: 'Bob Okafor'
	});
	await post(`comments/${pov.id}/replies`, {
		body: 'Yes, and the same for the other headings.',
		author: 'Alice Marsh'
	});
	await post('suggestions', {
		...range('She', '"Hey Will!" She said'),
		replacement: 'she',
		author: 'Chris Lane'
	});
	await post('suggestions', {
		...range('spellbooks'),
		replacement: 'spell books',
		author: 'Bob Okafor'
	});
	await post('comments', {
		...range('I wonder what Buffy will use her wish for. I thought.'),
		body: 'A thought, not speech: italics would make that clearer.',
		author: 'Chris Lane'
	});
	await alice.keyboard.press('Escape');
	await alice.evaluate(() => window.scrollTo(0, 0));
	await waitFor(
		async () => (await alice.locator('[data-review-card]').count()) === 4,
		'review cards'
	);
	await alice.locator('.review-delete').first().click();
	await waitFor(
		async () => (await alice.locator('.review-delete.is-focused').count()) > 0,
		'focused suggestion'
	);
	await alice.screenshot({ path: path.join(OUT, 'review.png') });

	// The owner shares the story with a beta reader, by name.
	await alice.getByRole('button', { name: 'Share' }).click();
	const share = alice.getByRole('dialog', { name: 'Share this story' });
	await share.getByRole('textbox', { name: 'For', exact: true }).fill('Maya Lindqvist');
	await share.getByLabel('Role').selectOption('commenter');
	await share.getByRole('button', { name: 'Make link' }).click();
	await share.getByRole('button', { name: 'Revoke Maya Lindqvist’s link (commenter)' }).waitFor();
	await alice.screenshot({ path: path.join(OUT, 'share.png') });
	await alice.keyboard.press('Escape');

	const libraryPage = await context.newPage();
	// Alice also holds owner links to the other two stories (as if she had imported them).
	await libraryPage.goto(`${server.url}/`);
	const held = Object.fromEntries(others.map((id) => [id, tokenFor(id)]));
	await libraryPage.evaluate((tokens) => {
		const current = JSON.parse(localStorage.getItem('galley:tokens') ?? '{}') as object;
		localStorage.setItem('galley:tokens', JSON.stringify({ ...current, ...tokens }));
	}, held);
	await libraryPage.reload();
	await libraryPage.locator('.story-link').nth(2).waitFor();
	await waitFor(async () => (await libraryPage.locator('.present').count()) > 0, 'presence');
	await libraryPage.screenshot({ path: path.join(OUT, 'library.png') });

	await libraryPage.getByRole('button', { name: 'Paste text…' }).click();
	await libraryPage.getByLabel('Title').fill('The Orchard');
	await libraryPage
		.getByLabel('Text')
		.fill('The apples were late that year.\n\nNobody minded.\tNot even Ruth.');
	await libraryPage.screenshot({ path: path.join(OUT, 'paste-dialog.png') });
	await bobContext.close();
	await context.close();
} finally {
	await browser.close();
	await server.dispose();
}
