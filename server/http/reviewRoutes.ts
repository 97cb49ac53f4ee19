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
import { roleAtLeast } from '#shared/protocol/roles';
import { parseInput } from './parseInput';
import { readJsonObject, readOptionalJsonObject } from './readBody';
import type { ReviewWriteLimit } from './reviewWriteLimit';
import { sendJson, sendNoContent } from './respond';
import type { Router, RouteContext } from './Router';
import { writerOf } from './writerOf';

/** The review API: comment threads and suggestions on a story, live for everyone in it. */
export function addReviewRoutes(
	router: Router,
	reviews: ReviewService,
	spendWrite: ReviewWriteLimit
): void {
	const comments = '/api/stories/:id/comments';
	const suggestions = '/api/stories/:id/suggestions';
	router
		.add('GET', comments, async ({ response, params, url }) => {
			const status = optionalQuery(url, 'status', threadStatusQuery);
			sendJson(response, 200, { threads: await reviews.listThreads(params.id!, status) });
		})
		.add('POST', comments, async ({ request, response, params, access }) => {
			spendWrite(access, response);
			const comment = parseInput(newCommentRequest, await readJsonObject(request));
			const author = writerOf(access, comment.author);
			sendJson(response, 201, {
				id: await reviews.createThread(params.id!, { ...comment, author })
			});
		})
		.add('GET', `${comments}/:thread`, async ({ response, params }) => {
			sendJson(response, 200, await reviews.getThread(params.id!, params.thread!));
		})
		.add('PATCH', `${comments}/:thread`, async ({ request, response, params, access }) => {
			const { status } = parseInput(threadPatchRequest, await readJsonObject(request));
			// A commenter resolves or reopens only threads they started; editors any.
			const startedBy = access && !roleAtLeast(access.role, 'editor') ? access.authorId : undefined;
			sendJson(
				response,
				200,
				await reviews.setThreadStatus(params.id!, params.thread!, status, startedBy)
			);
		})
		.add('DELETE', `${comments}/:thread`, async ({ response, params }) => {
			await reviews.deleteThread(params.id!, params.thread!);
			sendNoContent(response);
		})
		.add('POST', `${comments}/:thread/replies`, async ({ request, response, params, access }) => {
			spendWrite(access, response);
			const reply = parseInput(replyRequest, await readJsonObject(request));
			const author = writerOf(access, reply.author);
			sendJson(response, 201, {
				id: await reviews.reply(params.id!, params.thread!, { ...reply, author })
			});
		})
		.add('GET', suggestions, async ({ response, params, url }) => {
			const status = optionalQuery(url, 'status', suggestionStatusQuery);
			sendJson(response, 200, { suggestions: await reviews.listSuggestions(params.id!, status) });
		})
		.add('POST', suggestions, async ({ request, response, params, access }) => {
			spendWrite(access, response);
			const suggestion = parseInput(newSuggestionRequest, await readJsonObject(request));
			const author = writerOf(access, suggestion.author);
			sendJson(response, 201, {
				id: await reviews.createSuggestion(params.id!, { ...suggestion, author })
			});
		})
		.add('GET', `${suggestions}/:suggestion`, async ({ response, params }) => {
			sendJson(response, 200, await reviews.getSuggestion(params.id!, params.suggestion!));
		})
		.add('DELETE', `${suggestions}/:suggestion`, async ({ response, params }) => {
			await reviews.deleteSuggestion(params.id!, params.suggestion!);
			sendNoContent(response);
		})
		.add('POST', `${suggestions}/:suggestion/accept`, async (context) => {
			const { author } = await readDecision(context);
			const { id, suggestion } = context.params;
			sendJson(context.response, 200, await reviews.accept(id!, suggestion!, author));
		})
		.add('POST', `${suggestions}/:suggestion/reject`, async (context) => {
			const { author } = await readDecision(context);
			const { id, suggestion } = context.params;
			sendJson(context.response, 200, await reviews.reject(id!, suggestion!, author));
		});
}

/** Who decides: the link's name unless an editor's script names someone. */
async function readDecision({ request, access }: RouteContext) {
	const { author } = parseInput(decisionRequest, await readOptionalJsonObject(request));
	return { author: writerOf(access, author) };
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
