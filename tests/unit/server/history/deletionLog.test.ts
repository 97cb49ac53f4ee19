import { describe, expect, it } from 'vitest';
import {
	decodeDeleteSet,
	DeletionIndex,
	deletionRecords,
	encodeDeleteSet
} from '../../../../server/history/deletionLog';

const ranges = (entries: Array<[number, Array<[number, number]>]>) =>
	new Map(entries.map(([client, list]) => [client, list.map(([clock, len]) => ({ clock, len }))]));

describe('the deletion log', () => {
	it('encodes delete sets and merges a batch per writer', () => {
		const set = ranges([
			[
				7,
				[
					[0, 3],
					[10, 1]
				]
			],
			[9, [[2, 2]]]
		]);
		expect(decodeDeleteSet(encodeDeleteSet(set))).toEqual(set);
		const records = deletionRecords([
			{ writer: 'ana', deletes: { clients: ranges([[7, [[0, 1]]]]) } },
			{ writer: 'ben', deletes: { clients: ranges([[7, [[5, 1]]]]) } },
			{ writer: 'ana', deletes: { clients: ranges([[7, [[1, 1]]]]) } },
			{ writer: null, deletes: { clients: ranges([[7, [[9, 1]]]]) } },
			{ writer: 'cy', deletes: { clients: new Map() } }
		]);
		expect(records.map((record) => [record.writer, decodeDeleteSet(record.deleteSet)])).toEqual([
			[
				'ana',
				ranges([
					[
						7,
						[
							[0, 1],
							[1, 1]
						]
					]
				])
			],
			['ben', ranges([[7, [[5, 1]]]])]
		]);
	});

	it('names who deleted an item, also under a long range followed by many short ones', () => {
		const index = new DeletionIndex([
			{ writer: 'ana', deleteSet: encodeDeleteSet(ranges([[1, [[0, 1000]]]])) },
			...Array.from({ length: 200 }, (_, at) => ({
				writer: 'ben',
				deleteSet: encodeDeleteSet(ranges([[1, [[2000 + at * 2, 1]]]]))
			}))
		]);
		expect(index.deleter(1, 999)).toBe('ana');
		expect(index.deleter(1, 2010)).toBe('ben');
		expect(index.deleter(1, 2011)).toBeNull();
		expect(index.deleter(1, 1500)).toBeNull();
		expect(index.deleter(2, 0)).toBeNull();
	});
});
