// npm run bench:wordDiff — the changes report's word diff: jsdiff's diffArrays over words and
// whitespace runs (src/lib/shared/formats/wordDiff.ts, now) against the hand-written Myers it
// replaced (handWrittenMyers.ts), both after trimming the common start and end, on a ~2 MB story
// and a copy with 300 scattered word edits (replaced, inserted, removed); also the worst case the
// bound exists for, two texts that differ everywhere. Prints medians of `--runs N` (default 11,
// alternating which goes first), checks both rebuild each text and whether their steps are
// identical, and times the whole changes report.
import { changesReport } from '#shared/formats/changesReport';
import { wordDiff, wordTokens, type DiffOp } from '#shared/formats/wordDiff';
import { seededRandom } from '../seededRandom.ts';
import { handWrittenWordDiff } from './handWrittenMyers.ts';

const runs = process.argv.includes('--runs')
	? Number(process.argv[process.argv.indexOf('--runs') + 1])
	: 11;
/** With `node --expose-gc` (as `npm run bench:wordDiff` runs it). */
const gc = (globalThis as { gc?: () => void }).gc;

const WORDS = (
	'the a of and to in was he that it his her with as had for she on at by but not from they ' +
	'harbour boat quiet dusk sails knocked softly morning letter window garden river station ' +
	'remember walked answered slowly suddenly never always almost perhaps little long old young'
).split(' ');

function story(random: () => number, bytes: number): string {
	const paragraphs: string[] = [];
	let size = 0;
	while (size < bytes) {
		const sentences: string[] = [];
		for (let s = 0; s < 4 + Math.floor(random() * 6); s++) {
			const words = Array.from(
				{ length: 6 + Math.floor(random() * 14) },
				() => WORDS[Math.floor(random() * WORDS.length)]!
			);
			words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
			sentences.push(`${words.join(' ')}.`);
		}
		const paragraph = sentences.join(' ');
		paragraphs.push(paragraph);
		size += paragraph.length + 2;
	}
	return paragraphs.join('\n\n');
}

/** `count` word edits at random places: a third replaced, a third inserted, a third removed. */
function edit(random: () => number, text: string, count: number): string {
	const tokens = wordTokens(text);
	const words = tokens.flatMap((token, index) => (/\S/.test(token) ? [index] : []));
	const chosen = new Set<number>();
	while (chosen.size < count) chosen.add(words[Math.floor(random() * words.length)]!);
	for (const index of chosen) {
		const pick = random();
		if (pick < 1 / 3) tokens[index] = 'proofread';
		else if (pick < 2 / 3) tokens[index] = `${tokens[index]} newly`;
		else tokens[index] = '';
	}
	return tokens.join('');
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

const side = (ops: DiffOp[], skip: DiffOp['type']) =>
	ops
		.filter((op) => op.type !== skip)
		.map((op) => op.text)
		.join('');

const random = seededRandom(12);
const baseline = story(random, 2 * 1024 * 1024);
const edited = edit(random, baseline, 300);
const everywhereA = Array.from({ length: 30_000 }, (_, i) => `a${i % 97}`).join(' ');
const everywhereB = Array.from({ length: 30_000 }, (_, i) => `a${i % 89}`).join(' ');

const cases = [
	{ name: '2 MB story, 300 word edits', before: baseline, after: edited },
	{ name: '30,000 words differing everywhere', before: everywhereA, after: everywhereB }
];
const diffs = { handWritten: handWrittenWordDiff, jsdiff: wordDiff };

console.log(`Medians of ${runs} runs, Node ${process.version}\n`);
console.log('| case | hand-written Myers (before) | jsdiff 9 diffArrays (now) | same steps |');
console.log('| --- | --- | --- | --- |');
for (const { name, before, after } of cases) {
	const times: Record<string, number[]> = { handWritten: [], jsdiff: [] };
	const answers: Record<string, DiffOp[]> = {};
	for (let run = 0; run < runs; run++) {
		// Alternate which goes first, and collect garbage before each, so neither pays for the other.
		const order = run % 2 ? Object.entries(diffs).reverse() : Object.entries(diffs);
		for (const [label, diff] of order) {
			gc?.();
			const started = performance.now();
			answers[label] = diff(before, after);
			times[label]!.push(performance.now() - started);
		}
	}
	for (const [label, ops] of Object.entries(answers)) {
		if (side(ops, 'insert') !== before || side(ops, 'delete') !== after) {
			throw new Error(`${label} does not rebuild both texts on ${name}`);
		}
	}
	const same = JSON.stringify(answers.handWritten) === JSON.stringify(answers.jsdiff);
	console.log(
		`| ${name} | ${median(times.handWritten!).toFixed(1)} ms | ${median(times.jsdiff!).toFixed(1)} ms | ${same ? 'yes' : `no (${answers.handWritten!.length} vs ${answers.jsdiff!.length} steps)`} |`
	);
}

// The whole report (diff, hunks, HTML), for scale.
const reportTimes: number[] = [];
let html = '';
for (let run = 0; run < runs; run++) {
	const started = performance.now();
	html = changesReport({
		title: 'Bench',
		baseline,
		current: edited,
		suggestions: [],
		generatedAt: new Date(0).toISOString()
	});
	reportTimes.push(performance.now() - started);
}
console.log(
	`\nchangesReport of the 2 MB story (${(baseline.length / 2 ** 20).toFixed(1)} MB, 300 edits): ${median(reportTimes).toFixed(1)} ms, ${(html.length / 1024).toFixed(0)} KB of HTML`
);
