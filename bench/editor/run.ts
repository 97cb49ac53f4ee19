/**
 * `npm run bench:editor`: the story desk in real (headless) Chromium on a long story full of
 * review items. Imports a 50,000-word story, seeds 200 comment threads and 200 suggestions through
 * a Yjs client, then measures
 *   - opening the story: navigation start → the editor holds the whole story, the review bar
 *     counts every item and the margin shows its cards (only those near the viewport are ever
 *     rendered), painted (new browser profile, and a reload with the story cached on the device);
 *   - keystroke to paint: one key at a time in the middle of the story, from the keydown event's
 *     timestamp to the first frame painted after the input, in editing and in suggesting mode,
 *     and the same on the same text without review items (the baseline).
 * `--many` measures the open of the same story with 10,000 threads instead (aim: ≤ 2 s).
 * Prints a Markdown table and writes everything to bench/.out/editor.json (and editor.md).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { countWords } from '#shared/model/countWords';
import { launchBrowser } from '../../tests/e2e/support/browser.ts';
import { waitForQuietMachine } from '../collab/quietMachine.ts';
import {
	BENCH_ADMIN_TOKEN,
	outDir,
	repoRoot,
	startServer,
	withBenchToken,
	type BenchServer
} from '../collab/servers.ts';
import {
	installKeyProbe,
	installOpenProbe,
	type KeyMark,
	type OpenExpectation,
	type OpenMarks,
	type TimedEvent
} from './probes.ts';
import { buildBefore } from './beforeBuild.ts';
import { summarizeProfile, type ProfileSummary } from './profile.ts';
import { seedReview, type SeedResult } from './seed.ts';
import { startCollaborator, type Collaborator } from './collaborator.ts';
import { summarizeTrace, traceCpuPerKey, type TraceRow } from './trace.ts';
import { seededRandom } from '../seededRandom.ts';
import { generateStory } from './story.ts';

const USAGE = `npm run bench:editor -- [options]
  --quick            smoke run: 2 opens, 60 keys per typing run, no baseline
  --runs=N           opens measured, each in a new browser profile then reloaded (default 5)
  --keys=N           keys typed per typing run (default 220)
  --words=N          story length (default 50000)
  --threads=N        comment threads seeded (default 200)
  --suggestions=N    suggestions seeded (default 200)
  --quiet-wait=SEC   longest wait before each phase for the machine to be idle (default 30)
  --no-baseline      skip typing into the same story without review items
  --no-remote        skip the typing run with a collaborator typing elsewhere (10 updates/s)
  --open-only        measure opening only (no typing runs)
  --rounds=N         typing runs of each kind, their keys pooled (default 1; 3 with --before)
  --before=REV       also type into the app as it was at git revision REV (built once into
                     bench/.out/before-<sha>, served by this checkout's server), alternating
                     with the current build in the same run, and print both side by side
  --many             the open of a story with 10,000 threads (--threads=10000 --suggestions=0
                     --open-only unless given): cards are rendered only near the viewport
  --trace            also record a Chromium trace of each typing run (bench/.out/editor-trace-*.json)
                     and print where the main thread spent its time per key
  --profile          also record V8 CPU profiles (open, typing) into bench/.out/ and print the
                     functions with the most self time
  (--trace and --profile slow the page down: use them to find the cost, not for the figures)
  --help`;

interface Options {
	runs: number;
	keys: number;
	words: number;
	threads: number;
	suggestions: number;
	baseline: boolean;
	/** Also type while a collaborator types elsewhere in the story. */
	remote: boolean;
	openOnly: boolean;
	/** Typing runs of each kind; their keys are pooled. */
	rounds: number;
	/** A git revision whose app is typed into as well, for a before/after table. */
	before: string | null;
	profile: boolean;
	trace: boolean;
	quietWaitSec: number;
}

const VIEWPORT = { width: 1400, height: 900 };
/** What is typed, one key at a time (repeated as needed). */
const PHRASE = 'the quick brown fox jumps over the lazy dog while rain falls on the harbour ';
/** Pauses between keys: 60–250 ms (deterministic), about 80 words a minute with hesitations. */
const GAP_MS = [60, 250] as const;

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Waits (up to `maxWaitSec`) for a second in which the whole machine is nearly idle, so other
 * work does not compete with the page; returns the busy cores of the last second.
 */
async function quiet(maxWaitSec: number): Promise<number> {
	const busy = await waitForQuietMachine(maxWaitSec);
	if (busy >= 0.15) log(`  (machine not idle: ${(busy * 100).toFixed(0)} % of a core busy)`);
	return busy;
}

