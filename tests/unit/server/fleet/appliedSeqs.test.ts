import { describe, expect, it } from 'vitest';
import { AppliedSeqs } from '../../../../server/fleet/AppliedSeqs';

describe('AppliedSeqs', () => {
	it('moves the watermark over runs that follow on', () => {
		const seqs = new AppliedSeqs(4);
		seqs.add(5, 7);
		seqs.add(8, 8);
		expect(seqs.through).toBe(8);
		expect(seqs.missing).toBe(false);
		expect(seqs.covers(6, 8)).toBe(true);
		expect(seqs.covers(8, 9)).toBe(false);
	});

	it('holds a run past a gap apart until the gap fills, then takes it in', () => {
		const seqs = new AppliedSeqs(10);
		seqs.add(14, 15);
		expect(seqs.through).toBe(10);
		expect(seqs.missing).toBe(true);
		expect(seqs.newest).toBe(15);
		expect(seqs.covers(14, 15)).toBe(true);
		expect(seqs.covers(11, 15)).toBe(false);
		seqs.add(11, 12);
		expect(seqs.missing).toBe(true);
		seqs.add(13, 13);
		expect(seqs.through).toBe(15);
		expect(seqs.missing).toBe(false);
	});

	it('never moves back, whatever arrives late or twice', () => {
		const seqs = new AppliedSeqs(20);
		seqs.add(3, 9);
		seqs.add(15, 21);
		expect(seqs.through).toBe(21);
		seqs.add(25, 30);
		seqs.add(25, 26);
		seqs.add(22, 24);
		expect(seqs.through).toBe(30);
		expect(seqs.missing).toBe(false);
	});
});
