/** A run of a message body: plain text, or a web address to show as a link. */
export type BodyPart =
	{ kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address it follows. */
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * Splits a plain-text body into text and http(s) links. Only those two schemes become links
 * (never `javascript:` or `data:`), and the body is otherwise rendered as text, never as HTML.
 */
export function linkify(body: string): BodyPart[] {
	const parts: BodyPart[] = [];
	let last = 0;
	for (const match of body.matchAll(URL_PATTERN)) {
		const url = match[0].replace(TRAILING, '');
		const start = match.index;
		if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
		parts.push({ kind: 'link', text: url, href: url });
		last = start + url.length;
	}
	if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
	return parts;
}