function parseOptions(argv: string[]): Options {
	const { values } = parseArgs({
		args: argv,
		options: {
			quick: { type: 'boolean', default: false },
			runs: { type: 'string' },
			keys: { type: 'string' },
			words: { type: 'string' },
			threads: { type: 'string' },
			suggestions: { type: 'string' },
			'no-baseline': { type: 'boolean', default: false },
			'no-remote': { type: 'boolean', default: false },
			'open-only': { type: 'boolean', default: false },
			rounds: { type: 'string' },
			before: { type: 'string' },
			many: { type: 'boolean', default: false },
			profile: { type: 'boolean', default: false },
			trace: { type: 'boolean', default: false },
			'quiet-wait': { type: 'string' },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		process.exit(0);
	}
	const int = (value: string | undefined, fallback: number) => {
		if (value === undefined) return fallback;
		const parsed = Number(value);
		if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`not a count: ${value}`);
		return parsed;
	};
	return {
		runs: Math.max(1, int(values.runs, values.quick ? 2 : 5)),
		keys: Math.max(1, int(values.keys, values.quick ? 60 : 220)),
		words: Math.max(100, int(values.words, 50_000)),
		threads: int(values.threads, values.many ? 10_000 : 200),
		suggestions: int(values.suggestions, values.many ? 0 : 200),
		baseline: !values['no-baseline'] && !values.quick && !values.many,
		remote: !values['no-remote'] && !values.many,
		openOnly: values['open-only'] || values.many,
		rounds: Math.max(1, int(values.rounds, values.before ? 3 : 1)),
		before: values.before ?? null,
		profile: values.profile,
		trace: values.trace,
		quietWaitSec: int(values['quiet-wait'], 30)
	};
}

// ——— Statistics ———

export interface Distribution {
	n: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	mean: number;
}

/** Nearest-rank percentiles. */
function distribution(values: number[]): Distribution {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	return {
		n: sorted.length,
		p50: rank(0.5) ?? NaN,
		p95: rank(0.95) ?? NaN,
		p99: rank(0.99) ?? NaN,
		max: sorted.at(-1) ?? NaN,
		mean: sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1)
	};
}

function median(values: number[]): number {
	return distribution(values).p50;
}

// ——— Opening the story ———

interface OpenRun {
	kind: 'new profile' | 'reload';
	marks: OpenMarks;
	/** Cores busy on the machine in the second before (see `quiet`). */
	busyCoresBefore: number;
}

function storyUrl(server: BenchServer, storyId: string): string {
	// The admin token: the reader shows up as "Admin", an owner of every story.
	return withBenchToken(`${server.httpUrl}/stories/${storyId}`);
}

/**
 * When the story counts as open: the editor holds it all, the review bar counts every item and
 * the margin shows the cards near the viewport (it never renders the others).
 */
function openedAt(marks: OpenMarks): number {
	return Math.max(marks.editorShown!, marks.reviewShown!);
}

/** Navigates (or reloads) and waits for the open probe's last milestone. */
async function timeOpen(page: Page, go: () => Promise<unknown>): Promise<OpenMarks> {
	await go();
	try {
		await page.waitForFunction(
			() => {
				const marks = (window as unknown as { __open?: OpenMarks }).__open;
				return marks?.longFrames !== undefined;
			},
			undefined,
			{ timeout: 120_000, polling: 100 }
		);
	} catch (error) {
		const state = await page
			.evaluate(() => ({
				blocks: document.querySelector('.ProseMirror')?.childElementCount ?? null,
				cards: document.querySelectorAll('[data-review-card]').length,
				counts: document.querySelector('.review-bar .counts')?.textContent,
				marks: (window as unknown as { __open?: OpenMarks }).__open,
				page: document.body.innerText.slice(0, 300)
			}))
			.catch(() => null);
		throw new Error(`the story never opened completely: ${JSON.stringify(state)}`, {
			cause: error
		});
	}
	// longFrames is set once both the editor and the review have shown (see installOpenProbe).
	return page.evaluate(() => (window as unknown as { __open: OpenMarks }).__open);
}

/** What the review bar's counts read (its own wording) once every item is in. */
function reviewCounts(threads: number, suggestions: number): string {
	const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
	return `${plural(threads, 'comment')} · ${plural(suggestions, 'suggestion')}`;
}

async function newReader(
	browser: Browser,
	expected: OpenExpectation
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	// tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(fn, "fn")`;
	// functions sent to the page carry those calls, so the page needs the helper too.
	await context.addInitScript('globalThis.__name ??= (target) => target;');
	await context.addInitScript(installOpenProbe, expected);
	const page = await context.newPage();
	return { context, page };
}

