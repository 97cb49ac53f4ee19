import { localeSchema } from '#shared/proofing/storySettings';
import { CONFIDENCE_LEVELS, meetsConfidence, type Confidence } from '#shared/proofing/types';
import type { DictionaryFileName, ProofreadService } from '../proofing/ProofreadService';
import { badRequest, HttpError } from './HttpError';
import { sendJson } from './respond';
import type { Router } from './Router';

const FILES: readonly DictionaryFileName[] = ['index.aff', 'index.dic'];

/** A week: the files only change with a dependency upgrade, and the ETag covers that case. */
const DICTIONARY_MAX_AGE = 7 * 24 * 60 * 60;

/**
 * The checker over HTTP: a story's flags now, and the Hunspell files the browser's checker
 * worker loads (served from the dictionary packages, so the server and browsers always use the
 * same words).
 */
export function addProofreadRoutes(router: Router, proofreading: ProofreadService): void {
	router
		.add('GET', '/api/stories/:id/proofread', { allow: 'story.read' }, async (context) => {
			const { response, params, url } = context;
			const least = confidenceParameter(url.searchParams.get('confidence'));
			const flags = await proofreading.proofread(params.id);
			sendJson(response, 200, { flags: flags.filter((found) => meetsConfidence(found, least)) });
		})
		.add('GET', '/api/proofing/dictionaries/:locale/:file', { allow: 'public' }, (context) => {
			const { request, response, params } = context;
			const locale = localeSchema.safeParse(params.locale);
			const name = FILES.find((file) => file === params.file);
			if (!locale.success || !name) {
				throw new HttpError(404, 'not_found', 'No such dictionary file.');
			}
			const file = proofreading.dictionaryFile(locale.data, name);
			const headers = {
				'X-Content-Type-Options': 'nosniff',
				'Cache-Control': `public, max-age=${DICTIONARY_MAX_AGE}, stale-while-revalidate=${DICTIONARY_MAX_AGE}`,
				ETag: file.etag,
				Vary: 'Accept-Encoding'
			};
			if (request.headers['if-none-match'] === file.etag) {
				response.writeHead(304, headers);
				response.end();
				return;
			}
			const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
			const body = gzip ? file.gzipped : file.body;
			response.writeHead(200, {
				...headers,
				'Content-Type': 'text/plain; charset=utf-8',
				'Content-Length': body.byteLength,
				...(gzip && { 'Content-Encoding': 'gzip' })
			});
			response.end(body);
		});
}

/** `?confidence=likely` keeps the surest flags; `possible` (the default) keeps every flag. */
function confidenceParameter(value: string | null): Confidence {
	if (value === null) return 'possible';
	const level = CONFIDENCE_LEVELS.find((candidate) => candidate === value);
	if (!level) {
		throw badRequest(`confidence must be one of ${CONFIDENCE_LEVELS.join(', ')}.`);
	}
	return level;
}
