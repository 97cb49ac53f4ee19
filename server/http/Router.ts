import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access } from '../auth/Access';
import { HttpError } from './HttpError';

export interface RouteContext {
	request: IncomingMessage;
	response: ServerResponse;
	url: URL;
	params: Record<string, string>;
	/** What the request's token grants (null on routes that need none). */
	access: Access | null;
}

type Handler = (context: RouteContext) => Promise<void> | void;

interface Route {
	method: string;
	pattern: RegExp;
	handler: Handler;
}

/** A small method + path router: `/api/stories/:id` style paths, 404 and 405 answered for you. */
export class Router {
	readonly #routes: Route[] = [];

	add(method: string, path: string, handler: Handler): this {
		const source = path
			.split('/')
			.map((part) => (part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : escape(part)))
			.join('/');
		this.#routes.push({ method, pattern: new RegExp(`^${source}$`), handler });
		return this;
	}

	/** Runs the matching handler; throws HttpError 404/405 when nothing matches. */
	async dispatch(
		request: IncomingMessage,
		response: ServerResponse,
		url: URL,
		access: Access | null = null
	): Promise<void> {
		const allowed: string[] = [];
		for (const route of this.#routes) {
			const match = route.pattern.exec(url.pathname);
			if (!match) continue;
			if (route.method !== request.method) {
				allowed.push(route.method);
				continue;
			}
			const params = Object.fromEntries(
				Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodePart(value)])
			);
			await route.handler({ request, response, url, params, access });
			return;
		}
		if (allowed.length > 0) {
			response.setHeader('Allow', allowed.join(', '));
			throw new HttpError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`);
		}
		throw new HttpError(404, 'not_found', `No API route ${request.method} ${url.pathname}.`);
	}
}

/** A path segment with its %-escapes decoded; a malformed escape is the client's error (400). */
function decodePart(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		throw new HttpError(400, 'bad_path', `The path segment "${part}" is not validly %-encoded.`);
	}
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