async function measureOpens(
	browser: Browser,
	url: string,
	expected: OpenExpectation,
	runs: number,
	profileTo: string | null,
	quietWaitSec: number
): Promise<{ runs: OpenRun[]; profile?: ProfileSummary; reloadProfile?: ProfileSummary }> {
	const results: OpenRun[] = [];
	let profile: ProfileSummary | undefined;
	let reloadProfile: ProfileSummary | undefined;
	// One unrecorded open first: the server loads the story, Chromium warms its caches.
	for (let run = -1; run < runs; run++) {
		const busyCoresBefore = run < 0 ? 0 : await quiet(quietWaitSec);
		const { context, page } = await newReader(browser, expected);
		const cdp = run === 0 && profileTo ? await startProfile(page) : null;
		const cold = await timeOpen(page, () => page.goto(url, { waitUntil: 'commit' }));
		if (cdp) profile = await stopProfile(cdp, `${profileTo}-open`);
		const warmCdp = run === 0 && profileTo ? await startProfile(page) : null;
		const warm = await timeOpen(page, () => page.reload({ waitUntil: 'commit' }));
		if (warmCdp) reloadProfile = await stopProfile(warmCdp, `${profileTo}-reload`);
		await context.close();
		if (run < 0) continue;
		results.push(
			{ kind: 'new profile', marks: cold, busyCoresBefore },
			{ kind: 'reload', marks: warm, busyCoresBefore }
		);
		log(
			`  open #${run + 1}: new profile ${openedAt(cold).toFixed(0)} ms ` +
				`(editor ${cold.editorShown!.toFixed(0)} ms), reload ${openedAt(warm).toFixed(0)} ms`
		);
	}
	return { runs: results, ...(profile && { profile }), ...(reloadProfile && { reloadProfile }) };
}

// ——— Typing ———

interface TypingRun {
	label: string;
	story: 'review' | 'baseline';
	mode: 'editing' | 'suggesting';
	keys: KeyMark[];
	events: TimedEvent[];
	profile?: ProfileSummary;
	trace?: TraceRow[];
	/** Main-thread CPU (thread) time per key, from the trace. */
	traceCpu?: number;
	/** What the page showed afterwards (checks that the keys did what we claim). */
	check: string;
	/** Cores busy on the machine in the second before (see `quiet`). */
	busyCoresBefore?: number;
	/** Remote updates a second from a collaborator typing elsewhere (0: alone). */
	remotePerSecond?: number;
	/** The checker's flags when typing began (it had finished checking the story). */
	checkerFlags?: number;
	/** The tab after typing: its JavaScript heap and DOM nodes (Chromium's Performance metrics). */
	memory?: { jsHeapMB: number; domNodes: number };
}

/** Waits until the checker has checked the whole story (its count settled), so typing meets it on. */
async function checkerSettled(page: Page): Promise<number> {
	let last = '';
	let stableSince = Date.now();
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		const count = (await page.locator('.checker-count').first().textContent())?.trim() ?? '…';
		if (count !== last) {
			last = count;
			stableSince = Date.now();
		} else if (count !== '…' && Date.now() - stableSince >= 1000) {
			return Number(count);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`the checker never settled (last count: ${last})`);
}

/** The tab's JavaScript heap and DOM node count, from Chromium's Performance domain. */
async function tabMemory(page: Page): Promise<{ jsHeapMB: number; domNodes: number }> {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('Performance.enable');
		const { metrics } = await cdp.send('Performance.getMetrics');
		const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? NaN;
		return { jsHeapMB: metric('JSHeapUsedSize') / 2 ** 20, domNodes: metric('Nodes') };
	} finally {
		await cdp.detach();
	}
}

/** Puts the caret at the end of the middle block's text and scrolls it into view. */
async function caretInTheMiddle(page: Page): Promise<void> {
	await page.evaluate(() => {
		const root = document.querySelector<HTMLElement>('.ProseMirror')!;
		const block = root.children[Math.floor(root.childElementCount / 2)]!;
		const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
			acceptNode: (node) =>
				node.parentElement?.closest('ins.review-insert, .collaboration-carets__caret')
					? NodeFilter.FILTER_REJECT
					: NodeFilter.FILTER_ACCEPT
		});
		let last: Text | null = null;
		for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
		block.scrollIntoView({ block: 'center' });
		root.focus();
		const range = document.createRange();
		range.setStart(last!, last!.length);
		range.collapse(true);
		getSelection()?.removeAllRanges();
		getSelection()?.addRange(range);
	});
	await page.evaluate(
		() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))
	);
}

/** The middle block's text without widgets (for checking what typing did). */
function middleBlockText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const root = document.querySelector<HTMLElement>('.ProseMirror')!;
		const block = root.children[Math.floor(root.childElementCount / 2)]!.cloneNode(true);
		for (const widget of (block as HTMLElement).querySelectorAll(
			'ins.review-insert, .collaboration-carets__caret'
		)) {
			widget.remove();
		}
		return block.textContent ?? '';
	});
}

