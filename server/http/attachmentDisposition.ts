/**
 * `Content-Disposition: attachment` for a story title: unicode kept (RFC 5987 `filename*`), with an
 * ASCII fallback; path separators, quotes and control characters never reach the header.
 */
export function attachmentDisposition(title: string, extension: string): string {
	const base = safeFileBase(title);
	const unicodeName = `${base}.${extension}`;
	const asciiName = `${base.normalize('NFKD').replace(/[^\x20-\x7e]/g, '') || 'story'}.${extension}`;
	return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeRFC5987(unicodeName)}`;
}

/** A title made safe to be a file name on every system. */
export function safeFileBase(title: string): string {
	const cleaned = title
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '')
		.slice(0, 120)
		.trim();
	return cleaned || 'story';
}

function encodeRFC5987(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`
	);
}
