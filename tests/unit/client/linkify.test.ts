import { describe, expect, it } from 'vitest';
import { linkify } from '../../../src/lib/review/linkify';

describe('linkify', () => {
	it('keeps markup as plain text', () => {
		expect(linkify('<img src=x onerror=alert(1)>')).toEqual([
			{ kind: 'text', text: '<img src=x onerror=alert(1)>' }
		]);
	});

	it('links http and https addresses and leaves sentence punctuation outside', () => {
		expect(linkify('See https://example.com/a?b=1. Or http://x.org!')).toEqual([
			{ kind: 'text', text: 'See ' },
			{ kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
			{ kind: 'text', text: '. Or ' },
			{ kind: 'link', text: 'http://x.org', href: 'http://x.org' },
			{ kind: 'text', text: '!' }
		]);
	});

	it('never links other schemes', () => {
		const parts = linkify('javascript:alert(1) data:text/html,<b>x</b> ftp://host');
		expect(parts.every((part) => part.kind === 'text')).toBe(true);
	});

	it('does not let an address swallow a following quote or tag', () => {
		expect(linkify('"https://a.example/"<script>')).toEqual([
			{ kind: 'text', text: '"' },
			{ kind: 'link', text: 'https://a.example/', href: 'https://a.example/' },
			{ kind: 'text', text: '"<script>' }
		]);
	});
});
