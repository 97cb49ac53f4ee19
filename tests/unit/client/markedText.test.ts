import { describe, expect, it } from 'vitest';
import type { AuthorshipResponse, DiffResponse } from '#shared/api/types';
import {
	authorshipRuns,
	diffRuns,
	toParagraphs,
	wordLevel,
	type MarkedRun
} from '../../../src/lib/history/markedText';

const sam = { id: 'sam', name: 'Sam' };
const ada = { id: 'ada', name: 'Ada' };

function diff(fromText: string, toText: string, changes: DiffResponse['changes']): DiffResponse {
	return {
		from: 'a',
		to: 'current',
		fromText,
		toText,
		changes,
		people: [
			{ ...sam, changes: 1, inserted: 0, deleted: 0 },
			{ ...ada, changes: 1, inserted: 0, deleted: 0 }
		]
	};
}

/** Paragraphs as strings, changes bracketed: [+Sam:text] and [-Ada:text]. */
function show(paragraphs: MarkedRun[][], names = ['Sam', 'Ada']): string[] {
	return paragraphs.map((runs) =>
		runs
			.map((run) =>
				run.mark === 'same'
					? run.text
					: `[${run.mark === 'insert' ? '+' : run.mark === 'delete' ? '-' : '@'}${names[run.person!]}:${run.text}]`
			)
			.join('')
	);
}

describe('the compare view', () => {
	it('places insertions in the new text and deletions where they were, old before new', () => {
		const from = 'The old harbour.\n\nGulls.\n';
		const to = 'The quiet harbour.\n\nGulls.\n';
		const runs = diffRuns(
			diff(from, to, [
				{ type: 'insert', start: 4, end: 9, text: 'quiet', author: sam, at: 4 },
				{ type: 'delete', start: 4, end: 7, text: 'old', author: ada, at: 4 }
			])
		);
		expect(show(toParagraphs(runs))).toEqual(['The [-Ada:old][+Sam:quiet] harbour.', 'Gulls.']);
	});

	it('shows a deleted paragraph as its own paragraph, and an insertion at the very end', () => {
		const from = 'One.\n\nTwo.\n\nThree.\n';
		const to = 'One.\n\nThree.\n\nFour.\n';
		const runs = diffRuns(
			diff(from, to, [
				{ type: 'delete', start: 6, end: 12, text: 'Two.\n\n', author: ada, at: 6 },
				{ type: 'insert', start: 13, end: 20, text: '\nFour.\n', author: sam, at: 13 }
			])
		);
		expect(show(toParagraphs(runs))).toEqual(['One.', '[-Ada:Two.]', 'Three.', '[+Sam:Four.]']);
	});

	it('shows a change inside a word as the whole word replaced', () => {
		const from = 'The cat sat on teh mat.\n';
		const to = 'The cat sat on the mat.\n';
		const runs = diffRuns(
			diff(from, to, [
				{ type: 'delete', start: 16, end: 18, text: 'eh', author: ada, at: 16 },
				{ type: 'insert', start: 16, end: 18, text: 'he', author: ada, at: 16 }
			])
		);
		expect(show(toParagraphs(runs))).toEqual(['The cat sat on [-Ada:teh][+Ada:the] mat.']);
	});

	it('joins two changes in one word, and leaves whole-word changes alone', () => {
		const runs = wordLevel([
			{ text: 'a re', mark: 'same', person: null },
			{ text: 'c', mark: 'delete', person: 0 },
			{ text: 'cie', mark: 'same', person: null },
			{ text: 'p', mark: 'insert', person: 0 },
			{ text: 't. ', mark: 'same', person: null },
			{ text: 'New words', mark: 'insert', person: 1 },
			{ text: ' here.', mark: 'same', person: null }
		]);
		expect(show([runs])).toEqual(['a [-Sam:recciet][+Sam:reciept]. [+Ada:New words] here.']);
	});

	it('counts a paragraph break split between two runs', () => {
		const runs: MarkedRun[] = [
			{ text: 'A\n', mark: 'same', person: null },
			{ text: '\nB', mark: 'insert', person: 0 }
		];
		expect(show(toParagraphs(runs))).toEqual(['A', '[+Sam:B]']);
	});

	it('keeps a line break inside a paragraph', () => {
		const runs: MarkedRun[] = [
			{ text: 'Roses are red,\nviolets blue.\n', mark: 'same', person: null }
		];
		expect(toParagraphs(runs)).toEqual([
			[{ text: 'Roses are red,\nviolets blue.', mark: 'same', person: null }]
		]);
	});
});

describe('the authorship view', () => {
	it('marks each run with its writer and leaves the original plain', () => {
		const authorship: AuthorshipResponse = {
			text: 'It rained.\n\nSam wrote this.\n',
			authors: [
				{ id: null, name: 'the original', chars: 12 },
				{ ...sam, chars: 16 }
			],
			ranges: [
				{ start: 0, end: 12, author: 0 },
				{ start: 12, end: 28, author: 1 }
			]
		};
		expect(show(toParagraphs(authorshipRuns(authorship)), ['the original', 'Sam'])).toEqual([
			'It rained.',
			'[@Sam:Sam wrote this.]'
		]);
	});
});
