import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PRESENCE_PALETTE } from '#shared/protocol/presenceColor';
import { storyRoom } from '#shared/protocol/rooms';
import { ownerOf, storyPage, tokenFor, tokenOf } from '../helpers/links';
import { createStory, firstParagraphText } from '../helpers/stories';
import {
	awarenessMessage,
	connectClient,
	connectRaw,
	synced,
	type RawClient
} from '../helpers/wsClients';
import { caretNames, connectionStatus, storyText } from './support/browser';
import { useDesk } from './support/desk';
import { api } from '../helpers/apiClient';

// Issue 10, item 7: a presence state is another client's data. A raw client publishes a caret
// whose colour smuggles CSS and whose name is markup; the desk draws a caret in a palette
// colour with the link's name as text, and nothing else of it reaches a style or the DOM.

const HOSTILE_COLOR = 'red;background:url(https://evil.example/x.png);x:';

describe('presence from a hostile client', () => {
	const desk = useDesk();

	it('changes no style but the caret colour', async () => {
		const { url } = desk.server;
		const storyId = await createStory(url, 'Harbour Lights', 'The boats came in at dusk.\n');

		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(await storyPage(url, storyId, { name: 'Alice' }));
		await page.locator('.ProseMirror').waitFor();
		await expect.poll(() => storyText(page)).toContain('The boats came in');
		await expect.poll(() => connectionStatus(page)).toBe('connected');

		// Where the hostile caret sits: "boats", as relative positions into the story's text.
		const reader = connectClient(
			desk.server.wsUrl,
			storyRoom(storyId),
			new Y.Doc(),
			tokenFor(storyId)
		);
		let cursor: { anchor: unknown; head: unknown };
		try {
			await synced(reader);
			const text = firstParagraphText(reader.doc);
			cursor = {
				anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 4)),
				head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 9))
			};
		} finally {
			reader.destroy();
		}

		const made = await api(url).as(ownerOf(storyId)).post(`/api/stories/${storyId}/links`, {
			role: 'commenter',
			name: 'Mallory'
		});
		const mallory = tokenOf(made.body.url);
		const hostile: RawClient = await connectRaw(desk.server.wsUrl, storyRoom(storyId), mallory);
		try {
			const state = {
				user: { id: 'mallory', name: '<img src=x onerror=alert(1)>', color: HOSTILE_COLOR },
				cursor
			};
			hostile.ws.send(awarenessMessage(990_001, 1, JSON.stringify(state)));

			await expect.poll(() => caretNames(page)).toContain('Mallory');
			const seen = await page.evaluate(() => {
				const caret = document.querySelector<HTMLElement>('.collaboration-carets__caret')!;
				const styled = [...document.querySelectorAll<HTMLElement>('[style]')];
				return {
					caretStyle: caret.getAttribute('style') ?? '',
					caretColor: getComputedStyle(caret).getPropertyValue('--caret-color').trim(),
					labelBackground: getComputedStyle(caret.querySelector('.collaboration-carets__label')!)
						.backgroundImage,
					selections: [
						...document.querySelectorAll<HTMLElement>('.collaboration-carets__selection')
					].map((span) => span.getAttribute('style') ?? ''),
					anyUrl: styled
						.map((element) => element.getAttribute('style') ?? '')
						.filter((style) => /url\(|evil\.example|background:/i.test(style)),
					images: document.querySelectorAll('img').length,
					presence: [...document.querySelectorAll<HTMLElement>('.presence .person')].map(
						(person) => person.getAttribute('style') ?? ''
					)
				};
			});
			expect(seen.caretStyle).not.toMatch(/background|url\(/i);
			expect(PRESENCE_PALETTE).toContain(seen.caretColor);
			expect(seen.labelBackground).toBe('none');
			for (const style of seen.selections) expect(style).toMatch(/^background-color: [^;]+;?$/);
			expect(seen.anyUrl).toEqual([]);
			expect(seen.images).toBe(0);
			// Both people in the list, each with nothing but a colour in their style.
			expect(seen.presence).toHaveLength(2);
			for (const style of seen.presence) expect(style).toMatch(/^--person: #[0-9a-f]{6};?$/);
		} finally {
			hostile.ws.terminate();
		}
	});
});

describe('a caret that stays put', () => {
	const desk = useDesk();

	it('is not sent again while someone else types, and still moves when its owner types', async () => {
		const { url } = desk.server;
		const storyId = await createStory(
			url,
			'Harbour Lights',
			'The boats came in at dusk.\n\nThe nets were hung to dry.\n'
		);
		const context = await desk.newContext();
		const page = await context.newPage();
		// Presence messages (y-websocket message type 1) this page sends on the story's socket.
		let presenceSent = 0;
		page.on('websocket', (socket) => {
			const room = storyRoom(storyId);
			const address = decodeURIComponent(socket.url());
			if (!address.includes(`/${room}`)) return;
			socket.on('framesent', ({ payload }) => {
				const first = typeof payload === 'string' ? payload.charCodeAt(0) : payload[0];
				if (first === 1) presenceSent++;
			});
		});
		await page.goto(await storyPage(url, storyId, { name: 'Alice' }));
		await expect.poll(() => storyText(page)).toContain('The nets were hung');
		await expect.poll(() => connectionStatus(page)).toBe('connected');
		await page.locator('.ProseMirror p', { hasText: 'The nets' }).click();
		await page.keyboard.press('End');
		await expect.poll(() => presenceSent).toBeGreaterThan(0);
		await page.waitForTimeout(300);

		const writer = connectClient(
			desk.server.wsUrl,
			storyRoom(storyId),
			new Y.Doc(),
			tokenFor(storyId)
		);
		try {
			await synced(writer);
			const before = presenceSent;
			const text = firstParagraphText(writer.doc);
			for (const letter of 'Slowly, ') {
				text.insert(0, letter);
				await new Promise((resolve) => setTimeout(resolve, 60));
			}
			await expect.poll(() => storyText(page)).toContain(',ylwolSThe boats');
			await page.waitForTimeout(300);
			// Each of the eight changes made the page write its caret again, and send it to all.
			expect(presenceSent - before).toBe(0);
			// Its own typing still moves it, and says so.
			await page.keyboard.type('!');
			await expect.poll(() => presenceSent).toBeGreaterThan(before);
			await expect.poll(() => storyText(page)).toContain('hung to dry.!');
		} finally {
			writer.destroy();
		}
	});
});
