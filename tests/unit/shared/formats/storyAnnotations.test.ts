import { describe, expect, it } from 'vitest';
import { storyAnnotations } from '#shared/formats/storyAnnotations';
import type { Thread } from '#shared/review/types';

const message = (id: string, body: string) => ({
	id,
	author: { id: 'ana', name: 'Ana' },
	body,
	createdAt: '2026-01-02T03:04:05.000Z'
});

describe('storyAnnotations', () => {
	it('counts positions in code points and quotes with context', () => {
		const text = '😀 héllo wörld 😀 end';
		const start = text.indexOf('wörld');
		const thread: Thread = {
			id: 't1',
			status: 'open',
			anchor: { start, end: start + 5, quote: 'wörld', detached: false },
			messages: [message('m1', 'Hm?'), message('m2', 'Yes.')]
		};
		const collection = storyAnnotations(text, [thread], {
			source: 'urn:s',
			id: 'urn:c',
			title: 'T'
		});
		const [annotation, reply] = (collection.first as { items: Record<string, unknown>[] }).items;
		expect(annotation!.target).toEqual({
			source: 'urn:s',
			selector: [
				{ type: 'TextQuoteSelector', exact: 'wörld', prefix: '😀 héllo ', suffix: ' 😀 end' },
				// The emoji is two UTF-16 units but one character.
				{ type: 'TextPositionSelector', start: 8, end: 13 }
			]
		});
		expect(reply).toMatchObject({ motivation: 'replying', target: 'urn:galley:thread:t1' });
		expect(collection.total).toBe(2);
	});

	it('gives a detached thread its quote alone', () => {
		const thread: Thread = {
			id: 't2',
			status: 'open',
			anchor: { start: 0, end: 0, quote: 'gone', detached: true },
			messages: [message('m1', 'Where?')]
		};
		const collection = storyAnnotations('text', [thread], {
			source: 'urn:s',
			id: 'urn:c',
			title: 'T'
		});
		const [annotation] = (collection.first as { items: { target: { selector: unknown[] } }[] })
			.items;
		expect(annotation!.target.selector).toEqual([
			{ type: 'TextQuoteSelector', exact: 'gone', prefix: '', suffix: '' }
		]);
	});
});
