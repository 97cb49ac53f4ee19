import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '#shared/proofing/createChecker';
import { loadDictionary } from '../../../../server/proofing/loadDictionaries';
import { fixturesDir } from '../storyCorpus';
import { checker } from './checker';

const clean = ['clean.txt', 'clean-tricky.txt'].map((name) => ({
	name,
	text: readFileSync(path.join(fixturesDir, 'proofing', name), 'utf8')
}));

describe('well-edited prose', () => {
	const british = createChecker({
		dictionaries: { 'en-GB': loadDictionary('en-GB') },
		locale: 'en-GB'
	});

	it.each(clean)('raises no flag on $name', ({ text }) => {
		expect(checker.check(text)).toEqual([]);
		expect(british.check(text)).toEqual([]);
	});
});