async function measureTyping(
	browser: Browser,
	url: string,
	expected: OpenExpectation,
	run: Omit<TypingRun, 'keys' | 'events' | 'check'>,
	keys: number,
	profileTo: string | null,
	trace: boolean,
	collaborate: (() => Promise<Collaborator>) | null
): Promise<TypingRun> {
	const { context, page } = await newReader(browser, expected);
	let collaborator: Collaborator | null = null;
	try {
		await timeOpen(page, () => page.goto(url, { waitUntil: 'commit' }));
		const checkerFlags = await checkerSettled(page);
		if (run.mode === 'suggesting') {
			const toggle = page.getByRole('switch', { name: 'Suggesting' });
			await toggle.click();
			if ((await toggle.getAttribute('aria-checked')) !== 'true') {
				throw new Error('suggesting mode did not turn on');
			}
		}
		await caretInTheMiddle(page);
		const before = await middleBlockText(page);
		if (collaborate) {
			collaborator = await collaborate();
			// Let the collaborator's caret and first characters arrive before measuring.
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		await page.evaluate(installKeyProbe);
		const cdp = profileTo ? await startProfile(page) : null;
		if (trace)
			await browser.startTracing(page, {
				categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute']
			});
		const next = seededRandom(3);
		let typed = '';
		for (let index = 0; index < keys; index++) {
			const key = PHRASE[index % PHRASE.length]!;
			await page.keyboard.type(key);
			typed += key;
			await Promise.race([
				page.evaluate(
					(count) =>
						(window as unknown as { __painted: (n: number) => Promise<void> }).__painted(count),
					index + 1
				),
				new Promise((_, reject) =>
					setTimeout(() => reject(new Error(`key ${index + 1} was never painted`)), 30_000)
				)
			]);
			const gap = GAP_MS[0] + next() * (GAP_MS[1] - GAP_MS[0]);
			await new Promise((resolve) => setTimeout(resolve, gap));
		}
		const profileName = `${profileTo}-${run.story}-${run.mode}${run.remotePerSecond ? '-remote' : ''}`;
		const profile = cdp ? await stopProfile(cdp, profileName) : null;
		let traceRows: TraceRow[] | undefined;
		let traceCpu: number | undefined;
		if (trace) {
			const json = (await browser.stopTracing()).toString();
			const remote = run.remotePerSecond ? '-remote' : '';
			const file = path.join(outDir, `editor-trace-${run.story}-${run.mode}${remote}.json`);
			writeFileSync(file, json);
			log(`  trace written to ${path.relative(repoRoot, file)}`);
			traceRows = summarizeTrace(json, keys);
			traceCpu = traceCpuPerKey(json, keys);
		}
		const remoteTyped = collaborator?.stop();
		collaborator = null;
		const memory = await tabMemory(page);
		const marks = await page.evaluate(() => (window as unknown as { __keys: KeyMark[] }).__keys);
		const events = await page.evaluate(
			() => (window as unknown as { __events: TimedEvent[] }).__events
		);
		// Check the keys did what we say they did.
		await page.evaluate(
			() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 600)))
		);
		const after = await middleBlockText(page);
		let check: string;
		if (run.mode === 'editing') {
			if (after !== before + typed) throw new Error('the typed text is not where it was typed');
			check = `the middle paragraph grew by the ${keys} characters typed`;
			if (remoteTyped !== undefined) {
				const first = await page.locator('.ProseMirror > *').first().textContent();
				const tail = Array.from({ length: remoteTyped }, (_, at) => 'abcdefghij'[at % 10])
					.join('')
					.slice(-8);
				if (!first?.includes(tail)) {
					throw new Error("the collaborator's typing did not reach the page");
				}
				check += `, while a collaborator typed ${remoteTyped} characters in the first one`;
			}
		} else {
			if (after !== before) throw new Error('suggesting mode changed the text');
			// The proposed text is drawn inline in the editor; its card may be far down the margin
			// (cards are rendered only near the viewport), so look in the editor.
			const inserts = await page
				.locator('.ProseMirror ins.review-insert')
				.evaluateAll((widgets) => widgets.map((widget) => widget.textContent ?? ''));
			const grown = inserts.filter((text) => text === typed);
			if (grown.length !== 1) {
				throw new Error(
					`expected one suggestion inserting the typed text, found: ${inserts.filter((text) => text !== 'very ').join(' | ')}`
				);
			}
			check = `text unchanged; one insertion suggestion holds the ${keys} characters typed`;
		}
		return {
			...run,
			keys: marks,
			events,
			check,
			checkerFlags,
			memory,
			...(profile && { profile }),
			...(traceRows && { trace: traceRows, traceCpu })
		};
	} finally {
		collaborator?.stop();
		await context.close();
	}
}

interface TypingSummary {
	label: string;
	busyCoresBefore?: number;
	keys: number;
	/** keydown → first frame painted after the input. */
	toPaint: Distribution;
	/** keydown → the input's synchronous and microtask work done. */
	toHandled: Distribution;
	/** Keys the browser's Event Timing saw take 16 ms or more, and the longest. */
	eventTimingOver16: number;
	eventTimingMax: number;
	memory?: { jsHeapMB: number; domNodes: number };
}

