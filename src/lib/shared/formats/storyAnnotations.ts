import type { Message, Thread } from '#shared/review/types';

/** Characters of context either side of a quote in a TextQuoteSelector. */
const CONTEXT = 32;

export interface AnnotationOptions {
	/** The annotated resource: the story's txt export (an IRI). */
	source: string;
	/** The collection's IRI. */
	id: string;
	title: string;
}

/**
 * The story's threads as a W3C Web Annotation collection (JSON-LD). Each thread is an annotation
 * whose body is its first message, targeting the quote in the txt export with a
 * TextQuoteSelector (exact, prefix, suffix) and, while attached, a TextPositionSelector; each
 * reply is an annotation with motivation "replying" that targets the thread's annotation.
 * Positions count Unicode code points, as the Web Annotation model defines them.
 */
export function storyAnnotations(
	text: string,
	threads: readonly Thread[],
	options: AnnotationOptions
): Record<string, unknown> {
	const items = threads.flatMap((thread) => threadAnnotations(text, thread, options));
	return {
		'@context': 'http://www.w3.org/ns/anno.jsonld',
		id: options.id,
		type: 'AnnotationCollection',
		label: options.title,
		total: items.length,
		first: { type: 'AnnotationPage', startIndex: 0, items }
	};
}

function threadAnnotations(
	text: string,
	thread: Thread,
	options: AnnotationOptions
): Record<string, unknown>[] {
	const [first, ...replies] = thread.messages;
	const id = `urn:galley:thread:${thread.id}`;
	const { start, end, quote, detached } = thread.anchor;
	const selectors: Record<string, unknown>[] = [
		{
			type: 'TextQuoteSelector',
			exact: quote,
			prefix: detached ? '' : text.slice(Math.max(0, start - CONTEXT), start),
			suffix: detached ? '' : text.slice(end, end + CONTEXT)
		}
	];
	if (!detached) {
		selectors.push({
			type: 'TextPositionSelector',
			start: codePoints(text.slice(0, start)),
			end: codePoints(text.slice(0, end))
		});
	}
	const annotation: Record<string, unknown> = {
		id,
		type: 'Annotation',
		motivation: 'commenting',
		...(first && messageFields(first)),
		target: { source: options.source, selector: selectors }
	};
	return [
		annotation,
		...replies.map((message) => ({
			id: `urn:galley:message:${message.id}`,
			type: 'Annotation',
			motivation: 'replying',
			...messageFields(message),
			target: id
		}))
	];
}

function messageFields(message: Message): Record<string, unknown> {
	return {
		created: message.createdAt,
		...(message.editedAt && { modified: message.editedAt }),
		creator: {
			id: `urn:galley:author:${message.author.id}`,
			type: 'Person',
			name: message.author.name
		},
		body: { type: 'TextualBody', value: message.body, format: 'text/plain' }
	};
}

function codePoints(text: string): number {
	return Array.from(text).length;
}
