import type { z } from 'zod';
import { badRequest } from './HttpError';

/**
 * Validates a request body (or a query parameter, named by `field`) with a schema whose messages
 * follow the field's name; a 400 lists every field at fault, e.g. `"start" is required.`
 */
export function parseInput<T extends z.ZodType>(
	schema: T,
	value: unknown,
	field?: string
): z.output<T> {
	const parsed = schema.safeParse(value, { reportInput: true });
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((issue) => {
		const path = [field, ...issue.path.map(String)].filter(Boolean).join('.');
		const missing = issue.code === 'invalid_type' && issue.input === undefined;
		const message = missing ? 'is required' : issue.message;
		return path ? `"${path}" ${message}.` : `The request body ${message}.`;
	});
	throw badRequest(problems.join(' '), 'invalid');
}
