/**
 * Nothing may load or run: the policy forbids every fetch and script even if some text slipped
 * through unescaped, and only the inline style sheet applies.
 */
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `body{font:1.1rem/1.6 Georgia,serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
header.title,h1.title{font-size:1.8rem;font-weight:bold;margin:1rem 0}p:empty{min-height:1.6em}article p{white-space:pre-wrap}blockquote{margin-left:0;padding-left:1rem;border-left:3px solid #ccc}
pre{white-space:pre-wrap;background:#f5f5f5;padding:.5rem}hr{border:0;text-align:center}hr::after{content:'* * *'}
mark{background:#fff3b0}ins{background:#d9f5dd;text-decoration:none}del{background:#fbe0e0}
.notes{margin-top:3rem;border-top:1px solid #ccc;font-size:.95rem}.notes li{margin-bottom:1rem}
.quote{font-style:italic;color:#555}.meta{color:#666;font-size:.85rem}`;

/** Marks a story's own HTML export: its `<article>` holds the story, whitespace and all. */
export const GENERATOR = 'Galley story export';

/**
 * A standalone HTML document around `body` (lines of already-escaped HTML): inline style only,
 * nothing to fetch, and a policy that would block scripts and requests even if any slipped in.
 */
export function htmlDocument(
	title: string,
	body: readonly string[],
	extraStyle = '',
	storyExport = false
): string {
	return [
		'<!DOCTYPE html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		`<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<meta name="referrer" content="no-referrer">',
		...(storyExport ? [`<meta name="generator" content="${GENERATOR}">`] : []),
		`<title>${escapeHtml(title)}</title>`,
		`<style>${STYLE}${extraStyle}</style>`,
		'</head>',
		'<body>',
		...body.filter((line) => line !== ''),
		'</body>',
		'</html>',
		''
	].join('\n');
}

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
