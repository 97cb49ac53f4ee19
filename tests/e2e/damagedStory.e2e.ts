import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storyRoom } from '#shared/protocol/rooms';
import { storyPage } from '../helpers/links';
import { createStory } from '../helpers/stories';
import { connectionStatus } from './support/browser';
import { useDesk } from './support/desk';

// A story whose saved snapshot no longer decodes used to open as an empty editor, and the first
// edit then overwrote what was left. The desk now says the story is damaged, does not let anyone
// type into it, and the damaged bytes stay on the server as they were.

function cutSnapshotInHalf(dataDir: string, room: string): Buffer {
	const db = new Database(path.join(dataDir, 'galley.sqlite'));
	try {
		const { snapshot } = db.prepare('SELECT snapshot FROM documents WHERE room = ?').get(room) as {
			snapshot: Buffer;
		};
		const half = snapshot.subarray(0, Math.floor(snapshot.length / 2));
		db.prepare('UPDATE documents SET snapshot = ? WHERE room = ?').run(half, room);
		return half;
	} finally {
		db.close();
	}
}

function storedSnapshot(dataDir: string, room: string): Buffer {
	const db = new Database(path.join(dataDir, 'galley.sqlite'), { readonly: true });
	try {
		return (
			db.prepare('SELECT snapshot FROM documents WHERE room = ?').get(room) as {
				snapshot: Buffer;
			}
		).snapshot;
	} finally {
		db.close();
	}
}

describe('a story whose saved data is damaged', () => {
	const desk = useDesk();

	it('shows the damage on the desk, is not editable, and the stored bytes stay as they were', async () => {
		const id = await createStory(desk.server.url, 'Cracked', 'A line worth keeping.\n');
		await desk.server.kill('SIGTERM'); // a graceful stop compacts the story into one snapshot
		const damaged = cutSnapshotInHalf(desk.server.dataDir, storyRoom(id));
		await desk.server.restart();

		const context = await desk.newContext();
		const page = await context.newPage();
		await page.goto(await storyPage(desk.server.url, id));
		const notice = page.getByRole('alert').filter({ hasText: 'saved data is damaged' });
		await notice.waitFor();
		expect(await notice.textContent()).toContain("This story's saved data is damaged.");
		await expect.poll(() => connectionStatus(page)).toBe('closed');
		expect(await page.locator('[role="status"][data-status]').textContent()).toContain(
			"this story's saved data is damaged"
		);
		expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).not.toBe('true');
		if (process.env.SCREENSHOT_DIR) {
			await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, 'damaged-story.png') });
		}

		await desk.server.kill('SIGTERM');
		expect(storedSnapshot(desk.server.dataDir, storyRoom(id))).toEqual(damaged);
		await desk.server.restart();
	});
});