/** One kind of typing run, its rounds' keys pooled (each round is a page of its own). */
function summarizeTyping(runs: TypingRun[]): TypingSummary {
	let over = 0;
	let longest = 0;
	for (const run of runs) {
		run.keys.forEach((mark, index) => {
			const end = run.keys[index + 1]?.down ?? Infinity;
			const durations = run.events
				.filter((event) => event.start >= mark.down - 0.5 && event.start < end)
				.map((event) => event.duration);
			const worst = Math.max(0, ...durations);
			if (worst >= 16) over++;
			longest = Math.max(longest, worst);
		});
	}
	const keys = runs.flatMap((run) => run.keys);
	const busy = runs.map((run) => run.busyCoresBefore ?? 0);
	const last = runs.at(-1)!;
	return {
		label: last.label,
		busyCoresBefore: Math.max(...busy),
		keys: keys.length,
		toPaint: distribution(keys.map((mark) => (mark.painted ?? NaN) - mark.down)),
		toHandled: distribution(keys.map((mark) => (mark.handled ?? NaN) - mark.down)),
		eventTimingOver16: over,
		eventTimingMax: longest,
		...(last.memory && { memory: last.memory })
	};
}

// ——— CPU profiles ———

async function startProfile(page: Page): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	return cdp;
}

async function stopProfile(cdp: CDPSession, name: string): Promise<ProfileSummary> {
	const { profile } = await cdp.send('Profiler.stop');
	await cdp.detach();
	const file = path.join(outDir, `${name}.cpuprofile`);
	writeFileSync(file, JSON.stringify(profile));
	const summary = summarizeProfile(profile, path.join(repoRoot, 'build'));
	log(`  CPU profile written to ${path.relative(repoRoot, file)}`);
	return summary;
}

// ——— Report ———

const ms = (value: number | undefined) =>
	value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(value < 100 ? 1 : 0);

function renderReport(
	options: Options,
	story: { words: number; chars: number } & SeedResult,
	opens: OpenRun[],
	typing: TypingSummary[],
	chromium: string
): string {
	const lines: string[] = [];
	lines.push(
		`Story: ${story.words.toLocaleString('en')} words (${story.chars.toLocaleString('en')} characters, ` +
			`${story.blocks} paragraphs), ${story.threads} threads + ${story.suggestions} suggestions. ` +
			`Headless Chromium ${chromium}, ${cpus().length} cores, Node ${process.version}.`,
		''
	);
	lines.push(
		'| open (navigation start → painted) | runs | editor created | editor shows the story | first card | **open**: editor + review shown (median) | min – max | long frames: count / total / longest |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |'
	);
	for (const kind of ['new profile', 'reload'] as const) {
		const runs = opens.filter((run) => run.kind === kind).map((run) => run.marks);
		const all = runs.map(openedAt);
		lines.push(
			`| ${kind === 'new profile' ? 'new browser profile' : 'reload (story cached on the device)'} | ${runs.length} | ` +
				`${ms(median(runs.map((marks) => marks.editorCreated!)))} | ` +
				`${ms(median(runs.map((marks) => marks.editorShown!)))} | ` +
				`${ms(median(runs.map((marks) => marks.firstCard!)))} | ` +
				`**${ms(median(all))}** | ${ms(Math.min(...all))} – ${ms(Math.max(...all))} | ` +
				`${median(runs.map((marks) => marks.longFrames ?? 0))} / ${ms(median(runs.map((marks) => marks.longFrameMs ?? 0)))} / ${ms(median(runs.map((marks) => marks.longestFrameMs ?? 0)))} |`
		);
	}
	lines.push(
		'',
		`| keystroke → paint (${options.keys} keys${options.rounds > 1 ? ` × ${options.rounds} rounds` : ''}, one at a time, checker on) | p50 | p95 | p99 | max | input handled p50 / p95 | Event Timing ≥ 16 ms | tab: JS heap / DOM nodes |`,
		'| --- | --- | --- | --- | --- | --- | --- | --- |'
	);
	for (const summary of typing) {
		const paint = summary.toPaint;
		lines.push(
			`| ${summary.label} | ${ms(paint.p50)} | **${ms(paint.p95)}** | ${ms(paint.p99)} | ${ms(paint.max)} | ` +
				`${ms(summary.toHandled.p50)} / ${ms(summary.toHandled.p95)} | ` +
				`${summary.eventTimingOver16} of ${summary.keys} (max ${ms(summary.eventTimingMax)}) | ` +
				`${summary.memory ? `${summary.memory.jsHeapMB.toFixed(0)} MB / ${summary.memory.domNodes.toLocaleString('en')}` : '–'} |`
		);
	}
	// Issue 16's aims: one frame at 50,000 words; 25 ms and 3 s at novel length (150,000).
	const novel = story.words > 100_000;
	lines.push(
		'',
		`All figures in milliseconds. Aims: open ≤ ${novel ? '3,000' : '1,500'} ms; keystroke p95 ≤ ${novel ? 25 : 16} ms.`
	);
	const busiest = Math.max(
		...opens.map((run) => run.busyCoresBefore),
		...typing.map((summary) => summary.busyCoresBefore ?? 0)
	);
	if (busiest >= 0.15) {
		lines.push(
			`Other work was running: up to ${(busiest * 100).toFixed(0)} % of a core busy before a phase (after waiting ${options.quietWaitSec} s for quiet).`
		);
	}
	return lines.join('\n');
}

