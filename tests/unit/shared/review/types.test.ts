import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeStoryText } from '#shared/model/storyDoc';
import { createAnchor } from '#shared/review/anchors';
import {
	MAX_BODY,
	MAX_NAME,
	parseSuggestion,
	parseThread,
	type StoredSuggestion,
	type StoredThread
} from '#shared/review/types';

function anchor() {
	const ydoc = new Y.Doc();
	writeStoryText(ydoc, 'Once upon a time.\n');
	return createAnchor(ydoc, 5, 9);
}

const author = { id: 'browser-1', name: 'Ana' };
const message = { id: 'm1', author, body: 'Typo?', createdAt: '2026-11-22T04:00:00.000Z' };

function thread(): StoredThread {
	return {
		id: 't1',
		status: 'open',
		anchor: anchor(),
		messages: [message],
		createdAt: '2026-11-22T04:00:00.000Z'
	};
}

function suggestion(): StoredSuggestion {
	return {
		id: 's1',
		status: 'open',
		anchor: anchor(),
		replacement: 'apon',
		author,
		createdAt: '2026-11-22T04:00:00.000Z'
	};
}

describe('parseThread', () => {
	it('accepts a well-formed thread', () => {
		const value = thread();
		expect(parseThread(JSON.parse(JSON.stringify(value)))).toEqual(value);
	});

	it.each([
		['null', null],
		['a string', 'thread'],
		['an array', []],
		['no anchor', { ...thread(), anchor: undefined }],
		['a bad status', { ...thread(), status: 'closed' }],
		['a bad id', { ...thread(), id: 'a b' }],
		['a bad date', { ...thread(), createdAt: 'yesterday' }],
		['a quote-less anchor', { ...thread(), anchor: { ...anchor(), quote: '' } }],
		['a non-base64 position', { ...thread(), anchor: { ...anchor(), start: '<script>' } }],
		['long context', { ...thread(), anchor: { ...anchor(), prefix: 'x'.repeat(33) } }],
		['messages that are not a list', { ...thread(), messages: { 0: message } }]
	])('rejects %s', (_name, value) => {
		expect(parseThread(value)).toBeNull();
	});

	it('drops malformed messages and keeps the rest', () => {
		const value = {
			...thread(),
			messages: [
				message,
				{ ...message, id: 'm2', body: '' },
				{ ...message, id: 'm3', body: 'x'.repeat(MAX_BODY + 1) },
				{ ...message, id: 'm4', author: { id: 'b', name: 'x'.repeat(MAX_NAME + 1) } },
				{ ...message, id: 'm5', author: { id: 'b', name: '   ' } },
				{ ...message, id: 'm6', body: 42 },
				'junk',
				{ ...message, id: 'm7', body: 'x'.repeat(MAX_BODY) }
			]
		};
		expect(parseThread(value)?.messages.map((m) => m.id)).toEqual(['m1', 'm7']);
	});

	it('strips unknown fields', () => {
		expect(parseThread({ ...thread(), extra: 'x' })).not.toHaveProperty('extra');
	});
});

describe('parseSuggestion', () => {
	it('accepts a well-formed suggestion, including an empty replacement (a deletion)', () => {
		const value = suggestion();
		expect(parseSuggestion(value)).toEqual(value);
		expect(parseSuggestion({ ...value, replacement: '' })?.replacement).toBe('');
	});

	it.each([
		['undefined', undefined],
		['the computed status stale', { ...suggestion(), status: 'stale' }],
		['a long replacement', { ...suggestion(), replacement: 'x'.repeat(MAX_BODY + 1) }],
		['no author', { ...suggestion(), author: undefined }],
		['a nameless author', { ...suggestion(), author: { id: 'b', name: '' } }],
		['a numeric replacement', { ...suggestion(), replacement: 3 }]
	])('rejects %s', (_name, value) => {
		expect(parseSuggestion(value)).toBeNull();
	});
});
