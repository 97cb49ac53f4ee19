import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createStory } from '../helpers/stories';
import { caretNames, connectionStatus, storyText } from './support/browser';
import { useDesk } from './support/desk';
import { ownerOf, storyPage } from '../helpers/links';
import { api } from '../helpers/apiClient';

interface Reader {
	context: BrowserContext;
	page: Page;
}

describe('proofreading together', () => {
	const desk = useDesk();

	/** Opens a story in a fresh browser profile as `name`, once its text and connection are up. */
	async function openAs(storyId: string, name: string, expectedText: string): Promise<Reader> {
		const context = await desk.newContext();
		const page = await context.newPage();
		await openStory(page, storyId, name, expectedText);
		return { context, page };
	}

	async function openStory(page: Page, storyId: string, name: string, expectedText: string) {
		await page.goto(await storyPage(desk.server.url, storyId, { name }));
		await page.locator('.ProseMirror').waitFor();
		await expect.poll(() => storyText(page)).toContain(expectedText);
		await expect.poll(() => connectionStatus(page)).toBe('connected');
	}

	/** Puts the caret at the start or end of the story's first paragraph containing `text`. */
	async function placeCaret(page: Page, text: string, where: 'Home' | 'End') {
		await page.locator('.ProseMirror p', { hasText: text }).first().click();
		await page.keyboard.press(where);
	}

	it('merges two people typing into one paragraph at once, with each other’s carets', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Two Hands',
			'The lamp was lit.\n\nThe door stayed shut.\n'
		);
		const alice = await openAs(storyId, 'Alice', 'The lamp was lit.');
		const bob = await openAs(storyId, 'Bob', 'The lamp was lit.');

		await placeCaret(alice.page, 'The lamp was lit.', 'End');
		await placeCaret(bob.page, 'The lamp was lit.', 'Home');
		await Promise.all([
			alice.page.keyboard.type(' Alice wrote this.', { delay: 20 }),
			bob.page.keyboard.type('Bob wrote that. ', { delay: 20 })
		]);

		const expected = 'Bob wrote that. The lamp was lit. Alice wrote this.';
		await expect.poll(() => storyText(alice.page)).toContain(expected);
		await expect.poll(() => storyText(bob.page)).toContain(expected);
		expect(await storyText(alice.page)).toBe(await storyText(bob.page));

		await expect.poll(() => caretNames(alice.page)).toContain('Bob');
		await expect.poll(() => caretNames(bob.page)).toContain('Alice');
		const presence = alice.page.getByRole('list', { name: 'People in this story' });
		await expect.poll(() => presence.textContent()).toMatch(/Alice.*you.*Bob/s);

		// Undo takes back only your own typing.
		await alice.page.keyboard.press('Control+z');
		await expect.poll(() => storyText(bob.page)).not.toContain('Alice wrote this.');
		expect(await storyText(bob.page)).toContain('Bob wrote that. The lamp was lit.');

		// A reload (and a newcomer) find the merged text.
		await bob.page.reload();
		await expect.poll(() => storyText(bob.page)).toContain('Bob wrote that. The lamp was lit.');
		const carol = await openAs(storyId, 'Carol', 'Bob wrote that. The lamp was lit.');
		expect(await storyText(carol.page)).toBe(await storyText(bob.page));

		await Promise.all([alice.context.close(), bob.context.close(), carol.context.close()]);
	});

	it('keeps an edit made offline on the device and merges it when back online', async () => {
		const storyId = await createStory(
			desk.server.url,
			'Dark Road',
			'The road ran north.\n\nRain again.\n'
		);
		const alice = await openAs(storyId, 'Alice', 'The road ran north.');
		const bob = await openAs(storyId, 'Bob', 'The road ran north.');

		await alice.context.setOffline(true);
		await expect.poll(() => connectionStatus(alice.page)).toBe('offline');
		expect(await alice.page.getByRole('status').textContent()).toContain(
			'edits saved on this device'
		);

		await placeCaret(alice.page, 'The road ran north.', 'End');
		await alice.page.keyboard.type(' Alice, offline.');
		await placeCaret(bob.page, 'Rain again.', 'End');
		await bob.page.keyboard.type(' Bob, online.');
		await expect.poll(() => storyText(alice.page)).toContain('The road ran north. Alice, offline.');
		await expect.poll(() => storyText(bob.page)).toContain('Rain again. Bob, online.');
		expect(await storyText(bob.page)).not.toContain('Alice, offline.');

		await alice.context.setOffline(false);
		await expect.poll(() => connectionStatus(alice.page)).toBe('connected');
		await expect.poll(() => storyText(bob.page)).toContain('The road ran north. Alice, offline.');
		await expect.poll(() => storyText(alice.page)).toContain('Rain again. Bob, online.');
		expect(await storyText(alice.page)).toBe(await storyText(bob.page));

		await Promise.all([alice.context.close(), bob.context.close()]);
	});

	it('opens the story again after a reload while offline and merges what was typed since', async () => {
		const storyId = await createStory(desk.server.url, 'Night Shift', 'The kettle sang.\n');
		const alice = await openAs(storyId, 'Alice', 'The kettle sang.');
		const bob = await openAs(storyId, 'Bob', 'The kettle sang.');

		// The service worker must control the page before the network goes, or nothing serves it.
		await alice.page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await expect
			.poll(() => alice.page.evaluate(() => navigator.serviceWorker.controller !== null))
			.toBe(true);

		await alice.context.setOffline(true);
		await expect.poll(() => connectionStatus(alice.page)).toBe('offline');
		// setOffline reaches the service worker's own fetches too, so the reload below can only be
		// answered from the worker's cache.
		await expect.poll(() => alice.context.serviceWorkers().length).toBeGreaterThan(0);
		const [worker] = alice.context.serviceWorkers();
		const reach = () =>
			worker!.evaluate(() =>
				fetch('/healthz').then(
					() => 'reached',
					() => 'failed'
				)
			);
		expect(await reach()).toBe('failed');
		await placeCaret(alice.page, 'The kettle sang.', 'End');
		// One transaction, so the stored update holds the phrase in one piece.
		const first = ' Nobody answered the door.';
		await alice.page.keyboard.insertText(first);
		await expect
			.poll(() => storedUpdatesContain(alice.page, `galley:story:${storyId}`, first))
			.toBe(true);

		await alice.page.reload();
		await alice.page.locator('.ProseMirror').waitFor();
		await expect.poll(() => storyText(alice.page)).toContain(`The kettle sang.${first}`);
		expect(await connectionStatus(alice.page)).toBe('offline');
		expect(await alice.page.title()).toBe('Night Shift · Galley');

		const second = ' The phone rang twice.';
		await placeCaret(alice.page, 'The kettle sang.', 'End');
		await alice.page.keyboard.insertText(second);
		await expect.poll(() => storyText(alice.page)).toContain(`The kettle sang.${first}${second}`);
		// The server never saw either edit: only this browser's IndexedDB holds them.
		expect(await storyText(bob.page)).not.toContain(first);

		await alice.context.setOffline(false);
		expect(await reach()).toBe('reached');
		await expect.poll(() => connectionStatus(alice.page)).toBe('connected');
		await expect.poll(() => storyText(bob.page)).toContain(`The kettle sang.${first}${second}`);
		expect(await storyText(alice.page)).toBe(await storyText(bob.page));

		await Promise.all([alice.context.close(), bob.context.close()]);
	});

	it('does not pretend to open a story this device has never seen while offline', async () => {
		const storyId = await createStory(desk.server.url, 'Elsewhere', 'Far away.\n');
		const known = await createStory(desk.server.url, 'Nearby', 'Close at hand.\n');
		const alice = await openAs(known, 'Alice', 'Close at hand.');
		await expect
			.poll(() => alice.page.evaluate(() => navigator.serviceWorker.controller !== null))
			.toBe(true);

		await alice.context.setOffline(true);
		await alice.page.goto(await storyPage(desk.server.url, storyId));
		await alice.page.getByRole('heading', { name: 'You seem to be offline' }).waitFor();
		expect(await alice.page.locator('.ProseMirror').count()).toBe(0);
		await alice.context.close();
	});

	it('tells a reader when the story they are in is deleted', async () => {
		const storyId = await createStory(desk.server.url, 'Short Lived', 'Gone by noon.\n');
		const alice = await openAs(storyId, 'Alice', 'Gone by noon.');

		const response = await api(desk.server).as(ownerOf(storyId)).delete(`/api/stories/${storyId}`);
		expect(response.status).toBe(204);
		await alice.page
			.getByRole('alert')
			.filter({ hasText: 'This story has been deleted.' })
			.waitFor();
		await expect
			.poll(() => alice.page.locator('.ProseMirror').getAttribute('contenteditable'))
			.toBe('false');
		expect(await connectionStatus(alice.page)).toBe('closed');
		await alice.context.close();
	});
});

/** Whether y-indexeddb's stored updates for `dbName` include `text` (UTF-8, in one update). */
function storedUpdatesContain(page: Page, dbName: string, text: string): Promise<boolean> {
	return page.evaluate(
		async ({ dbName, text }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(dbName);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			try {
				const updates = await new Promise<Uint8Array[]>((resolve, reject) => {
					const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
					request.onsuccess = () => resolve(request.result as Uint8Array[]);
					request.onerror = () => reject(request.error);
				});
				const needle = new TextEncoder().encode(text);
				return updates.some((update) => {
					outer: for (let start = 0; start + needle.length <= update.length; start++) {
						for (let offset = 0; offset < needle.length; offset++) {
							if (update[start + offset] !== needle[offset]) continue outer;
						}
						return true;
					}
					return false;
				});
			} finally {
				db.close();
			}
		},
		{ dbName, text }
	);
}
