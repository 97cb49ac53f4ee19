import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ACTION_ROLES, may, type Action } from '#shared/protocol/policy';
import type { Access } from '../auth/Access';
import { HttpError } from './HttpError';
import { parseInput } from './parseInput';
import { readJsonObject, readOptionalJsonObject } from './readBody';

/** `/api/stories/:id/links/:link` → `{ id: string; link: string }`. */
export type ParamsOf<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
	? { [Key in Name]: string } & ParamsOf<`/${Rest}`>
	: Path extends `${string}:${infer Name}`
		? { [Key in Name]: string }
		: Record<never, string>;

export interface RouteContext<Params = Record<string, string>, Body = undefined> {
	request: IncomingMessage;
	response: ServerResponse;
	url: URL;
	params: Params;
	/** What the request's token grants (null on public routes). */
	access: Access | null;
	/** The JSON body, checked by the route's schema (undefined when it declares none). */
	body: Body;
}

/**
 * Who may call a route, and what it reads:
 * - `allow`: an action of the policy (the route then needs that action's role, else 403), or
 *   `public` for the few routes that decide for themselves (import, the library, dictionaries);
 * - `body`: the JSON object's schema, read and checked before the handler runs (400 naming
 *   every field at fault); `optionalBody` when an empty body is fine.
 */
export interface RouteSpec<Schema extends z.ZodType | undefined> {
	allow: Action | 'public';
	body?: Schema;
	optionalBody?: boolean;
}

type Output<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

type Handler<Params, Body> = (context: RouteContext<Params, Body>) => Promise<void> | void;

interface Route {
	method: string;
	path: string;
	pattern: RegExp;
	spec: RouteSpec<z.ZodType | undefined>;
	handler: Handler<Record<string, string>, unknown>;
}

/** A declared route, as the route table test reads it. */
export interface RouteInfo {
	method: string;
	path: string;
	allow: Action | 'public';
}

/**
 * A small method + path router: `/api/stories/:id` style paths with typed params, each route
 * declaring its policy action and its body schema where it is registered; 404, 405, 403 and 400
 * answered for you.
 */
export class Router {
	readonly #routes: Route[] = [];

	add<Path extends string, Schema extends z.ZodType | undefined = undefined>(
		method: string,
		path: Path,
		spec: RouteSpec<Schema>,
		handler: Handler<ParamsOf<Path>, Output<Schema>>
	): this {
		const source = path
			.split('/')
			.map((part) => (part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : escape(part)))
			.join('/');
		this.#routes.push({
			method,
			path,
			pattern: new RegExp(`^${source}$`),
			spec,
			handler: handler as unknown as Handler<Record<string, string>, unknown>
		});
		return this;
	}

	/** Every route with what it allows, in the order registered. */
	routes(): RouteInfo[] {
		return this.#routes.map(({ method, path, spec }) => ({ method, path, allow: spec.allow }));
	}

	/** Runs the matching handler; throws HttpError 404/405/403/400 when it may not run. */
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
			const { allow } = route.spec;
			if (allow !== 'public') {
				const needed = ACTION_ROLES[allow];
				if (!access) {
					throw new HttpError(401, 'unauthorized', 'This needs a valid link to the story.');
				}
				if (!may(access.role, allow)) {
					throw new HttpError(403, 'forbidden', `This needs the ${needed} role or above.`);
				}
			}
			const params = Object.fromEntries(
				Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodePart(value)])
			);
			const body = await readRouteBody(request, route.spec);
			await route.handler({ request, response, url, params, access, body });
			return;
		}
		if (allowed.length > 0) {
			response.setHeader('Allow', allowed.join(', '));
			throw new HttpError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`);
		}
		throw new HttpError(404, 'not_found', `No API route ${request.method} ${url.pathname}.`);
	}
}

async function readRouteBody(
	request: IncomingMessage,
	spec: RouteSpec<z.ZodType | undefined>
): Promise<unknown> {
	if (!spec.body) return undefined;
	const json = spec.optionalBody
		? await readOptionalJsonObject(request)
		: await readJsonObject(request);
	return parseInput(spec.body, json);
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
