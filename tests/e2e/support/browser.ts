import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
	'--disable-sync'
];

/** Launches headless Chromium with the flags our machines need. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: EXECUTABLE, args: ARGS });
}

/**
 * The story's text as the reader sees it, one line per block, without other people's caret
 * labels (which are widgets inside the editable element). Null before the editor exists.
 */
export function storyText(page: Page): Promise<string | null> {
	return page.evaluate(() => {
		const root = document.querySelector('.ProseMirror');
		if (!root) return null;
		const clone = root.cloneNode(true) as HTMLElement;
		for (const caret of clone.querySelectorAll('.collaboration-carets__caret')) caret.remove();
		return [...clone.children].map((block) => block.textContent ?? '').join('\n');
	});
}

/** The connection pill's state: connected | connecting | reconnecting | offline. */
export function connectionStatus(page: Page): Promise<string | null> {
	return page.locator('[role="status"][data-status]').getAttribute('data-status');
}

/** Names on other people's carets in this page's editor. */
export function caretNames(page: Page): Promise<string[]> {
	return page.locator('.collaboration-carets__label').allTextContents();
}
