import { writerKey } from '../auth/Access';
import type { CreatedResponse } from '#shared/api/types';
import type { z } from 'zod';
import type { ReviewService } from '../review/ReviewService';
import {
	decisionRequest,
	newCommentRequest,
	newSuggestionRequest,
	replyRequest,
	suggestionStatusQuery,
	threadPatchRequest,
	threadStatusQuery
} from '../review/reviewRequests';
import { parseInput } from './parseInput';
import type { ReviewWriteLimit } from './reviewWriteLimit';
import { sendJson, sendNoContent } from './respond';
import type { Router } from './Router';
import { writerOf } from './writerOf';

/** The review API: comment threads and suggestions on a story, live for everyone in it. */
export function addReviewRoutes(
	router: Router,
	reviews: ReviewService,
	spendWrite: ReviewWriteLimit
): void {
	const comments = '/api/stories/:id/comments';
	const thread = `${comments}/:thread` as const;
	const suggestions = '/api/stories/:id/suggestions';
	const suggestion = `${suggestions}/:suggestion` as const;
	router
		.add('GET', comments, { allow: 'review.read' }, async ({ response, params, url }) => {
			const status = optionalQuery(url, 'status', threadStatusQuery);
			sendJson(response, 200, { threads: await reviews.listThreads(params.id, status) });
		})
		.add(
			'POST',
			comments,
			{ allow: 'review.write', body: newCommentRequest },
			async ({ response, params, access, body }) => {
				spendWrite(access, response);
				const author = writerOf(access, body.author);
				sendJson(response, 201, {
					id: await reviews.createThread(params.id, { ...body, author })
				} satisfies CreatedResponse);
			}
		)
		.add('GET', thread, { allow: 'review.read' }, async ({ response, params }) => {
			sendJson(response, 200, await reviews.getThread(params.id, params.thread));
		})
		.add(
			'PATCH',
			thread,
			{ allow: 'review.resolve', body: threadPatchRequest },
			async ({ response, params, access, body }) => {
				// Whose thread it is decides the rest (policy: mayChangeThread).
				sendJson(
					response,
					200,
					await reviews.setThreadStatus(params.id, params.thread, body.status, access)
				);
			}
		)
		.add('DELETE', thread, { allow: 'review.delete' }, async ({ response, params }) => {
			await reviews.deleteThread(params.id, params.thread);
			sendNoContent(response);
		})
		.add(
			'POST',
			`${thread}/replies`,
			{ allow: 'review.write', body: replyRequest },
			async ({ response, params, access, body }) => {
				spendWrite(access, response);
				const author = writerOf(access, body.author);
				sendJson(response, 201, {
					id: await reviews.reply(params.id, params.thread, { ...body, author })
				} satisfies CreatedResponse);
			}
		)
		.add('GET', suggestions, { allow: 'review.read' }, async ({ response, params, url }) => {
			const status = optionalQuery(url, 'status', suggestionStatusQuery);
			sendJson(response, 200, { suggestions: await reviews.listSuggestions(params.id, status) });
		})
		.add(
			'POST',
			suggestions,
			{ allow: 'review.write', body: newSuggestionRequest },
			async ({ response, params, access, body }) => {
				spendWrite(access, response);
				const author = writerOf(access, body.author);
				sendJson(response, 201, {
					id: await reviews.createSuggestion(params.id, { ...body, author })
				} satisfies CreatedResponse);
			}
		)
		.add('GET', suggestion, { allow: 'review.read' }, async ({ response, params }) => {
			sendJson(response, 200, await reviews.getSuggestion(params.id, params.suggestion));
		})
		.add('DELETE', suggestion, { allow: 'review.delete' }, async ({ response, params }) => {
			await reviews.deleteSuggestion(params.id, params.suggestion);
			sendNoContent(response);
		})
		.add(
			'POST',
			`${suggestion}/accept`,
			{ allow: 'review.decide', body: decisionRequest, optionalBody: true },
			async ({ response, params, access, body }) => {
				const author = writerOf(access, body.author);
				// The text it puts in is the accepting link's in the story's history.
				const writer = access ? writerKey(access) : null;
				sendJson(response, 200, await reviews.accept(params.id, params.suggestion, author, writer));
			}
		)
		.add(
			'POST',
			`${suggestion}/reject`,
			{ allow: 'review.decide', body: decisionRequest, optionalBody: true },
			async ({ response, params, access, body }) => {
				const author = writerOf(access, body.author);
				sendJson(response, 200, await reviews.reject(params.id, params.suggestion, author));
			}
		);
}

/** A query parameter checked by `schema`, or undefined when absent. */
function optionalQuery<T extends z.ZodType>(
	url: URL,
	name: string,
	schema: T
): z.output<T> | undefined {
	const value = url.searchParams.get(name);
	return value === null ? undefined : parseInput(schema, value, name);
}