function renderProfiles(profiles: Array<[string, ProfileSummary]>): string {
	const lines: string[] = [];
	for (const [name, summary] of profiles) {
		lines.push(
			'',
			`Main thread during ${name}: ${ms(summary.totalMs)} ms sampled, ${ms(summary.idleMs)} ms idle, ${ms(summary.gcMs)} ms GC.`,
			'',
			'| self time (ms) | % of busy | function | where |',
			'| --- | --- | --- | --- |'
		);
		for (const row of summary.top) {
			lines.push(
				`| ${ms(row.selfMs)} | ${row.share.toFixed(1)} | \`${row.name}\` | ${row.where} |`
			);
		}
	}
	return lines.join('\n');
}

function renderTraces(runs: TypingRun[]): string {
	const traced = runs.filter((run) => run.trace);
	const buckets = [...new Set(traced.flatMap((run) => run.trace!.map((row) => row.bucket)))];
	const total = (run: TypingRun) => run.trace!.reduce((sum, row) => sum + row.msPerKey, 0);
	buckets.sort(
		(a, b) =>
			Math.max(...traced.map((run) => run.trace!.find((row) => row.bucket === b)?.msPerKey ?? 0)) -
			Math.max(...traced.map((run) => run.trace!.find((row) => row.bucket === a)?.msPerKey ?? 0))
	);
	const lines = [
		'',
		'Main-thread time per key typed, from a Chromium trace (self time; pauses between keys included, so debounced work counts too):',
		'',
		`| ms per key | ${traced.map((run) => run.label).join(' | ')} |`,
		`| --- | ${traced.map(() => '---').join(' | ')} |`
	];
	for (const bucket of buckets) {
		const cells = traced.map((run) =>
			ms(run.trace!.find((row) => row.bucket === bucket)?.msPerKey)
		);
		lines.push(`| ${bucket} | ${cells.join(' | ')} |`);
	}
	lines.push(`| **total** | ${traced.map((run) => ms(total(run))).join(' | ')} |`);
	lines.push(
		`| **main-thread CPU time** (thread time: not inflated by other processes) | ${traced.map((run) => ms(run.traceCpu)).join(' | ')} |`
	);
	return lines.join('\n');
}

// ——— Main ———

async function importStory(server: BenchServer, title: string, text: string): Promise<string> {
	const response = await fetch(`${server.httpUrl}/api/stories?title=${encodeURIComponent(title)}`, {
		method: 'POST',
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			authorization: `Bearer ${BENCH_ADMIN_TOKEN}`
		},
		body: text
	});
	if (response.status !== 201) throw new Error(`import failed: ${response.status}`);
	const body = (await response.json()) as { stories: Array<{ id: string }> };
	return body.stories[0]!.id;
}

/** Deletes the suggestions made since `since` (an ISO time): what a suggesting run typed. */
async function deleteSuggestionsSince(
	server: BenchServer,
	storyId: string,
	since: string
): Promise<void> {
	const headers = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };
	const base = `${server.httpUrl}/api/stories/${storyId}/suggestions`;
	const response = await fetch(base, { headers });
	const { suggestions } = (await response.json()) as {
		suggestions: Array<{ id: string; createdAt: string }>;
	};
	for (const { id } of suggestions.filter((suggestion) => suggestion.createdAt >= since)) {
		const deleted = await fetch(`${base}/${id}`, { method: 'DELETE', headers });
		if (deleted.status !== 204) throw new Error(`could not delete suggestion ${id}`);
	}
}

/** Which app a typing run types into: this checkout's, or the one of `--before`. */
type Variant = 'after' | 'before';

/** A server of one app with the two stories typed into. */
interface BenchApp {
	server: BenchServer;
	review: string;
	baseline: string;
}

/**
 * The app of `revision` on a server of its own, with the same story and review items as the
 * current one (the seeding is deterministic; checked by the counts each page must show).
 */
