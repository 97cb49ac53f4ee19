import { describe, expect, it } from 'vitest';

import { download, importId } from '../helpers/exports';
import { useDesk } from './support/desk';
import { exportText } from '../helpers/stories';
import { ownerOf } from '../helpers/links';
import { api } from '../helpers/apiClient';

/** Every payload tries to run (set window.pwned, open a dialog) or to fetch something. */
const PAYLOADS = [
	'<script>window.pwned=1;alert(1)</script>',
	'<img src=x onerror="window.pwned=2">',
	'<svg onload="window.pwned=3"></svg>',
	'<iframe srcdoc="<script>parent.pwned=4</script>"></iframe>',
	'"><script>window.pwned=5</script>',
	"'><img src=https://evil.test/x.png>",
	'<style>body{background:url(https://evil.test/bg.png)}</style>',
	'<a href="javascript:window.pwned=6">click</a>',
	'</title></textarea></style><script>window.pwned=7</script>'
];

describe('the HTML exports in a browser', () => {
	const desk = useDesk();

	it('run nothing and fetch nothing, whatever the story and its comments hold', async () => {
		const id = await importId(desk.server.url, 'hostile.txt', PAYLOADS.join('\n\n') + '\n');
		const asOwner = api(desk.server).as(ownerOf(id));
		await asOwner.patch(`/api/stories/${id}`, { title: PAYLOADS[0] });
		const text = await exportText(desk.server, id);
		for (const [index, payload] of PAYLOADS.entries()) {
			const start = text.indexOf(payload);
			const comment = await asOwner.post(`/api/stories/${id}/comments`, {
				start,
				end: start + 5,
				body: PAYLOADS[(index + 1) % PAYLOADS.length],
				author: PAYLOADS[(index + 2) % PAYLOADS.length]!.slice(0, 80)
			});
			const suggestion = await asOwner.post(`/api/stories/${id}/suggestions`, {
				start: start + 6,
				end: start + 8,
				replacement: PAYLOADS[(index + 3) % PAYLOADS.length],
				author: 'Eve'
			});
			expect([comment.status, suggestion.status]).toEqual([201, 201]);
		}

		for (const query of ['format=html', 'format=html&comments=1&suggestions=1', 'format=changes']) {
			const html = new TextDecoder().decode((await download(desk.server.url, id, query)).bytes);
			// With the page's own Content-Security-Policy and without it: escaping alone must hold.
			for (const body of [
				html,
				html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
			]) {
				const context = await desk.browser.newContext();
				const page = await context.newPage();
				const requests: string[] = [];
				const dialogs: string[] = [];
				page.on('request', (request) => requests.push(request.url()));
				page.on('dialog', (dialog) => {
					dialogs.push(dialog.message());
					void dialog.dismiss();
				});
				await page.route('**/*', (route) =>
					route.request().url() === 'http://export.test/'
						? route.fulfill({ body, contentType: 'text/html; charset=utf-8' })
						: route.abort()
				);
				await page.goto('http://export.test/');
				// Clicking every link must not run anything either.
				for (const link of await page.locator('a').all()) {
					await link.click({ noWaitAfter: true, timeout: 2_000 }).catch(() => {});
				}
				// A bounded wait on purpose: time for anything the clicks started to run (nothing may).
				await page.waitForTimeout(100);
				const pwned = await page.evaluate(() => (window as unknown as { pwned?: number }).pwned);
				expect(pwned, query).toBeUndefined();
				expect(dialogs, query).toEqual([]);
				expect(await page.locator('script, iframe, img, svg, object, embed').count(), query).toBe(
					0
				);
				expect(
					requests.filter((url) => !url.startsWith('http://export.test/')),
					query
				).toEqual([]);
				// The hostile text is shown as text.
				expect(await page.locator('body').innerText(), query).toContain('<img src=x onerror=');
				await context.close();
			}
		}
	});
});
