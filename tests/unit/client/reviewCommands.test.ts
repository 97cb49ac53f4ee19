import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeStoryText } from '#shared/model/storyDoc';
import { getSuggestion, getThread } from '#shared/review/notesDoc';
import { ReviewCommandError, ReviewCommands } from '../../../src/lib/review/ReviewCommands';

const ana = { id: 'browser-ana', name: 'Ana' };

function commands(text = 'The quick brown fox.') {
	const story = new Y.Doc();
	writeStoryText(story, text);
	const notes = new Y.Doc();
	return { notes, review: new ReviewCommands(notes, story, ana) };
}

describe('ReviewCommands', () => {
	it('starts a thread as its author, replies, resolves and deletes it', () => {
		const { notes, review } = commands();
		const id = review.comment(4, 9, '  Which quick? ');
		const thread = getThread(notes, id)!;
		expect(thread.anchor.quote).toBe('quick');
		expect(thread.messages).toEqual([
			expect.objectContaining({ author: ana, body: 'Which quick?' })
		]);
		review.reply(id, 'This one.');
		review.reply(id, '   ');
		expect(getThread(notes, id)!.messages.map((message) => message.body)).toEqual([
			'Which quick?',
			'This one.'
		]);
		review.setThreadStatus(id, 'resolved');
		expect(getThread(notes, id)!.status).toBe('resolved');
		review.deleteThread(id);
		expect(getThread(notes, id)).toBeNull();
	});

	it('refuses with the words the desk shows', () => {
		const { review } = commands();
		expect(() => review.comment(4, 9, ' ')).toThrow(ReviewCommandError);
		expect(() => review.comment(4, 9, 'x'.repeat(20_000))).toThrow('Too long.');
	});

	it('suggests on one line, reshapes, decides once and withdraws', () => {
		const { notes, review } = commands();
		const id = review.suggest(10, 15, 'red\nand');
		expect(getSuggestion(notes, id)).toMatchObject({ replacement: 'red and', author: ana });
		expect(review.growSuggestion(id, 'red and grey')).toBe(true);
		expect(review.reshapeSuggestion(id, 4, 9, 'slow')).toBe(true);
		expect(getSuggestion(notes, id)).toMatchObject({ replacement: 'slow' });
		expect(review.decide(id, 'rejected')).toBe(true);
		expect(review.decide(id, 'accepted')).toBe(false);
		expect(getSuggestion(notes, id)).toMatchObject({ status: 'rejected', decidedBy: ana });
		review.withdraw(id);
		expect(getSuggestion(notes, id)).toBeNull();
		// Nothing left to cover and nothing proposed: the suggestion goes.
		const other = review.suggest(0, 3, 'A');
		expect(review.reshapeSuggestion(other, 2, 2, '')).toBe(true);
		expect(getSuggestion(notes, other)).toBeNull();
	});
});