async function startBefore(
	revision: string,
	text: string,
	seed: SeedResult,
	threads: number,
	suggestions: number
): Promise<BenchApp & { sha: string }> {
	const { sha, appDir } = buildBefore(revision, repoRoot, outDir, log);
	const server = await startServer('ours', 60_000, appDir);
	try {
		const review = await importStory(server, 'Bench: long story under review', text);
		const baseline = await importStory(server, 'Bench: long story, no review', text);
		const seeded = await seedReview(server.wsBase, review, threads, suggestions);
		if (seeded.blocks !== seed.blocks || seeded.threads !== seed.threads) {
			throw new Error('the story for --before was not seeded like the current one');
		}
		return { sha, server, review, baseline };
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/** Before (the app of `--before`) and after (this checkout), the same keys, the same run. */
function renderComparison(
	options: Options,
	sha: string,
	before: TypingSummary[],
	after: TypingSummary[]
): string {
	const lines = [
		'',
		`Before: the app of ${options.before} (${sha.slice(0, 12)}); after: this checkout. ${options.rounds} rounds of ${options.keys} keys each, alternating, in this run.`,
		'',
		'| keystroke → paint | before p50 / p95 | after p50 / p95 | p95 change |',
		'| --- | --- | --- | --- |'
	];
	after.forEach((summary, index) => {
		const was = before[index]!.toPaint;
		const now = summary.toPaint;
		const change = ((now.p95 - was.p95) / was.p95) * 100;
		lines.push(
			`| ${summary.label} | ${ms(was.p50)} / ${ms(was.p95)} | ${ms(now.p50)} / **${ms(now.p95)}** | ${change > 0 ? '+' : ''}${change.toFixed(0)} % |`
		);
	});
	return lines.join('\n');
}

async function main() {
	const options = parseOptions(process.argv.slice(2));
	const startedAt = new Date();
	mkdirSync(outDir, { recursive: true });
	log('Checking the app build…');
	execFileSync(process.execPath, ['scripts/ensureBuild.mjs'], {
		cwd: repoRoot,
		stdio: ['ignore', process.stderr, process.stderr]
	});

	// The server serves a private copy of the build: a rebuild of build/ during the run (by anyone)
	// would otherwise swap the app's chunks under the pages being measured.
	const appDir = path.join(outDir, `app-${process.pid}`);
	rmSync(appDir, { recursive: true, force: true });
	cpSync(path.join(repoRoot, 'build'), path.join(appDir, 'build'), { recursive: true });
	const server = await startServer('ours', 60_000, appDir);
	let browser: Browser | null = null;
	let stopBefore: (() => Promise<void>) | null = null;
	try {
		const text = generateStory(options.words);
		const story = { words: countWords(text), chars: text.length };
		log(`Importing a ${story.words.toLocaleString('en')}-word story, twice…`);
		const reviewId = await importStory(server, 'Bench: long story under review', text);
		const baselineId = await importStory(server, 'Bench: long story, no review', text);
		log(`Seeding ${options.threads} threads and ${options.suggestions} suggestions…`);
		const seed = await seedReview(server.wsBase, reviewId, options.threads, options.suggestions);
		log(`  seeded in ${seed.seedMs.toFixed(0)} ms (anchors made in Node)`);
		const expected: OpenExpectation = {
			blocks: seed.blocks,
			cards: seed.threads + seed.suggestions,
			counts: reviewCounts(seed.threads, seed.suggestions)
		};
		const reviewUrl = storyUrl(server, reviewId);
		const baselineUrl = storyUrl(server, baselineId);

		browser = await launchBrowser();
		const chromium = browser.version();
		const profileTo = options.profile ? 'editor-profile' : null;
		log(`Opening the story (${options.runs} runs, after one warm-up)…`);
		const opens = await measureOpens(
			browser,
			reviewUrl,
			expected,
			options.runs,
			profileTo,
			options.quietWaitSec
		);

		const plans: Array<[string, Omit<TypingRun, 'keys' | 'events' | 'check'>]> = [
			[
				reviewUrl,
				{ label: `${expected.cards} review items, editing`, story: 'review', mode: 'editing' }
			],
			[
				reviewUrl,
				{ label: `${expected.cards} review items, suggesting`, story: 'review', mode: 'suggesting' }
			]
		];
		// Alone first, then with a collaborator, then suggesting (whose suggestion stays behind
		// and changes the review's counts).
		if (options.remote) {
			plans.splice(1, 0, [
				reviewUrl,
				{
					label: `${expected.cards} review items, editing, a collaborator typing elsewhere (10 updates/s)`,
					story: 'review',
					mode: 'editing',
					remotePerSecond: 10
				}
			]);
		}
		if (options.baseline) {
			plans.push(
				[baselineUrl, { label: 'no review items, editing', story: 'baseline', mode: 'editing' }],
				[
					baselineUrl,
					{ label: 'no review items, suggesting', story: 'baseline', mode: 'suggesting' }
				]
			);
		}
		// With --before, the same story in the app of that revision, typed into alternately.
		const before = options.before
			? await startBefore(options.before, text, seed, options.threads, options.suggestions)
			: null;
		stopBefore = before ? () => before.server.stop() : null;
		const apps: Record<Variant, BenchApp | null> = {
			after: { server, review: reviewId, baseline: baselineId },
			before
		};
		const typing: TypingRun[][] = [];
		const typingBefore: TypingRun[][] = [];
		for (const [, plan] of options.openOnly ? [] : plans) {
			const story = plan.story === 'review' ? expected : { ...expected, cards: 0 };
			const runs: Record<Variant, TypingRun[]> = { after: [], before: [] };
			for (let round = 0; round < options.rounds; round++) {
				// Before, after, after, before…: a drift of the machine falls on both alike.
				const order: Variant[] = !before
					? ['after']
					: round % 2
						? ['after', 'before']
						: ['before', 'after'];
				for (const variant of order) {
					const app = apps[variant]!;
					const storyId = app[plan.story];
					const which = before
						? ` (${variant === 'after' ? 'this checkout' : options.before})`
						: '';
					log(`Typing ${options.keys} keys: ${plan.label}${which}, round ${round + 1}…`);
					const busyCoresBefore = await quiet(options.quietWaitSec);
					const typedFrom = new Date().toISOString();
					const result = await measureTyping(
						browser,
						storyUrl(app.server, storyId),
						{
							...story,
							counts: reviewCounts(story.cards && seed.threads, story.cards && seed.suggestions)
						},
						plan,
						options.keys,
						variant === 'after' ? profileTo : null,
						options.trace && variant === 'after',
						plan.remotePerSecond
							? () => startCollaborator(app.server.wsBase, app.review, plan.remotePerSecond!)
							: null
					);
					const summary = summarizeTyping([result]);
					log(
						`  p50 ${ms(summary.toPaint.p50)} / p95 ${ms(summary.toPaint.p95)} / max ${ms(summary.toPaint.max)} ms — ${result.check}`
					);
					log(
						`  checker: ${result.checkerFlags} flags; tab after typing: ${result.memory?.jsHeapMB.toFixed(0)} MB JS heap, ${result.memory?.domNodes} DOM nodes`
					);
					runs[variant].push({ ...result, busyCoresBefore });
					// The next round meets the story as this one did.
					if (plan.mode === 'suggesting' && options.rounds > 1) {
						await deleteSuggestionsSince(app.server, storyId, typedFrom);
					}
				}
			}
			typing.push(runs.after);
			if (before) typingBefore.push(runs.before);
		}

		const summaries = typing.map(summarizeTyping);
		const summariesBefore = typingBefore.map(summarizeTyping);
		const storyFacts = { ...story, ...seed };
		let table = renderReport(options, storyFacts, opens.runs, summaries, chromium);
		if (before) {
			table += `\n${renderComparison(options, before.sha, summariesBefore, summaries)}`;
		}
		const firstRounds = typing.map((runs) => runs[0]!);
		const profiles: Array<[string, ProfileSummary]> = [];
		if (opens.profile) profiles.push(['the first open (new profile)', opens.profile]);
		if (opens.reloadProfile) profiles.push(['its reload', opens.reloadProfile]);
		for (const run of firstRounds) {
			if (run.profile) profiles.push([`typing, ${run.label}`, run.profile]);
		}
		if (profiles.length > 0) table += `\n${renderProfiles(profiles)}`;
		if (firstRounds.some((run) => run.trace)) table += `\n${renderTraces(firstRounds)}`;
		process.stdout.write(`${table}\n`);

		const report = {
			startedAt: startedAt.toISOString(),
			machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, chromium },
			options,
			story: storyFacts,
			open: {
				runs: opens.runs,
				medianMs: {
					newProfile: median(
						opens.runs.filter((run) => run.kind === 'new profile').map((run) => openedAt(run.marks))
					),
					reload: median(
						opens.runs.filter((run) => run.kind === 'reload').map((run) => openedAt(run.marks))
					)
				},
				...(opens.profile && { profile: opens.profile })
			},
			typing: typing.map((runs, index) => ({
				runs,
				summary: summaries[index],
				...(before && {
					before: { sha: before.sha, runs: typingBefore[index], summary: summariesBefore[index] }
				})
			}))
		};
		writeFileSync(path.join(outDir, 'editor.json'), `${JSON.stringify(report, null, '\t')}\n`);
		writeFileSync(path.join(outDir, 'editor.md'), `${table}\n`);
		log(
			`\nwritten bench/.out/editor.json and editor.md in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`
		);
	} finally {
		await browser?.close();
		await server.stop();
		await stopBefore?.();
		rmSync(appDir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		log(String(error instanceof Error ? (error.stack ?? error) : error));
		process.exit(1);
	}
);
