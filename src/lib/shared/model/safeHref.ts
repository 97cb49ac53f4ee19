/**
 * Whether a link target is one a reader may follow: http(s), mailto or tel, or a relative address
 * with no scheme at all. Anything else — `javascript:`, `data:`, `vbscript:`, in any case and with
 * spaces, tabs or control characters hidden anywhere in it, which browsers ignore — is not.
 * Used by every importer, the server's check of incoming edits and every exporter.
 */
export function isSafeHref(href: string): boolean {
	// Browsers drop ASCII whitespace and control characters before reading a scheme.
	// eslint-disable-next-line no-control-regex
	const compact = href.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u2028\u2029\ufeff]/g, '');
	const scheme = /^([^:/?#]*):/.exec(compact);
	if (!scheme) return true;
	return SAFE_SCHEMES.has(scheme[1]!.toLowerCase());
}

/** Whether a link target is safe and absolute (a standalone exported file has no base address). */
export function isSafeAbsoluteHref(href: string): boolean {
	return /^(?:https?:\/\/|mailto:)/i.test(href.trim()) && isSafeHref(href);
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
