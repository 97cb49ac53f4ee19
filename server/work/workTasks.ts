import type * as Y from 'yjs';
import { readStoryText } from '#shared/model/storyDoc';
import { inspectStored } from '../collab/docFromStored';
import { exportStory as buildExport, type ExportFile } from '../formats/exportStory';
import { prepareImport as readImport, type PreparedStory } from '../stories/prepareImport';
import { StoryError, type StoryErrorKind } from '../stories/StoryError';
import type { Checker } from '#shared/proofing/createChecker';
import type { Flag, Locale } from '#shared/proofing/types';
import type { ExportJob, ImportJob, ProofreadJob } from './HeavyWork';

// The tasks a worker thread runs (and InPlaceWork runs in place). Errors cross a thread as plain
// Error copies, losing their class: a StoryError travels as a result instead, and is rebuilt.

export type TaskResult<T> =
	{ ok: true; value: T } | { ok: false; kind: StoryErrorKind; message: string };

async function settle<T>(work: () => Promise<T>, what: string): Promise<TaskResult<T>> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		if (error instanceof StoryError) return { ok: false, kind: error.kind, message: error.message };
		// A parser recursing through a pathologically nested input: the input's fault, not ours.
		if (error instanceof RangeError && /call stack/i.test(error.message)) {
			return { ok: false, kind: 'too-complex', message: `${what} is nested too deeply to read.` };
		}
		throw error;
	}
}

export function prepareImport(job: ImportJob): Promise<TaskResult<PreparedStory>> {
	return settle(
		() => readImport(job.source, { title: job.title, maxBytes: job.maxBytes }),
		job.source.filename ? `"${job.source.filename}"` : 'The text'
	);
}

export function exportStory(job: ExportJob): Promise<TaskResult<ExportFile>> {
	return settle(async () => {
		const story = docFromRows(job.story);
		const notes = docFromRows(job.notes);
		try {
			// Stories always stored their import text; should it be missing, the current text is the
			// best baseline there is (the report then shows no changes rather than failing).
			const baseline = job.baseline ?? readStoryText(story);
			return await buildExport(
				{
					title: job.title,
					story,
					notes,
					baseline,
					source: job.source,
					...(job.compared && { compared: job.compared })
				},
				job.options
			);
		} finally {
			story.destroy();
			notes.destroy();
		}
	}, 'The story');
}

/** A document from rows applied in order; a row that does not apply whole is damage. */
function docFromRows(rows: Uint8Array[]): Y.Doc {
	const { doc, damaged } = inspectStored({
		snapshot: null,
		updates: rows,
		updateSeqs: [],
		lastSeq: 0,
		writers: new Map(),
		damaged: []
	});
	if (damaged.length === 0) return doc;
	doc.destroy();
	throw new StoryError(
		'damaged',
		"This story's saved data is damaged: it is kept aside for repair and cannot be read."
	);
}

/** One checker per locale per thread: building one parses a Hunspell dictionary (~0.25 s). */
const checkers = new Map<Locale, Checker>();

export function proofread(job: ProofreadJob): Promise<TaskResult<Flag[]>> {
	return settle(async () => {
		let checker = checkers.get(job.locale);
		if (!checker) {
			// Loaded on a thread's first proofreading only: the checker's word data takes tens of
			// megabytes a thread that only imports and exports never needs.
			const [{ createChecker }, { loadDictionary }] = await Promise.all([
				import('#shared/proofing/createChecker'),
				import('../proofing/loadDictionaries')
			]);
			checker = createChecker({
				dictionaries: { [job.locale]: loadDictionary(job.locale) },
				locale: job.locale
			});
			checkers.set(job.locale, checker);
		}
		return checker.check(job.text, {
			storyWords: job.storyWords,
			ignoredWords: job.ignoredWords
		});
	}, 'The story');
}

/** The value of a task's result, or its StoryError thrown again on this side. */
export function unwrap<T>(result: TaskResult<T>): T {
	if (result.ok) return result.value;
	throw new StoryError(result.kind, result.message);
}
