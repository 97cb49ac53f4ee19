import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { storyRoom } from '#shared/protocol/rooms';
import { storyPage } from '../helpers/links';
import { createStory, exportText } from '../helpers/stories';
import { connectionStatus, storyText } from './support/browser';
import { useDesk } from './support/desk';
import { xmlText } from '../helpers/yXml';

// A story saved before the server checked edits (an old database) holding what the editor cannot
// read — an unknown element, a paragraph in a paragraph, text straight under the document — used
// to open as an empty editor (y-tiptap threw "e.toArray is not a function") and then lose that
// text for everyone. Now it opens with every word, and no page throws.

/** Appends an update to the room's stored log, as an old server would have written it. */
function storeOutOfShape(dataDir: string, room: string): void {
	const db = new Database(path.join(dataDir, 'galley.sqlite'));
	try {
		const doc = new Y.Doc();
		const snapshot = db.prepare('SELECT snapshot FROM documents WHERE room = ?').get(room) as {
			snapshot: Buffer;
		};
		Y.applyUpdate(doc, snapshot.snapshot);
		for (const row of db
			.prepare('SELECT data FROM updates WHERE room = ? ORDER BY seq')
			.all(room)) {
			Y.applyUpdate(doc, (row as { data: Buffer }).data);
		}
		const before = Y.encodeStateVector(doc);
		doc.transact(() => {
			const unknown = new Y.XmlElement('fooNode');
			unknown.insert(0, [xmlText('Words in an unknown element.')]);
			const outer = new Y.XmlElement('paragraph');
			const inner = new Y.XmlElement('paragraph');
			inner.insert(0, [xmlText('Words in a nested paragraph.')]);
			outer.insert(0, [inner]);
			doc.getXmlFragment(STORY_FIELD).insert(1, [unknown, outer, xmlText('Bare words.')]);
		});
		db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)').run(
			room,
			Buffer.from(Y.encodeStateAsUpdate(doc, before))
		);
	} finally {
		db.close();
	}
}

describe('a story stored out of shape', () => {
	const desk = useDesk();

	it('opens with every word, repaired for everyone, and no page throws', async () => {
		const id = await createStory(desk.server.url, 'Old', 'The start.\n\nThe end.\n');
		await desk.server.kill();
		storeOutOfShape(desk.server.dataDir, storyRoom(id));
		await desk.server.restart();

		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, id));
		await page.locator('.ProseMirror').waitFor();
		await expect.poll(() => connectionStatus(page)).toBe('connected');
		const expected = [
			'The start.',
			'Words in an unknown element.',
			'Words in a nested paragraph.',
			'Bare words.',
			'The end.'
		];
		await expect.poll(() => storyText(page)).toBe(expected.join('\n'));
		expect(await exportText(desk.server.url, id)).toBe(expected.join('\n\n') + '\n');

		// The editor can still be typed in, and it sticks.
		await page.locator('.ProseMirror p', { hasText: 'Bare words.' }).click();
		await page.keyboard.press('End');
		await page.keyboard.type(' Typed after.');
		await expect.poll(() => exportText(desk.server.url, id)).toContain('Bare words. Typed after.');
	});
});
