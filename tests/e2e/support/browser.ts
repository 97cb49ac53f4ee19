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
 * The story's text, one line per block, without the widgets drawn inside the editable element:
 * other people's caret labels and the text proposed by suggestions (`ins.review-insert`), which
 * is shown inline but is not part of the document. Null before the editor exists.
 */
export function storyText(page: Page): Promise<string | null> {
	return page.evaluate(() => {
		const root = document.querySelector('.ProseMirror');
		if (!root) return null;
		const clone = root.cloneNode(true) as HTMLElement;
		const widgets = clone.querySelectorAll('.collaboration-carets__caret, ins.review-insert');
		for (const widget of widgets) widget.remove();
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
