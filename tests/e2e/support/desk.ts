import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { startServer, type RunningServer } from '../../helpers/startServer';
import { launchBrowser } from './browser';

/** One real server and one Chromium shared by the tests of a describe block. */
export interface Desk {
	readonly server: RunningServer;
	readonly browser: Browser;
	/**
	 * A fresh browser profile, closed after the current test. Server and browser are local:
	 * actions fail in seconds rather than Playwright's default 30 s.
	 */
	newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * Starts the server (with `options.env` added to its environment) and the browser before the
 * block's tests and stops both after them.
 */
export function useDesk(options: { env?: Record<string, string> } = {}): Desk {
	let server: RunningServer | undefined;
	let browser: Browser | undefined;
	const contexts: BrowserContext[] = [];
	/** Uncaught errors in any page of the test: a test passes only if no page threw. */
	const pageErrors: string[] = [];

	beforeAll(async () => {
		server = await startServer({ ...(options.env && { env: options.env }) });
		browser = await launchBrowser();
	});

	afterEach(async () => {
		await Promise.all(contexts.splice(0).map((context) => context.close()));
		const thrown = pageErrors.splice(0);
		if (thrown.length > 0) throw new Error(`a page threw:\n${thrown.join('\n')}`);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.dispose();
	});

	return {
		get server() {
			if (!server) throw new Error('The server starts in beforeAll');
			return server;
		},
		get browser() {
			if (!browser) throw new Error('The browser starts in beforeAll');
			return browser;
		},
		async newContext(options) {
			const context = await this.browser.newContext(options);
			context.setDefaultTimeout(10_000);
			context.on('weberror', (error) =>
				pageErrors.push(error.error().stack ?? String(error.error()))
			);
			contexts.push(context);
			return context;
		}
	};
}
