import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../../server/http/HttpError';
import { parseInput } from '../../../../server/http/parseInput';
import { authorFromName } from '../../../../server/review/apiAuthor';
import {
	decisionRequest,
	newCommentRequest,
	newSuggestionRequest,
	threadStatusQuery
} from '../../../../server/review/reviewRequests';

function refusal(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(HttpError);
		expect((error as HttpError).status).toBe(400);
		expect((error as HttpError).code).toBe('invalid');
		return (error as HttpError).message;
	}
	throw new Error('expected a 400');
}

describe('review request bodies', () => {
	it('derives a stable, valid author id from a display name', () => {
		const author = authorFromName('  Ana Lima ');
		expect(author.name).toBe('Ana Lima');
		expect(author.id).toMatch(/^api-[A-Za-z0-9_-]+$/);
		expect(author.id.length).toBeLessThanOrEqual(64);
		expect(authorFromName('Ana Lima')).toEqual(author);
		expect(authorFromName('Ana Lim').id).not.toBe(author.id);
	});

	it('takes the author as a name or as {id, name}', () => {
		const base = { start: 0, end: 3, body: ' Hi ' };
		expect(parseInput(newCommentRequest, { ...base, author: 'Ana' })).toEqual({
			start: 0,
			end: 3,
			body: 'Hi',
			author: authorFromName('Ana')
		});
		expect(
			parseInput(newCommentRequest, { ...base, author: { id: 'browser-1', name: 'Ana' } }).author
		).toEqual({ id: 'browser-1', name: 'Ana' });
		expect(parseInput(decisionRequest, {})).toEqual({});
	});

	it('names every field at fault', () => {
		expect(refusal(() => parseInput(newCommentRequest, {}))).toBe(
			'"start" is required. "end" is required. "body" is required.'
		);
		expect(
			refusal(() => parseInput(newCommentRequest, { start: 1.5, end: '2', body: ' ', author: 42 }))
		).toBe(
			'"start" must be an integer (a UTF-16 offset into the txt export). ' +
				'"end" must be an integer (a UTF-16 offset into the txt export). ' +
				'"body" must not be empty. "author" must be a display name or an object {"id","name"}.'
		);
		expect(
			refusal(() =>
				parseInput(newSuggestionRequest, {
					start: 0,
					end: 1,
					replacement: 'two\nlines',
					author: { id: 'no spaces', name: 'x'.repeat(81) }
				})
			)
		).toBe(
			'"replacement" cannot contain line breaks. ' +
				'"author.id" may only contain letters, digits, "_" and "-". ' +
				'"author.name" must be at most 80 characters.'
		);
		expect(refusal(() => parseInput(threadStatusQuery, 'closed', 'status'))).toBe(
			'"status" must be "open" or "resolved".'
		);
	});
});
